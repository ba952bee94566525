// panther's Nix syntax tree: readonly nodes made only through the constructor
// functions below, which validate what Nix 2.8 would reject and canonicalise attrsets.

import { analyzeNix, NixSyntaxError, type Precedence } from "./nix-parse.ts";

export { NixSyntaxError } from "./nix-parse.ts";

export type Node =
  | NullNode
  | BoolNode
  | IntNode
  | FloatNode
  | StringNode
  | IndentedStringNode
  | PathNode
  | ListNode
  | AttrsNode
  | LetNode
  | LambdaNode
  | SetLambdaNode
  | IdentNode
  | SelectNode
  | AppNode
  | RawNode;

export interface NullNode { readonly kind: "null" }
export interface BoolNode { readonly kind: "bool"; readonly value: boolean }
export interface IntNode { readonly kind: "int"; readonly value: number }
export interface FloatNode { readonly kind: "float"; readonly value: number }
/** Always printed double-quoted. */
export interface StringNode { readonly kind: "string"; readonly value: string }
/** Printed as `''...''` when that form reproduces the value exactly, else double-quoted. */
export interface IndentedStringNode { readonly kind: "indentedString"; readonly value: string }
export interface PathNode { readonly kind: "path"; readonly value: string }
export interface ListNode { readonly kind: "list"; readonly items: readonly Node[] }
/** Canonical: bindings sorted by name, dotted paths expanded into nested attrsets. */
export interface AttrsNode {
  readonly kind: "attrs";
  readonly inherits: readonly Inherit[];
  readonly bindings: readonly Binding[];
}
export interface LetNode { readonly kind: "let"; readonly bindings: AttrsNode; readonly body: Node }
export interface LambdaNode { readonly kind: "lambda"; readonly param: string; readonly body: Node }
export interface SetLambdaNode {
  readonly kind: "setLambda";
  readonly formals: readonly string[];
  readonly ellipsis: boolean;
  readonly body: Node;
}
export interface IdentNode { readonly kind: "ident"; readonly name: string }
export interface SelectNode { readonly kind: "select"; readonly base: Node; readonly path: readonly string[] }
export interface AppNode { readonly kind: "app"; readonly fn: Node; readonly args: readonly Node[] }
export interface RawNode {
  readonly kind: "raw";
  readonly text: string;
  readonly precedence: Precedence;
  readonly endsWithLineComment: boolean;
}

/** One attribute of a canonical attrset; `comment` lines are printed as `# ...` above it. */
export interface Binding {
  readonly kind: "binding";
  readonly name: string;
  readonly value: Node;
  readonly comment: readonly string[];
}

export interface Inherit {
  readonly kind: "inherit";
  readonly from: Node | null;
  readonly names: readonly string[];
  readonly comment: readonly string[];
}

/** An attrset entry as written by a caller: an attribute path (`services.openssh.enable`) and a value. */
export interface PathBinding {
  readonly kind: "pathBinding";
  readonly path: readonly string[];
  readonly value: Node;
  readonly comment: readonly string[];
}

export type Entry = PathBinding | Inherit;

// ---------------------------------------------------------------------------
// Lexical rules of Nix 2.8

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

// Reserved by Nix 2.8's lexer: unusable as bare identifiers or attribute names.
const KEYWORDS = new Set(["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit"]);

// Nix 2.8 accepts these bare as attribute names, but `or` is contextual and
// the lezer grammar behind raw() rejects all five; quoting them is always valid.
const QUOTED_NAMES = new Set(["or", "true", "false", "null", "builtins"]);

/** May `name` appear unquoted as an attribute name (`name = ...;`, `x.name`)? */
export function isBareAttrName(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name) && !QUOTED_NAMES.has(name);
}

/** May `name` be used as a variable (`ident`, lambda parameter, formal)? */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name) && name !== "or";
}

// Nix strings are C strings (a NUL truncates them), and a lone surrogate has no
// UTF-8 encoding, so neither can reach a .nix file intact.
function checkString(value: string, what: string): string {
  if (value.includes("\u0000")) throw new Error(`${what} contains a NUL character, which Nix strings cannot hold`);
  if (/\p{Cs}/u.test(value)) throw new Error(`${what} contains a lone UTF-16 surrogate, which has no UTF-8 encoding`);
  return value;
}

