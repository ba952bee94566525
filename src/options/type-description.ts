// Parser and printer of nixpkgs option-type descriptions ("null or (list of string)"), the
// strings `lib/types.nix` builds from `description`/`descriptionClass`, to and from TypeSpec.

import { descriptionClass, type DescriptionClass, type EnumValue, type SimpleType, type TypeSpec } from "./type-spec.ts";
import { NAMED_TYPES } from "./named-types.ts";

type Cls = DescriptionClass;

/** Classes a nested description may have without parentheses, per position (lib/types.nix). */
const NOUN: readonly Cls[] = ["noun"];
const NOUN_COMPOSITE: readonly Cls[] = ["noun", "composite"];
const NOUN_CONJ: readonly Cls[] = ["noun", "conjunction"];
const NOUN_CONJ_COMPOSITE: readonly Cls[] = ["noun", "conjunction", "composite"];

/** Descriptions of parameterless types. */
const SIMPLE_DESCRIPTIONS: ReadonlyArray<readonly [SimpleType, string]> = [
  ["bool", "boolean"],
  ["boolByOr", "boolean (merged using or)"],
  ["int", "signed integer"],
  ["float", "floating point number"],
  ["number", "signed integer or floating point number"],
  ["str", "string"],
  ["nonEmptyStr", "non-empty string"],
  ["singleLineStr", "(optionally newline-terminated) single-line string"],
  ["lines", 'strings concatenated with "\\n"'],
  ["commas", 'strings concatenated with ","'],
  ["envVar", 'strings concatenated with ":"'],
  ["port", "16 bit unsigned integer; between 0 and 65535 (both inclusive)"],
  ["raw", "raw value"],
  ["anything", "anything"],
  ["unspecified", "unspecified value"],
  ["path", "path"],
  ["absolutePath", "absolute path"],
  ["pathInStore", "path in the Nix store"],
  ["package", "package"],
  ["attrs", "attribute set"],
  ["pkgs", "Nixpkgs package set"],
  ["deferredModule", "module"],
  ["optionType", "optionType"],
  ["ints.u8", "8 bit unsigned integer; between 0 and 255 (both inclusive)"],
  ["ints.u16", "16 bit unsigned integer; between 0 and 65535 (both inclusive)"],
  ["ints.u32", "32 bit unsigned integer; between 0 and 4294967295 (both inclusive)"],
  ["ints.s8", "8 bit signed integer; between -128 and 127 (both inclusive)"],
  ["ints.s16", "16 bit signed integer; between -32768 and 32767 (both inclusive)"],
  ["ints.s32", "32 bit signed integer; between -2147483648 and 2147483647 (both inclusive)"],
  ["ints.unsigned", "unsigned integer, meaning >=0"],
  ["ints.positive", "positive integer, meaning >0"],
  ["numbers.nonnegative", "nonnegative integer or floating point number, meaning >=0"],
  ["numbers.positive", "positive integer or floating point number, meaning >0"],
  ["self", "<recursive value>"],
];

const SIMPLE_TO_DESCRIPTION = new Map<SimpleType, string>(SIMPLE_DESCRIPTIONS);

/**
 * Leaf phrases the parser recognises as a whole, longest first. "port" and "number" are left
 * out: they print like "ints.u16" and "either int float", which the parser yields instead.
 */
const LEAVES: ReadonlyArray<readonly [string, () => TypeSpec]> = [
  ...SIMPLE_DESCRIPTIONS.filter(([t]) => t !== "port" && t !== "number" && t !== "self").map(
    ([t, d]) => [d, (): TypeSpec => t] as const,
  ),
  ...Object.entries(NAMED_TYPES).map(([d, make]) => [d, make] as const),
].sort((a, b) => b[0].length - a[0].length);

/** Text that may follow a complete operand; a leaf phrase must end right before one of them. */
const BOUNDARIES = [")", " or ", ", or ", " convertible to it", ", not containing newlines or colons", " (with check: "];

export class TypeDescriptionError extends Error {}

/** A parsed operand, remembering whether it was written in parentheses. */
interface Operand {
  spec: TypeSpec;
  paren: boolean;
}

