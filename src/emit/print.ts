// The one printer (and formatter) of panther's Nix syntax tree: nixfmt-like,
// 2-space indentation, deterministic bytes, output that Nix 2.8 reads back exactly.

import {
  isBareAttrName,
  type AttrsNode,
  type Binding,
  type Inherit,
  type ListNode,
  type Node,
  type NixFile,
  type SetLambdaNode,
} from "./nix-ast.ts";
import type { Precedence } from "./nix-parse.ts";

const STEP = "  ";

// A one-element list stays on one line (`[ pkgs.ripgrep ]`) when its element is
// short and flat; everything else non-empty is one element per line.
const INLINE_LIST_MAX = 60;

/** The expression as Nix text, without a trailing newline. */
export function printExpr(node: Node): string {
  return render(node, "");
}

/** A whole file: header comment, blank line, body, final newline. */
export function printFile(nixFile: NixFile): string {
  const body = render(nixFile.body, "") + "\n";
  if (nixFile.header.length === 0) return body;
  return commentBlock(nixFile.header, "") + "\n" + body;
}

function render(node: Node, indent: string): string {
  switch (node.kind) {
    case "null":
      return "null";
    case "bool":
      return node.value ? "true" : "false";
    case "int":
      return String(node.value);
    case "float":
      return formatFloat(node.value);
    case "string":
      return quoteString(node.value);
    case "indentedString":
      return indentedString(node.value, indent) ?? quoteString(node.value);
    case "path":
      return node.value;
    case "ident":
      return node.name;
    case "select":
      return wrap(node.base, 0, indent) + "." + node.path.map(attrName).join(".");
    case "app":
      return [wrap(node.fn, 2, indent), ...node.args.map((arg) => wrap(arg, 1, indent))].join(" ");
    case "lambda":
      return node.param + ": " + render(node.body, indent);
    case "setLambda":
      return formals(node) + ":\n" + indent + render(node.body, indent);
    case "list":
      return renderList(node, indent);
    case "attrs":
      return renderAttrs(node, indent);
    case "let":
      return "let\n" + renderEntries(node.bindings, indent + STEP) + indent + "in\n" + indent + render(node.body, indent);
    case "raw":
      // Anything after a trailing `#` comment on the same line would be commented out.
      return node.endsWithLineComment ? node.text + "\n" + indent : node.text;
  }
}

function precedence(node: Node): Precedence {
  switch (node.kind) {
    case "null":
    case "bool":
    case "string":
    case "indentedString":
    case "ident":
    case "list":
    case "attrs":
    case "select":
      return 0;
    // `-1` is `__sub 0 1` in Nix 2.8, an operator: `[ -1 ]` is a syntax error.
    case "int":
    case "float":
      return node.value < 0 ? 3 : 1;
    case "path":
      return 1;
    case "app":
      return 2;
    case "let":
    case "lambda":
    case "setLambda":
      return 3;
    case "raw":
      return node.precedence;
  }
}

function wrap(node: Node, allowed: Precedence, indent: string): string {
  const text = render(node, indent);
  return precedence(node) > allowed ? "(" + text + ")" : text;
}

// ---------------------------------------------------------------------------
// Compound layouts

function renderList(node: ListNode, indent: string): string {
  if (node.items.length === 0) return "[ ]";
  const [only] = node.items;
  if (node.items.length === 1 && only !== undefined && only.kind !== "list" && only.kind !== "attrs") {
    const text = wrap(only, 1, indent);
    if (!text.includes("\n") && text.length <= INLINE_LIST_MAX) return "[ " + text + " ]";
  }
  const inner = indent + STEP;
  // trimEnd: a raw element ending in a `#` comment already broke its line.
  const lines = node.items.map((item) => inner + wrap(item, 1, inner).trimEnd() + "\n");
  return "[\n" + lines.join("") + indent + "]";
}

function renderAttrs(node: AttrsNode, indent: string): string {
  if (node.inherits.length === 0 && node.bindings.length === 0) return "{ }";
  return "{\n" + renderEntries(node, indent + STEP) + indent + "}";
}

function renderEntries(node: AttrsNode, indent: string): string {
  const inherits = node.inherits.map((entry) => renderInherit(entry, indent));
  const bindings = node.bindings.map((entry) => renderBinding(entry, indent));
  return [...inherits, ...bindings].join("");
}

function renderInherit(entry: Inherit, indent: string): string {
  const source = entry.from === null ? [] : ["(" + render(entry.from, indent) + ")"];
  const line = ["inherit", ...source, ...entry.names].join(" ") + ";";
  return commentBlock(entry.comment, indent) + indent + line + "\n";
}

