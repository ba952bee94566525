// TypeSpec: a neutral, JSON-serialisable representation of nixpkgs option types, plus the
// shape of the shipped upstream option data (option records and the option tree).

/**
 * nixpkgs `descriptionClass` of a type; decides where its description needs parentheses
 * when nested in another type's description (see `optionDescriptionPhrase` in lib/types.nix).
 * `null` means "no class" (submodule, attrs, coercedTo, most custom types): always parenthesised.
 */
export type DescriptionClass = "noun" | "conjunction" | "composite" | "nonRestrictiveClause" | null;

/** Types without parameters, named after their `lib.types` attribute. */
export type SimpleType =
  | "bool"
  | "boolByOr"
  | "int"
  | "float"
  /** `types.number` = `either int float`; printed like that either. */
  | "number"
  | "str"
  | "nonEmptyStr"
  | "singleLineStr"
  /** separatedString "\n" */
  | "lines"
  /** separatedString "," */
  | "commas"
  /** separatedString ":" */
  | "envVar"
  /** alias of ints.u16 (same description, so the parser yields "ints.u16") */
  | "port"
  | "raw"
  | "anything"
  | "unspecified"
  /** `types.path` of older nixpkgs (description "path"): string-like starting with "/" */
  | "path"
  /** `types.path` of newer nixpkgs (`pathWith { absolute = true; }`, "absolute path"): same check */
  | "absolutePath"
  | "pathInStore"
  | "package"
  /** plain `types.attrs` ("attribute set") */
  | "attrs"
  /** `types.pkgs` ("Nixpkgs package set") */
  | "pkgs"
  /** `types.deferredModule` ("module") */
  | "deferredModule"
  | "optionType"
  | "ints.u8"
  | "ints.u16"
  | "ints.u32"
  | "ints.s8"
  | "ints.s16"
  | "ints.s32"
  | "ints.unsigned"
  | "ints.positive"
  | "numbers.nonnegative"
  | "numbers.positive"
  /** the nearest enclosing `recursive` type (JSON values contain JSON values, ...) */
  | "self";

/** A value allowed by `types.enum`. */
export type EnumValue = string | number | boolean | null;

/** Record of one upstream option (compact field names: the data set has ~25k of them). */
export interface UpstreamOption {
  /** type */
  t: TypeSpec;
  /** description, Markdown */
  d?: string;
  /** default, as Nix expression text (or Markdown when `defMd`) */
  def?: string;
  defMd?: true;
  /** example, as Nix expression text (or Markdown when `exMd`) */
  ex?: string;
  exMd?: true;
  /** declaring files (NixOS: relative to nixpkgs; home-manager: "<home-manager/...>") */
  decl?: string[];
  /** readOnly */
  ro?: true;
}

/**
 * A tree of option names. A node is either an option (`o`) or a plain namespace of children (`c`);
 * the two are never mixed, because children of an option live in its type (submodule options).
 */
export interface OptionTree {
  [name: string]: OptionTreeNode;
}
export type OptionTreeNode = { o: UpstreamOption } | { c: OptionTree };

export type TypeSpec =
  | SimpleType
  | { type: "ints.between"; lo: number; hi: number }
  /** `numbers.between`; lo/hi keep their Nix spelling (`0.0` vs `0`) in loText/hiText when it differs */
  | { type: "numbers.between"; lo: number; hi: number; loText?: string; hiText?: string }
  | { type: "separatedString"; sep: string }
  | { type: "strMatching"; pattern: string }
  | { type: "enum"; values: EnumValue[] }
  | { type: "listOf"; elem: TypeSpec }
  | { type: "nonEmptyListOf"; elem: TypeSpec }
  /** home-manager `uniqueList`: a list type whose elements must be distinct */
  | { type: "uniqueList"; list: TypeSpec }
  /** `placeholder` is the documentation name of the keys when not "name" (attrsWith) */
  | { type: "attrsOf"; elem: TypeSpec; placeholder?: string }
  | { type: "lazyAttrsOf"; elem: TypeSpec; placeholder?: string }
  /** home-manager `dagOf`: attribute set of elem, optionally wrapped in DAG entries */
  | { type: "dagOf"; elem: TypeSpec }
  /** list of exactly two elem (picom `pairOf`) */
  | { type: "pairOf"; elem: TypeSpec }
  /** list with one element per type, in order (thinkfan `tuple`) */
  | { type: "tupleOf"; elems: TypeSpec[] }
  | { type: "nullOr"; elem: TypeSpec }
  | { type: "either"; left: TypeSpec; right: TypeSpec }
  /** `oneOf [a b c]` = `either (either a b) c`; at least three types */
  | { type: "oneOf"; types: TypeSpec[] }
  | { type: "coercedTo"; from: TypeSpec; to: TypeSpec }
  | { type: "functionTo"; elem: TypeSpec }
  /** `types.uniq`/`unique`: never produced by the parser (their description is the inner one) */
  | { type: "uniq"; elem: TypeSpec }
  /**
   * A submodule. `freeform` is its freeformType (the description is then the freeform one);
   * `description` a custom submoduleWith description; `options` its documented sub-options,
   * attached by the importer (the description alone does not carry them).
   */
  | { type: "submodule"; freeform?: TypeSpec; description?: string; options?: OptionTree }
  /** `types.attrTag`: an attribute set with exactly one of the tags in `options` */
  | { type: "attrTag"; options?: OptionTree }
  /** `addCheck` with a described extra check ("string (with check: non-empty)") */
  | { type: "withCheck"; elem: TypeSpec; check: string; pattern?: string }
  /** `types.passwdEntry`: elem without newlines or colons */
  | { type: "passwdEntry"; elem: TypeSpec }
  /**
   * A custom type with a fixed description (formats' "JSON value", "systemd option", ...),
   * whose values are exactly those of `of`. `cls` is its description class.
   */
  | { type: "named"; name: string; cls?: DescriptionClass; of: TypeSpec }
  /** A recursive type: "self" inside `body` stands for the whole `recursive` type. */
  | { type: "recursive"; body: TypeSpec }
  /** A type that cannot be checked from its description; anything is accepted. */
  | { type: "permissive"; description: string; cls?: DescriptionClass };