/** Recursive-descent parser over one description string. */
class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  at(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }
  eat(s: string): boolean {
    if (!this.at(s)) return false;
    this.pos += s.length;
    return true;
  }
  expect(s: string): void {
    if (!this.eat(s)) this.fail(`expected ${JSON.stringify(s)}`);
  }
  atEnd(): boolean {
    return this.pos >= this.src.length;
  }
  atBoundary(): boolean {
    return this.atEnd() || BOUNDARIES.some((b) => this.at(b));
  }
  fail(msg: string): never {
    throw new TypeDescriptionError(`${msg} at ${this.pos} in ${JSON.stringify(this.src)}`);
  }

  /** Position of the parenthesis closing the group the parser is in (or the end). */
  contextEnd(): number {
    let depth = 0;
    for (let i = this.pos; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === "(") depth++;
      else if (c === ")") {
        if (depth === 0) return i;
        depth--;
      }
    }
    return this.src.length;
  }

  /** chain := operand ((" or " | ", or ") operand)* [" convertible to it"] */
  chain(): Operand {
    const members: Operand[] = [this.operand()];
    const commaAfter: boolean[] = [];
    for (;;) {
      const last = members[members.length - 1]!;
      if (this.at(", or ") && descriptionClass(last.spec) === "nonRestrictiveClause" && !last.paren) {
        this.eat(", or ");
        commaAfter.push(true);
      } else if (this.eat(" or ")) {
        commaAfter.push(false);
      } else break;
      members.push(this.operand());
    }
    if (this.eat(" convertible to it")) return { spec: coercion(members), paren: false };
    return buildChain(members, commaAfter);
  }

  /** An operand: a parenthesised chain, a prefix form, or a leaf; then postfixes. */
  operand(): Operand {
    let op = this.baseOperand();
    for (;;) {
      if (this.eat(" (with check: ")) {
        const end = this.src.indexOf(")", this.pos);
        if (end < 0) this.fail("unterminated check");
        op = { spec: { type: "withCheck", elem: op.spec, check: this.src.slice(this.pos, end) }, paren: false };
        this.pos = end + 1;
      } else if (this.eat(", not containing newlines or colons")) {
        op = { spec: { type: "passwdEntry", elem: finalize(op, NOUN) }, paren: false };
      } else return op;
    }
  }

  baseOperand(): Operand {
    const leaf = this.leaf();
    if (leaf !== null) return { spec: leaf, paren: false };
    if (this.eat("null or ")) return { spec: { type: "nullOr", elem: finalize(this.chain(), NOUN_CONJ) }, paren: false };
    if (this.at("(")) return this.group();
    const prefixed = this.prefixed();
    if (prefixed !== null) return { spec: prefixed, paren: false };
    return { spec: this.unknown(), paren: false };
  }

  group(): Operand {
    const start = this.pos;
    this.expect("(");
    try {
      const inner = this.chain();
      this.expect(")");
      // An opaque name in parentheses has no noun class (else it would be written without).
      if (!inner.paren && typeof inner.spec !== "string" && inner.spec.type === "permissive") {
        return { spec: { ...inner.spec, cls: null }, paren: true };
      }
      return { spec: finalize(inner, ALL), paren: true };
    } catch (e) {
      if (!(e instanceof TypeDescriptionError)) throw e;
      // Opaque parenthesised text: keep it verbatim; parentheses mean it has no noun class.
      this.pos = start + 1;
      const end = this.contextEnd();
      const description = this.src.slice(this.pos, end);
      this.pos = end;
      this.expect(")");
      return { spec: { type: "permissive", description, cls: null }, paren: true };
    }
  }

  /** Forms with a keyword prefix followed by nested descriptions. */
  prefixed(): TypeSpec | null {
    if (this.eat("list of ")) return { type: "listOf", elem: finalize(this.operand(), NOUN_COMPOSITE) };
    if (this.eat("attribute set of ")) return { type: "attrsOf", elem: finalize(this.operand(), NOUN_COMPOSITE) };
    if (this.eat("lazy attribute set of ")) return { type: "lazyAttrsOf", elem: finalize(this.operand(), NOUN_COMPOSITE) };
    if (this.eat("function that evaluates to a(n) ")) return { type: "functionTo", elem: finalize(this.operand(), NOUN_COMPOSITE) };
    if (this.at("non-empty (list of ")) return this.nonEmpty();
    if (this.eat("unique (")) return this.uniqueList();
    if (this.eat("DAG of ")) return { type: "dagOf", elem: finalize(this.chain(), ALL) };
    if (this.eat("pair of ")) return { type: "pairOf", elem: finalize(this.chain(), ALL) };
    if (this.eat("tuple of")) return this.tuple();
    if (this.eat("one of ")) return { type: "enum", values: this.enumValues() };
    if (this.eat("value ")) return this.singularEnum();
    if (this.eat("integer between ")) return this.intBetween();
    if (this.eat("integer or floating point number between ")) return this.numberBetween();
    if (this.eat("strings concatenated with ")) return this.separated();
    if (this.eat("Concatenated string")) return { type: "separatedString", sep: "" };
    if (this.eat("string matching the pattern ")) return { type: "strMatching", pattern: this.pattern() };
    if (this.eat("impossible (empty enum)")) return { type: "enum", values: [] };
    return this.sizedInt();
  }

  nonEmpty(): TypeSpec {
    this.expect("non-empty ");
    const list = finalize(this.operand(), NOUN);
    if (typeof list === "string" || list.type !== "listOf") this.fail("non-empty of a non-list");
    return { type: "nonEmptyListOf", elem: list.elem };
  }

  uniqueList(): TypeSpec {
    const list = finalize(this.chain(), ALL);
    this.expect(")");
    return { type: "uniqueList", list };
  }

  tuple(): TypeSpec {
    const elems: TypeSpec[] = [];
    while (this.eat(" (")) {
      elems.push(finalize(this.chain(), ALL));
      this.expect(")");
    }
    if (elems.length === 0) this.fail("empty tuple");
    return { type: "tupleOf", elems };
  }

  /** enum values as `show` prints them: "str" (unescaped), ints, true/false, <null>. */
  enumValues(): EnumValue[] {
    const values: EnumValue[] = [this.enumValue()];
    while (this.at(", ")) {
      const save = this.pos;
      this.eat(", ");
      const v = this.tryEnumValue();
      if (v === undefined) {
        this.pos = save;
        break;
      }
      values.push(v);
    }
    return values;
  }

  enumValue(): EnumValue {
    const v = this.tryEnumValue();
    if (v === undefined) this.fail("expected an enum value");
    return v;
  }

  tryEnumValue(): EnumValue | undefined {
    if (this.at('"')) return this.enumString();
    if (this.eat("true")) return true;
    if (this.eat("false")) return false;
    if (this.eat("<null>")) return null;
    const m = /^-?\d+/.exec(this.src.slice(this.pos));
    if (m === null) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  /**
   * `show` does not escape strings, so a value may contain quotes: it ends at the first quote
   * followed by what can follow a value (another value, " or ", ")", the end, ...).
   */
  enumString(): string | undefined {
    const after = /^(?:$|, (?:"|-?\d|true|false|<null>)| or |\)| \(singular enum\)| convertible to it)/;
    for (let end = this.src.indexOf('"', this.pos + 1); end >= 0; end = this.src.indexOf('"', end + 1)) {
      if (after.test(this.src.slice(end + 1))) {
        const s = this.src.slice(this.pos + 1, end);
        this.pos = end + 1;
        return s;
      }
    }
    return undefined;
  }

  singularEnum(): TypeSpec {
    const v = this.enumValue();
    this.expect(" (singular enum)");
    return { type: "enum", values: [v] };
  }

  intBetween(): TypeSpec {
    const [lo, hi] = this.range(/^(-?\d+) and (-?\d+) \(both inclusive\)/);
    return { type: "ints.between", lo: Number(lo), hi: Number(hi) };
  }

  numberBetween(): TypeSpec {
    const [loText, hiText] = this.range(/^(-?[\d.e+-]+) and (-?[\d.e+-]+) \(both inclusive\)/);
    const spec: TypeSpec = { type: "numbers.between", lo: Number(loText), hi: Number(hiText) };
    if (String(spec.lo) !== loText) spec.loText = loText;
    if (String(spec.hi) !== hiText) spec.hiText = hiText;
    return spec;
  }

  range(re: RegExp): [string, string] {
    const m = re.exec(this.src.slice(this.pos));
    if (m === null) this.fail("expected a range");
    this.pos += m[0].length;
    return [m[1]!, m[2]!];
  }

  /** "N bit (un)signed integer; between A and B (both inclusive)": only the ints.* sizes exist. */
  sizedInt(): TypeSpec | null {
    for (const [t, d] of SIMPLE_DESCRIPTIONS) {
      if (t.startsWith("ints.") && this.at(d)) {
        this.pos += d.length;
        return t;
      }
    }
    return null;
  }

  /** The separator is printed with builtins.toJSON. */
  separated(): TypeSpec {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(this.src.slice(this.pos));
    if (m === null) this.fail("expected a JSON string");
    this.pos += m[0].length;
    const sep = JSON.parse(m[0]) as string;
    if (sep === "\n") return "lines";
    if (sep === ",") return "commas";
    if (sep === ":") return "envVar";
    return { type: "separatedString", sep };
  }

  /**
   * A strMatching pattern is printed raw, so its end is inferred: the first " or " or unmatched
   * ")" outside regex groups and bracket expressions, else the end of the string.
   */
  pattern(): string {
    const start = this.pos;
    let depth = 0;
    let i = start;
    while (i < this.src.length) {
      const c = this.src[i]!;
      if (c === "\\") i += 2;
      else if (c === "[") i = skipBracket(this.src, i);
      else if (c === "(") (depth++, i++);
      else if (c === ")") {
        if (depth === 0) break;
        depth--;
        i++;
      } else if (depth === 0 && this.src.startsWith(" or ", i)) break;
      else i++;
    }
    if (i === start) this.fail("empty pattern");
    this.pos = i;
    return this.src.slice(start, i);
  }

  /** A phrase from the leaf table, when it ends at an operand boundary. */
  leaf(): TypeSpec | null {
    for (const [phrase, make] of LEAVES) {
      if (!this.at(phrase)) continue;
      const save = this.pos;
      this.pos += phrase.length;
      if (this.atBoundary()) return make();
      this.pos = save;
    }
    return null;
  }

  /** Unrecognised text: an opaque custom type, up to the end of the enclosing group. */
  unknown(): TypeSpec {
    const end = this.contextEnd();
    if (end === this.pos) this.fail("expected a type");
    const description = this.src.slice(this.pos, end);
    this.pos = end;
    // Written without parentheses here, so it behaves like a noun phrase.
    return { type: "permissive", description, cls: "noun" };
  }
}

const ALL: readonly Cls[] = ["noun", "conjunction", "composite", "nonRestrictiveClause", null];

/** Skip a POSIX bracket expression starting at `i` ("[", "[^]x]", "[[:digit:]]"). */
function skipBracket(s: string, i: number): number {
  let j = i + 1;
  if (s[j] === "^") j++;
  if (s[j] === "]") j++;
  while (j < s.length && s[j] !== "]") {
    if (s[j] === "[" && (s[j + 1] === ":" || s[j + 1] === "." || s[j + 1] === "=")) {
      const close = s.indexOf(s[j + 1] + "]", j + 2);
      j = close < 0 ? j + 1 : close + 2;
    } else j++;
  }
  return j + 1;
}

/**
 * Resolve an operand in a position allowing `allowed` classes unparenthesised. Parentheses
 * around a description that would not need them betray a class-less wrapper: a submodule whose
 * freeformType gives the description.
 */
function finalize(op: Operand, allowed: readonly Cls[]): TypeSpec {
  if (op.paren && allowed.includes(descriptionClass(op.spec))) return { type: "submodule", freeform: op.spec };
  return op.spec;
}

/** "final or coerced convertible to it": both sides are noun phrases. */
function coercion(members: Operand[]): TypeSpec {
  if (members.length !== 2) throw new TypeDescriptionError(`coercedTo needs two types, got ${members.length}`);
  return { type: "coercedTo", to: finalize(members[0]!, NOUN), from: finalize(members[1]!, NOUN) };
}

/**
 * Turn `a or b or c` into either/oneOf. `oneOf` folds to the left, so a right operand may be a
 * composite without parentheses; a parenthesised composite or a ", or" in the middle shows a
 * right-nested `either` instead.
 */
function buildChain(members: Operand[], commaAfter: boolean[]): Operand {
  if (members.length === 1) return members[0]!;
  const folded: TypeSpec[] = [finalize(members[0]!, commaAfter[0] ? ALL : NOUN_CONJ)];
  for (let i = 1; i < members.length; i++) {
    const m = members[i]!;
    const nestsRight =
      i < members.length - 1 && (commaAfter[i] === true || (m.paren && descriptionClass(m.spec) === "composite"));
    if (nestsRight) {
      const right = buildChain(members.slice(i), commaAfter.slice(i)).spec;
      return { spec: { type: "either", left: foldEither(folded), right }, paren: false };
    }
    folded.push(finalize(m, NOUN_CONJ_COMPOSITE));
  }
  return { spec: foldEither(folded), paren: false };
}

function foldEither(types: TypeSpec[]): TypeSpec {
  if (types.length === 1) return types[0]!;
  if (types.length === 2) return { type: "either", left: types[0]!, right: types[1]! };
  return { type: "oneOf", types };
}

/** Parse a nixpkgs type description into a TypeSpec (opaque parts become `permissive`). */
export function parseTypeDescription(desc: string): TypeSpec {
  const p = new Parser(desc);
  try {
    const op = p.chain();
    if (!p.atEnd()) p.fail("unexpected text");
    return op.paren ? { type: "submodule", freeform: op.spec } : op.spec;
  } catch (e) {
    if (!(e instanceof TypeDescriptionError)) throw e;
    return { type: "permissive", description: desc, cls: null };
  }
}

/** Description of `spec` as a phrase in a position allowing the `allowed` classes. */
function phrase(spec: TypeSpec, allowed: readonly Cls[]): string {
  const d = describeTypeSpec(spec);
  return allowed.includes(descriptionClass(spec)) ? d : `(${d})`;
}

function showEnumValue(v: EnumValue): string {
  if (typeof v === "string") return `"${v}"`;
  if (v === null) return "<null>";
  return String(v);
}

function describeEither(left: TypeSpec, right: TypeSpec): string {
  if (descriptionClass(left) === "nonRestrictiveClause") return `${describeTypeSpec(left)}, or ${phrase(right, NOUN_CONJ)}`;
  return `${phrase(left, NOUN_CONJ)} or ${phrase(right, NOUN_CONJ_COMPOSITE)}`;
}

/** Print a TypeSpec the way nixpkgs describes the type (inverse of parseTypeDescription). */
export function describeTypeSpec(spec: TypeSpec): string {
  if (typeof spec === "string") return SIMPLE_TO_DESCRIPTION.get(spec)!;
  switch (spec.type) {
    case "ints.between":
      return `integer between ${spec.lo} and ${spec.hi} (both inclusive)`;
    case "numbers.between":
      return `integer or floating point number between ${spec.loText ?? spec.lo} and ${spec.hiText ?? spec.hi} (both inclusive)`;
    case "separatedString":
      return spec.sep === "" ? "Concatenated string" : `strings concatenated with ${JSON.stringify(spec.sep)}`;
    case "strMatching":
      return `string matching the pattern ${spec.pattern}`;
    case "enum":
      if (spec.values.length === 0) return "impossible (empty enum)";
      if (spec.values.length === 1) return `value ${showEnumValue(spec.values[0]!)} (singular enum)`;
      return `one of ${spec.values.map(showEnumValue).join(", ")}`;
    case "listOf":
      return `list of ${phrase(spec.elem, NOUN_COMPOSITE)}`;
    case "nonEmptyListOf":
      return `non-empty ${phrase({ type: "listOf", elem: spec.elem }, NOUN)}`;
    case "uniqueList":
      return `unique ${phrase(spec.list, NOUN)}`;
    case "attrsOf":
      return `attribute set of ${phrase(spec.elem, NOUN_COMPOSITE)}`;
    case "lazyAttrsOf":
      return `lazy attribute set of ${phrase(spec.elem, NOUN_COMPOSITE)}`;
    case "dagOf":
      return `DAG of ${describeTypeSpec(spec.elem)}`;
    case "pairOf":
      return `pair of ${describeTypeSpec(spec.elem)}`;
    case "tupleOf":
      return `tuple of${spec.elems.map((e) => ` (${describeTypeSpec(e)})`).join("")}`;
    case "nullOr":
      return `null or ${phrase(spec.elem, NOUN_CONJ)}`;
    case "either":
      return describeEither(spec.left, spec.right);
    case "oneOf":
      return spec.types.slice(2).reduce((acc, t) => `${acc} or ${phrase(t, NOUN_CONJ_COMPOSITE)}`, describeEither(spec.types[0]!, spec.types[1]!));
    case "coercedTo":
      return `${phrase(spec.to, NOUN)} or ${phrase(spec.from, NOUN)} convertible to it`;
    case "functionTo":
      return `function that evaluates to a(n) ${phrase(spec.elem, NOUN_COMPOSITE)}`;
    case "uniq":
      return describeTypeSpec(spec.elem);
    case "submodule":
      return spec.description ?? (spec.freeform === undefined ? "submodule" : describeTypeSpec(spec.freeform));
    case "attrTag":
      return "attribute-tagged union";
    case "withCheck":
      return `${describeTypeSpec(spec.elem)} (with check: ${spec.check})`;
    case "passwdEntry":
      return `${phrase(spec.elem, NOUN)}, not containing newlines or colons`;
    case "named":
      return spec.name;
    case "recursive":
      // Only nested in a `named` type (which prints its name) when it comes from the parser.
      return describeTypeSpec(spec.body);
    case "permissive":
      return spec.description;
  }
}
