// In-process Nix syntax check for raw Nix text, built on the lezer grammar of
// @replit/codemirror-lang-nix (no subprocess: the engine stays pure and fast).

// The grammar is an approximation of Nix 2.8's bison grammar. Checked against
// `nix-instantiate --parse` (nixpkgs lib/ and hand-made cases), it diverges in
// both directions, so treat `ok: true` as "very likely parses":
//   rejects valid Nix:
//     - trailing comma in a set pattern: `{ a, b, }: a`
//     - `null`, `true`, `false`, `builtins`, `or` as bare attribute names
//       (`{ null = 1; }`); quoted names (`"null"`) are fine
//     - the indented-string escapes `'''`, `''$`, `''\x` (the grammar's
//       tokenizer ends the string at the first `''`), and a backslash right
//       before a quote in an indented string (`''a\''` reads `\'` as an
//       escape, so the string never closes)
//     - path interpolation `./a/${b}`
//   accepts invalid Nix:
//     - chained non-associative operators `a == b == c`, `a < b < c`
//     - the checks Nix performs while parsing rather than in its grammar:
//       duplicate attributes `{ a = 1; a = 2; }`, duplicate formals,
//       undefined variables, trailing slash in paths, subnormal floats
// panther's own printer never needs this module for its output; it is only the
// gate for `raw(text)`.

import { parser } from "@replit/codemirror-lang-nix";
import type { SyntaxNode, Tree } from "@lezer/common";

export type NixParseResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string };

export type NixParseFailure = Extract<NixParseResult, { ok: false }>;

/**
 * How tightly an expression binds, so the printer knows when to parenthesise:
 * 0 = may be the base of a select (`x.a`), 1 = may be a list element or an
 * application argument, 2 = may be the function of an application, 3 = anything
 * else (lambda, let, operators, negative numbers, ...).
 */
export type Precedence = 0 | 1 | 2 | 3;

export interface NixShape {
  readonly precedence: Precedence;
  /** A `#` comment runs to the end of the text, so nothing may follow on that line. */
  readonly endsWithLineComment: boolean;
}

/** Thrown by `raw(text)` when the text is not a Nix expression. */
export class NixSyntaxError extends Error {
  override readonly name = "NixSyntaxError";
  readonly line: number;
  readonly column: number;
  /** The offending source line with a caret under the error column. */
  readonly snippet: string;

  constructor(failure: NixParseFailure, source: string) {
    const snippet = snippetAt(source, failure.line, failure.column);
    super(`Nix syntax error at ${failure.line}:${failure.column}: ${failure.message}\n${snippet}`);
    this.line = failure.line;
    this.column = failure.column;
    this.snippet = snippet;
  }
}

/** Does `text` parse as a single Nix expression? Line and column are 1-based; columns count code points. */
export function checkNixSyntax(text: string): NixParseResult {
  const result = analyzeNix(text);
  return result.ok ? { ok: true } : result;
}

/** Parse `text` and, when it is a valid expression, describe its outer shape for the printer. */
export function analyzeNix(text: string): ({ readonly ok: true } & NixShape) | NixParseFailure {
  const tree = parser.parse(text);
  const error = firstError(tree);
  if (error !== null) return failureAt(text, error.from, error.to);
  const expression = topExpression(tree);
  if (expression === null) return failureAt(text, text.length, text.length);
  return {
    ok: true,
    precedence: precedenceOf(expression),
    endsWithLineComment: endsWithLineComment(tree, text),
  };
}

function firstError(tree: Tree): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  tree.iterate({
    enter(node) {
      if (found !== null) return false;
      if (node.type.isError) {
        found = { from: node.from, to: node.to };
        return false;
      }
      return undefined;
    },
  });
  return found;
}

function isComment(node: SyntaxNode): boolean {
  return node.name === "LineComment" || node.name === "BlockComment";
}

function topExpression(tree: Tree): SyntaxNode | null {
  for (let child = tree.topNode.firstChild; child !== null; child = child.nextSibling) {
    if (!isComment(child)) return child;
  }
  return null;
}

const SELECTABLE = new Set([
  "Identifier",
  "builtins",
  "Null",
  "Boolean",
  "String",
  "IndentedString",
  "List",
  "AttrSet",
  "RecAttrSet",
  "LetAttrSet",
  "Parenthesized",
]);

// Numbers and paths are atoms, but `1.a` lexes as a float and `./a.nix.b` as
// one path, so they must not be a select base without parentheses.
const ELEMENT = new Set(["Integer", "Float", "Path", "HPath", "SPath", "URI"]);

function precedenceOf(node: SyntaxNode): Precedence {
  if (SELECTABLE.has(node.name)) return 0;
  if (node.name === "Select") return node.getChild("or") === null ? 0 : 1;
  if (ELEMENT.has(node.name)) return 1;
  if (node.name === "App") return 2;
  return 3;
}

function endsWithLineComment(tree: Tree, text: string): boolean {
  const last = tree.topNode.lastChild;
  return last !== null && last.name === "LineComment" && text.slice(last.to).trim() === "";
}

function failureAt(text: string, from: number, to: number): NixParseFailure {
  let pos = from;
  while (pos < text.length && /\s/.test(text[pos] ?? "")) pos++;
  const { line, column } = lineColumn(text, pos);
  return { ok: false, line, column, message: describeUnexpected(text, pos, Math.max(to, pos)) };
}

function describeUnexpected(text: string, from: number, to: number): string {
  if (from >= text.length) return "unexpected end of input";
  const token = to > from ? text.slice(from, to) : String.fromCodePoint(text.codePointAt(from) ?? 0);
  return `unexpected ${JSON.stringify(token.length > 40 ? token.slice(0, 40) + "…" : token)}`;
}

function lineColumn(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  const lines = before.split("\n");
  const current = lines[lines.length - 1] ?? "";
  return { line: lines.length, column: [...current].length + 1 };
}

function snippetAt(source: string, line: number, column: number): string {
  const text = source.split("\n")[line - 1] ?? "";
  return `${text}\n${" ".repeat(column - 1)}^`;
}