/** The object (non-string) TypeSpec variants, by their `type` tag. */
export type TypeSpecOf<K extends Exclude<TypeSpec, string>["type"]> = Extract<TypeSpec, { type: K }>;

const NRC_SIMPLE: ReadonlySet<SimpleType> = new Set<SimpleType>([
  "ints.unsigned",
  "ints.positive",
  "numbers.nonnegative",
  "numbers.positive",
]);

/** The nixpkgs descriptionClass of a spec, used to decide parentheses when printing. */
export function descriptionClass(spec: TypeSpec): DescriptionClass {
  if (typeof spec === "string") {
    if (NRC_SIMPLE.has(spec)) return "nonRestrictiveClause";
    if (spec === "attrs") return null;
    if (spec === "number") return "conjunction";
    return "noun";
  }
  switch (spec.type) {
    case "ints.between":
    case "separatedString":
    case "strMatching":
    case "attrTag":
      return "noun";
    case "numbers.between":
    case "nullOr":
    case "either":
    case "oneOf":
      return "conjunction";
    case "enum":
      return spec.values.length < 2 ? "noun" : "conjunction";
    case "listOf":
    case "nonEmptyListOf":
    case "attrsOf":
    case "lazyAttrsOf":
    case "functionTo":
    case "pairOf":
      return "composite";
    case "passwdEntry":
      return "nonRestrictiveClause";
    case "uniqueList":
      return descriptionClass(spec.list);
    case "uniq":
    case "withCheck":
      return descriptionClass(spec.elem);
    case "named":
    case "permissive":
      return spec.cls ?? null;
    case "recursive":
      return descriptionClass(spec.body);
    case "dagOf":
    case "tupleOf":
    case "coercedTo":
    case "submodule":
      return null;
  }
}

/** True when the spec is (or contains) a `permissive` fallback. */
export function isPermissive(spec: TypeSpec): boolean {
  return someSpec(spec, (s) => typeof s !== "string" && s.type === "permissive");
}

/** The direct sub-specs of a spec (not descending into submodule options). */
export function childSpecs(spec: TypeSpec): TypeSpec[] {
  if (typeof spec === "string") return [];
  switch (spec.type) {
    case "listOf":
    case "nonEmptyListOf":
    case "attrsOf":
    case "lazyAttrsOf":
    case "dagOf":
    case "pairOf":
    case "nullOr":
    case "functionTo":
    case "uniq":
    case "withCheck":
    case "passwdEntry":
      return [spec.elem];
    case "uniqueList":
      return [spec.list];
    case "tupleOf":
      return spec.elems;
    case "either":
      return [spec.left, spec.right];
    case "oneOf":
      return spec.types;
    case "coercedTo":
      return [spec.from, spec.to];
    case "named":
      return [spec.of];
    case "recursive":
      return [spec.body];
    case "submodule":
      return spec.freeform === undefined ? [] : [spec.freeform];
    default:
      return [];
  }
}

/** Whether `pred` holds for the spec or any spec nested in it. */
export function someSpec(spec: TypeSpec, pred: (s: TypeSpec) => boolean): boolean {
  return pred(spec) || childSpecs(spec).some((c) => someSpec(c, pred));
}