// `a = { b = { c = 1; }; }` prints as `a.b.c = 1;`, but only through
// attrsets of exactly one plain binding: a comment on an inner binding, or an
// inherit, keeps the nesting so nothing is lost or moved.
function renderBinding(binding: Binding, indent: string): string {
  const names = [binding.name];
  let value = binding.value;
  for (;;) {
    const [child] = value.kind === "attrs" && value.inherits.length === 0 ? value.bindings : [];
    if (value.kind !== "attrs" || value.bindings.length !== 1 || child === undefined || child.comment.length > 0) break;
    names.push(child.name);
    value = child.value;
  }
  const lhs = indent + names.map(attrName).join(".");
  const rhs = hangs(value)
    ? " =\n" + indent + STEP + render(value, indent + STEP)
    : " = " + render(value, indent);
  return commentBlock(binding.comment, indent) + lhs + rhs + ";\n";
}

// Headers that own the following lines start on their own line, as nixfmt does.
function hangs(value: Node): boolean {
  return value.kind === "let" || value.kind === "setLambda";
}

function formals(node: SetLambdaNode): string {
  const parts = node.ellipsis ? [...node.formals, "..."] : node.formals;
  return parts.length === 0 ? "{ }" : "{ " + parts.join(", ") + " }";
}

function commentBlock(lines: readonly string[], indent: string): string {
  return lines.map((line) => (line.trim() === "" ? indent + "#\n" : indent + "# " + line.trimEnd() + "\n")).join("");
}

// ---------------------------------------------------------------------------
// Lexical forms

function attrName(name: string): string {
  return isBareAttrName(name) ? name : quoteString(name);
}

/**
 * Shortest round-trip decimal (JS `String`), reshaped for Nix 2.8's FLOAT token
 * `(([1-9][0-9]*\.[0-9]*)|(0?\.[0-9]+))([Ee][+-]?[0-9]+)?`: the mantissa needs a
 * dot, so `1e21` (an int applied to `e21`) becomes `1.0e21` and `2` becomes `2.0`.
 */
export function formatFloat(value: number): string {
  const [mantissa = "", exponent] = String(Math.abs(value)).split("e");
  const dotted = mantissa.includes(".") ? mantissa : mantissa + ".0";
  const text = exponent === undefined ? dotted : dotted + "e" + exponent.replace("+", "");
  return value < 0 ? "-" + text : text;
}

const DOUBLE_QUOTED_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  // A literal CR (or CRLF) in a Nix string literal is read back as LF.
  "\r": "\\r",
  "\t": "\\t",
};

/** A double-quoted Nix string. `${` is escaped as `\${`; a lone `$` needs nothing. */
export function quoteString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === "$" && value[i + 1] === "{") out += "\\$";
    else out += DOUBLE_QUOTED_ESCAPES[c] ?? c;
  }
  return out + '"';
}

/**
 * The `''...''` form, or null when Nix 2.8 would not read it back as `value`.
 * Nix strips the smallest indentation of the lines that have non-space content
 * (whitespace-only lines do not count) and drops a final line of only spaces.
 * Every line is printed with the same extra indentation, so the value is exact
 * when (a) some content line starts with a non-space, making that the minimum,
 * and (b) the value does not end in a line of only spaces.
 */
function indentedString(value: string, indent: string): string | null {
  if (!value.includes("\n")) return null;
  const endsWithNewline = value.endsWith("\n");
  const lines = (endsWithNewline ? value.slice(0, -1) : value).split("\n");
  const content = lines.filter((line) => /[^ ]/.test(line));
  if (!content.some((line) => !line.startsWith(" "))) return null;
  const last = lines[lines.length - 1] ?? "";
  if (!endsWithNewline && /^ +$/.test(last)) return null;
  const inner = indent + STEP;
  const printed = lines.map((line, index) => {
    if (line === "") return "";
    const closes = !endsWithNewline && index === lines.length - 1;
    return inner + escapeIndentedLine(line, closes);
  });
  // The lexer eats the newline right after the opening `''`.
  return "''\n" + printed.join("\n") + (endsWithNewline ? "\n" + indent + "''" : "''");
}

const LONE_QUOTE = Symbol("lone quote");

/**
 * Inside `''...''`: `''` is written `'''`, `${` is `''${`, CR is `''\r`.
 * A single `'` directly before another `'` in the output (an escape or the
 * closing `''`) would merge into `'''`, so that one is written `''\'`.
 */
function escapeIndentedLine(line: string, closesString: boolean): string {
  const segments: (string | typeof LONE_QUOTE)[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === "'") {
      let run = 0;
      while (line[i + run] === "'") run++;
      for (let pair = 0; pair < Math.floor(run / 2); pair++) segments.push("'''");
      if (run % 2 === 1) segments.push(LONE_QUOTE);
      i += run;
    } else if (c === "$" && line[i + 1] === "{") {
      segments.push("''${");
      i += 2;
    } else if (c === "\r") {
      segments.push("''\\r");
      i += 1;
    } else {
      segments.push(c);
      i += 1;
    }
  }
  const after = closesString ? "''" : "\n";
  return segments
    .map((segment, index) => {
      if (segment !== LONE_QUOTE) return segment;
      const next = segments[index + 1] ?? after;
      return typeof next === "string" && next.startsWith("'") ? "''\\'" : "'";
    })
    .join("");
}