function checkIdentifier(name: string, what: string): string {
  if (!isIdentifier(name)) throw new Error(`${what} ${JSON.stringify(name)} is not a Nix identifier`);
  return name;
}

/** Order of Nix's `builtins.attrNames`: UTF-8 bytes, i.e. code points (not JS's UTF-16 code units). */
export function compareNames(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done === true || cb.done === true) return (ca.done === true ? 0 : 1) - (cb.done === true ? 0 : 1);
    const diff = (ca.value.codePointAt(0) ?? 0) - (cb.value.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
}

// ---------------------------------------------------------------------------
// Scalars

export function nul(): NullNode {
  return { kind: "null" };
}

export function bool(value: boolean): BoolNode {
  return { kind: "bool", value };
}

/** Nix ints are 64-bit, but only JS safe integers are exact here. */
export function int(value: number): IntNode {
  if (!Number.isSafeInteger(value)) throw new Error(`int(${value}): not a safe integer`);
  return { kind: "int", value: value === 0 ? 0 : value };
}

const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * -0 becomes 0: Nix 2.8 reads `-0.0` as `0 - 0.0`, which is +0.
 * Subnormals are rejected: Nix 2.8 parses float literals with strtod and
 * refuses any literal whose result underflows ("invalid float '5.0e-324'").
 */
export function float(value: number): FloatNode {
  if (!Number.isFinite(value)) throw new Error(`float(${value}): Nix has no literal for non-finite numbers`);
  if (value !== 0 && Math.abs(value) < MIN_NORMAL) {
    throw new Error(`float(${value}): Nix 2.8 cannot read subnormal float literals`);
  }
  return { kind: "float", value: value === 0 ? 0 : value };
}

export function str(value: string): StringNode {
  return { kind: "string", value: checkString(value, "string") };
}

/** A string that prefers the `''...''` form (for multi-line text such as NixOS `lines`). */
export function indented(value: string): IndentedStringNode {
  return { kind: "indentedString", value: checkString(value, "string") };
}

// Nix 2.8's PATH token is `{PATH_CHAR}*(\/{PATH_CHAR}+)+\/?`, and a trailing
// slash is then rejected by the parser. Only anchored forms are allowed here so
// that a path never reads as division or a bare word.
const PATH = /^(?:\.{1,2}|)(?:\/[A-Za-z0-9._+-]+)+$/;

export function path(value: string): PathNode {
  if (!PATH.test(value)) {
    throw new Error(`path(${JSON.stringify(value)}): expected ./x, ../x or /x made of [A-Za-z0-9._+-] segments`);
  }
  return { kind: "path", value };
}

export function ident(name: string): IdentNode {
  return { kind: "ident", name: checkIdentifier(name, "identifier") };
}

// ---------------------------------------------------------------------------
// Compound expressions

export function list(items: readonly Node[]): ListNode {
  return { kind: "list", items: [...items] };
}

export function select(base: Node, attrPath: string | readonly string[]): SelectNode {
  const segments = typeof attrPath === "string" ? [attrPath] : [...attrPath];
  if (segments.length === 0) throw new Error("select: empty attribute path");
  for (const segment of segments) checkString(segment, "attribute name");
  if (base.kind === "select") return { kind: "select", base: base.base, path: [...base.path, ...segments] };
  return { kind: "select", base, path: segments };
}

/** `ref("lib.mkForce")` = `select(ident("lib"), ["mkForce"])`; every segment must be a plain identifier. */
export function ref(dotted: string): IdentNode | SelectNode {
  const [head, ...rest] = dotted.split(".");
  const root = ident(head ?? "");
  for (const segment of rest) checkIdentifier(segment, "attribute name");
  return rest.length === 0 ? root : select(root, rest);
}

export function app(fn: Node, ...args: readonly Node[]): AppNode {
  if (args.length === 0) throw new Error("app: at least one argument is required");
  if (fn.kind === "app") return { kind: "app", fn: fn.fn, args: [...fn.args, ...args] };
  return { kind: "app", fn, args: [...args] };
}

