// Upstream type specs (parsed from option descriptions) as panther option types, so that a
// definition of an upstream option is checked against the type NixOS documents for it.

import { mergeEqual } from "../core/types/basic.ts";
import type { Module } from "../core/module.ts";
import { mkOption } from "../core/options.ts";
import { types } from "../core/types/index.ts";
import type { OptionType } from "../core/types/type.ts";
import type { OptionTree, TypeSpec, UpstreamOption } from "./type-spec.ts";
import { describeTypeSpec } from "./type-description.ts";
import { parseNixLiteral } from "./literal.ts";

const cache = new WeakMap<object, OptionType>();

/** The panther type of a spec; object specs are converted once and cached. */
export function typeFromSpec(spec: TypeSpec, self?: () => OptionType): OptionType {
  if (typeof spec === "string") return simpleType(spec, self);
  const known = cache.get(spec);
  if (known) return known;
  const type = withDescription(compoundType(spec, self), describeTypeSpec(spec));
  cache.set(spec, type);
  return type;
}

/** The description users read in errors is exactly the one NixOS documents. */
function withDescription(type: OptionType, description: string): OptionType {
  return type.description === description ? type : { ...type, description };
}

function simpleType(spec: Extract<TypeSpec, string>, self?: () => OptionType): OptionType {
  switch (spec) {
    case "absolutePath":
      return types.path;
    case "pathInStore":
      return types.pathInStore;
    case "numbers.nonnegative":
      return numberIn(0, Infinity, "nonnegative integer or floating point number, meaning >=0");
    case "numbers.positive":
      return numberIn(Number.MIN_VALUE, Infinity, "positive integer or floating point number, meaning >0");
    case "pkgs":
    case "deferredModule":
    case "optionType":
      return permissive(describeTypeSpec(spec));
    case "self":
      if (!self) throw new Error("`self` outside a recursive type");
      return lazyType(self);
    default: {
      if (spec.startsWith("ints.")) return types.ints[spec.slice(5) as keyof typeof types.ints] as OptionType;
      const t = (types as unknown as Record<string, OptionType | undefined>)[spec];
      if (!t || typeof t.check !== "function") throw new Error(`no panther type for upstream type ${spec}`);
      return t;
    }
  }
}

function compoundType(spec: Exclude<TypeSpec, string>, self?: () => OptionType): OptionType {
  const of = (s: TypeSpec) => typeFromSpec(s, self);
  switch (spec.type) {
    case "ints.between":
      return types.ints.between(spec.lo, spec.hi);
    case "numbers.between":
      return numberIn(spec.lo, spec.hi, describeTypeSpec(spec));
    case "separatedString":
      return types.separatedString(spec.sep);
    case "strMatching":
      return patternOrString(spec.pattern);
    case "enum":
      return types.enum(spec.values);
    case "listOf":
    case "nonEmptyListOf":
    case "pairOf":
      return types.listOf(of(spec.elem));
    case "uniqueList":
      return of(spec.list);
    case "tupleOf":
      return types.listOf(types.anything);
    case "attrsOf":
      return types.attrsOf(of(spec.elem));
    case "lazyAttrsOf":
      return types.lazyAttrsOf(of(spec.elem));
    case "dagOf":
      // DAG entries are either plain values or `{ data, before, after }` records.
      return types.attrsOf(types.either(of(spec.elem), types.attrs));
    case "nullOr":
      return types.nullOr(of(spec.elem));
    case "either":
      return types.either(of(spec.left), of(spec.right));
    case "oneOf":
      return types.oneOf(spec.types.map(of));
    case "coercedTo":
      // The coercion is a Nix function NixOS applies; panther checks either form and emits it as written.
      return types.either(of(spec.to), of(spec.from));
    case "functionTo":
      return permissive(describeTypeSpec(spec));
    case "uniq":
      return types.uniq(of(spec.elem));
    case "submodule":
      return submoduleFromSpec(spec, self);
    case "attrTag":
      return types.attrs;
    case "withCheck":
      return spec.pattern ? patternOrString(spec.pattern) : of(spec.elem);
    case "passwdEntry": {
      const inner = of(spec.elem);
      return { ...inner, check: (v) => inner.check(v) && typeof v === "string" && !/[:\n]/.test(v) };
    }
    case "named":
      return of(spec.of);
    case "recursive": {
      let built: OptionType | undefined;
      // The body's compound types describe their elements while being built, so the self
      // reference must not need the finished type for its description.
      const get = Object.assign((): OptionType => (built ??= typeFromSpec(spec.body, get)), { description: describeTypeSpec(spec) });
      return get();
    }
    case "permissive":
      return permissive(spec.description);
  }
}