export function lambda(param: string, body: Node): LambdaNode {
  return { kind: "lambda", param: checkIdentifier(param, "lambda parameter"), body };
}

/** `{ config, lib, pkgs, ... }: body`; formals keep their order, `...` is on unless `ellipsis: false`. */
export function setLambda(
  formals: readonly string[],
  body: Node,
  options: { readonly ellipsis?: boolean } = {},
): SetLambdaNode {
  const seen = new Set<string>();
  for (const formal of formals) {
    checkIdentifier(formal, "formal");
    if (seen.has(formal)) throw new Error(`setLambda: duplicate formal ${JSON.stringify(formal)}`);
    seen.add(formal);
  }
  return { kind: "setLambda", formals: [...formals], ellipsis: options.ellipsis ?? true, body };
}

/**
 * Raw Nix text, for what the tree cannot express. Accepted only when it parses
 * (see nix-parse.ts for the grammar's known gaps); printed verbatim apart from
 * trimmed surrounding whitespace, because re-indenting could change the
 * contents of multi-line strings inside it.
 */
export function raw(text: string): RawNode {
  const trimmed = checkString(text, "raw text").trim();
  const result = analyzeNix(trimmed);
  if (!result.ok) throw new NixSyntaxError(result, trimmed);
  return {
    kind: "raw",
    text: trimmed,
    precedence: result.precedence,
    endsWithLineComment: result.endsWithLineComment,
  };
}

// ---------------------------------------------------------------------------
// Attrsets and let

function commentLines(comment: string | readonly string[] | undefined): readonly string[] {
  if (comment === undefined) return [];
  const parts = typeof comment === "string" ? [comment] : comment;
  // `#` comments end at CR as well as LF in Nix's lexer.
  return parts.flatMap((part) => checkString(part, "comment").split(/\r\n|\r|\n/));
}

/** `bind(["services", "openssh", "enable"], bool(true))`; a string is one attribute name, never split on dots. */
export function bind(
  attrPath: string | readonly string[],
  value: Node,
  comment?: string | readonly string[],
): PathBinding {
  const segments = typeof attrPath === "string" ? [attrPath] : [...attrPath];
  if (segments.length === 0) throw new Error("bind: empty attribute path");
  for (const segment of segments) checkString(segment, "attribute name");
  return { kind: "pathBinding", path: segments, value, comment: commentLines(comment) };
}

/** `inherit a b;` or, with `from`, `inherit (from) a b;`. Names are sorted. */
export function inherit(
  names: readonly string[],
  options: { readonly from?: Node; readonly comment?: string | readonly string[] } = {},
): Inherit {
  if (names.length === 0) throw new Error("inherit: at least one name is required");
  const sorted = [...names].sort(compareNames);
  for (const name of sorted) checkIdentifier(name, "inherited name");
  return { kind: "inherit", from: options.from ?? null, names: sorted, comment: commentLines(options.comment) };
}

/** An attrset from entries, or from a record of single attribute names. */
export function attrs(entries: readonly Entry[] | Readonly<Record<string, Node>> = []): AttrsNode {
  const list: readonly Entry[] = isEntryList(entries)
    ? entries
    : Object.keys(entries).map((name) => bind(name, entries[name] as Node));
  return buildAttrs(list);
}

function isEntryList(entries: readonly Entry[] | Readonly<Record<string, Node>>): entries is readonly Entry[] {
  return Array.isArray(entries);
}

export function letIn(entries: readonly Entry[], body: Node): LetNode {
  if (entries.length === 0) throw new Error("letIn: at least one binding is required");
  return { kind: "let", bindings: buildAttrs(entries), body };
}

// A trie of attribute paths. Nix merges `a.b = 1; a.c = 2;` and even
// `a = { b = 1; }; a.c = 2;` into one nested set, so panther does the same up
// front: the tree is then canonical and the printer decides about dotted paths.
interface Trie {
  value: Node | null;
  /** Known to be an attrset: an attrset value landed here or a longer path passes through. */
  isSet: boolean;
  readonly children: Map<string, Trie>;
  readonly inherits: Inherit[];
  readonly users: Set<number>;
  readonly comments: string[];
}

function newTrie(): Trie {
  return { value: null, isSet: false, children: new Map(), inherits: [], users: new Set(), comments: [] };
}