/**
 * A submodule of the option data. One listed with neither options nor a freeform type is one whose
 * options the documentation generator could not reach (`security.sudo.extraRules.*.commands.*`,
 * `boot.initrd.systemd.services.<name>`): its values are accepted as they are, not rejected.
 */
function submoduleFromSpec(spec: Extract<TypeSpec, { type: "submodule" }>, self?: () => OptionType): OptionType {
  const unknownOptions = spec.options === undefined && spec.freeform === undefined;
  const declaredIn = spec.options ? firstDeclaration(spec.options) : undefined;
  const module: Module = {
    // Where upstream declares the submodule's options; without it they would be located at
    // whatever code first built the type (a CLI command, a test).
    file: declaredIn === undefined ? "<nixpkgs>" : declaredIn.startsWith("<") ? declaredIn : `<nixpkgs/${declaredIn}>`,
    ...(spec.freeform ? { freeformType: typeFromSpec(spec.freeform, self) } : {}),
    ...(unknownOptions ? { freeformType: types.attrsOf(types.anything) } : {}),
    options: spec.options ? declarationsFromTree(spec.options) : {},
  };
  return types.submodule(module, spec.description);
}

/** The declaring file of the first option in a tree (home-manager's are already `<home-manager/…>`). */
function firstDeclaration(tree: OptionTree): string | undefined {
  for (const node of Object.values(tree)) {
    const found = "o" in node ? node.o.decl?.[0] : firstDeclaration(node.c);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Option declarations (mkOption) for a tree of upstream options, as a module's `options`. */
export function declarationsFromTree(tree: OptionTree): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, node] of Object.entries(tree)) {
    if (name.startsWith("<") || name === "*") continue;
    out[name] = "o" in node ? upstreamDeclaration(node.o) : declarationsFromTree(node.c);
  }
  return out;
}

/**
 * The panther declaration of one upstream option. Its default is kept only when it is a Nix
 * literal (so that modules can read it); panther never emits it, NixOS applies its own.
 */
export function upstreamDeclaration(option: UpstreamOption) {
  const type = typeFromSpec(option.t);
  const parsed = option.def !== undefined && !option.defMd ? parseNixLiteral(option.def) : undefined;
  // A documented default the type itself rejects (e.g. the text "pkgs.clevis" for a package) is documentation, not a value.
  const literal = parsed && type.check(parsed.value) ? parsed : undefined;
  return mkOption({
    external: true,
    type,
    ...(option.d !== undefined ? { description: option.d } : {}),
    ...(literal ? { default: literal.value } : {}),
    ...(option.ex !== undefined ? { example: option.ex } : {}),
    ...(option.ro ? { readOnly: true } : {}),
  });
}

function permissive(description: string): OptionType {
  return { ...types.anything, name: "permissive", description };
}

function lazyType(get: (() => OptionType) & { description?: string }): OptionType {
  return {
    name: "recursive",
    get description() {
      return get.description ?? get().description;
    },
    check: (v) => get().check(v),
    merge: (loc, defs) => get().merge(loc, defs),
  };
}

function numberIn(lo: number, hi: number, description: string): OptionType<number> {
  return {
    name: "numberBetween",
    description,
    descriptionClass: "noun",
    check: (v) => typeof v === "number" && v >= lo && v <= hi,
    merge: mergeEqual as OptionType<number>["merge"],
    simple: true,
  };
}

/** Nix patterns are POSIX extended regexes; the few JavaScript cannot compile are checked as strings. */
function patternOrString(pattern: string): OptionType {
  try {
    return types.strMatching(pattern);
  } catch {
    return types.str;
  }
}