interface Flat {
  readonly path: readonly string[];
  readonly value: Node;
  readonly comment: readonly string[];
}

function buildAttrs(entries: readonly Entry[]): AttrsNode {
  const root = newTrie();
  const flats: Flat[] = [];
  collect(entries, [], flats, root);
  flats.forEach((flat, id) => insert(root, flat, id));
  flats.forEach((flat, id) => attachComment(root, flat, id));
  return freeze(root, []);
}

// Explicit attrset values are unfolded into the trie so that they merge with
// dotted paths into the same set.
function collect(entries: readonly Entry[], prefix: readonly string[], out: Flat[], root: Trie): void {
  for (const entry of entries) {
    if (entry.kind === "inherit") {
      walk(root, prefix).inherits.push(entry);
      continue;
    }
    const full = [...prefix, ...entry.path];
    if (entry.value.kind === "attrs") {
      out.push({ path: full, value: entry.value, comment: entry.comment });
      const nested: Entry[] = [
        ...entry.value.inherits,
        ...entry.value.bindings.map((b) => bind(b.name, b.value, b.comment)),
      ];
      collect(nested, full, out, root);
    } else {
      out.push({ path: full, value: entry.value, comment: entry.comment });
    }
  }
}

function walk(root: Trie, attrPath: readonly string[]): Trie {
  let node = root;
  for (const segment of attrPath) {
    let child = node.children.get(segment);
    if (child === undefined) {
      child = newTrie();
      node.children.set(segment, child);
    }
    node = child;
  }
  return node;
}

function insert(root: Trie, flat: Flat, id: number): void {
  const last = flat.path.length - 1;
  let node = root;
  flat.path.forEach((segment, index) => {
    const child = node.children.get(segment) ?? newTrie();
    node.children.set(segment, child);
    if (child.value !== null) throw new Error(`attribute ${showPath(flat.path.slice(0, index + 1))} is defined twice`);
    if (index < last) child.isSet = true;
    child.users.add(id);
    node = child;
  });
  if (flat.value.kind === "attrs") {
    node.isSet = true;
  } else if (node.isSet) {
    throw new Error(`attribute ${showPath(flat.path)} is defined twice`);
  } else {
    node.value = flat.value;
  }
}

// A comment belongs to the outermost trie node that only its own binding
// created, so `bind(["a","b","c"], v, "why")` alone prints `# why` above
// `a.b.c = v;`, whatever order the entries came in.
function attachComment(root: Trie, flat: Flat, id: number): void {
  if (flat.comment.length === 0) return;
  let node = root;
  let target: Trie | null = null;
  for (const segment of flat.path) {
    node = node.children.get(segment) as Trie;
    if (target === null && node.users.size === 1 && node.users.has(id)) target = node;
  }
  (target ?? node).comments.push(...flat.comment);
}

function freeze(node: Trie, at: readonly string[]): AttrsNode {
  const inheritedNames = new Set<string>();
  for (const entry of node.inherits) {
    for (const name of entry.names) {
      if (inheritedNames.has(name) || node.children.has(name)) {
        throw new Error(`attribute ${showPath([...at, name])} is defined twice`);
      }
      inheritedNames.add(name);
    }
  }
  const names = [...node.children.keys()].sort(compareNames);
  const bindings = names.map((name): Binding => {
    const child = node.children.get(name) as Trie;
    const value = child.value ?? freeze(child, [...at, name]);
    return { kind: "binding", name, value, comment: [...child.comments] };
  });
  return { kind: "attrs", inherits: [...node.inherits], bindings };
}

function showPath(attrPath: readonly string[]): string {
  return attrPath.map((segment) => (isBareAttrName(segment) ? segment : JSON.stringify(segment))).join(".");
}

// ---------------------------------------------------------------------------
// Files

/** A whole .nix file: `# header` lines, a blank line, the body, a final newline. */
export interface NixFile {
  readonly kind: "file";
  readonly header: readonly string[];
  readonly body: Node;
}

export function file(spec: { readonly header?: readonly string[]; readonly body: Node }): NixFile {
  return { kind: "file", header: commentLines(spec.header ?? []), body: spec.body };
}
