// `types.submodule` and `types.submoduleWith`: a value that is itself a module evaluation. Each
// surviving definition becomes one module of a nested evalModules under the option's path.

import { evalModules } from "../eval.ts";
import { PantherError, showOption } from "../errors.ts";
import type { Definition } from "../merge.ts";
import { withLocation, type Module } from "../module.ts";
import type { LazyDeclarations } from "../options.ts";
import { isAttrs } from "../wrappers.ts";
import type { OptionType } from "./type.ts";

const submoduleTag = Symbol("panther.submodule");

/** nixpkgs `submoduleWith`'s arguments, plus declarations materialised on demand. */
export interface SubmoduleSpec {
  readonly modules: readonly Module[];
  /** Extra module arguments of the nested evaluation (`name` is always given). */
  readonly specialArgs?: Readonly<Record<string, unknown>>;
  /**
   * Whether an attribute-set definition is only `config` (true, as `types.submodule`), or a whole
   * module that may hold `imports`, `options` and `config` (false, the `submoduleWith` default).
   */
  readonly shorthandOnlyDefinesConfig?: boolean;
  /**
   * Options declared on demand (upstream home-manager options, for home-manager's users): only the
   * options a definition, a read or a lookup reaches are built.
   */
  readonly lazyDeclarations?: LazyDeclarations;
  readonly description?: string;
}

export interface SubmoduleType<T = unknown> extends OptionType<T> {
  readonly [submoduleTag]: SubmoduleSpec;
}

export function isSubmoduleType(type: OptionType): type is SubmoduleType {
  return submoduleTag in type;
}

/** A definition as a module of the nested evaluation, located where it was written. */
function definitionModule(def: Definition, shorthandOnlyDefinesConfig: boolean): Module {
  if (shorthandOnlyDefinesConfig && isAttrs(def.value)) return withLocation({ config: def.value }, def.source);
  // Imported rather than used directly, so that a shared module object keeps its own location.
  return withLocation({ imports: [def.value as Module] }, def.source);
}

export function submodule<T = Record<string, unknown>>(modules: Module | readonly Module[], description?: string): SubmoduleType<T> {
  const list: readonly Module[] = Array.isArray(modules) ? modules : [modules];
  return submoduleWith<T>({ modules: list, shorthandOnlyDefinesConfig: true, ...(description !== undefined ? { description } : {}) });
}

export function submoduleWith<T = Record<string, unknown>>(spec: SubmoduleSpec): SubmoduleType<T> {
  const { modules, specialArgs, lazyDeclarations } = spec;
  const shorthand = spec.shorthandOnlyDefinesConfig ?? false;
  const evaluate = (loc: readonly string[], extra: readonly Module[], name: string) =>
    evalModules({
      modules: [...modules, ...extra],
      prefix: loc,
      specialArgs: { ...specialArgs, name },
      ...(lazyDeclarations ? { lazyDeclarations } : {}),
    }).config;
  return {
    [submoduleTag]: spec,
    name: "submodule",
    description: spec.description ?? "submodule",
    check: (v) => isAttrs(v) || typeof v === "function",
    merge(loc, defs) {
      const ordered = defs.find((d) => d.order !== undefined);
      if (ordered) {
        // Nix fails here too: the sorted definition record carries a `priority` the submodule merge rejects.
        throw new PantherError({
          code: "invalid-definition",
          message: `The option \`${showOption(loc)}' is a submodule; mkOrder (mkBefore/mkAfter) cannot be applied to its definitions.`,
          optionPath: loc,
          locations: [{ ...ordered.source, role: "definition" }],
        });
      }
      return evaluate(loc, defs.map((d) => definitionModule(d, shorthand)), loc.at(-1)!) as T;
    },
    emptyValue: (loc) => evaluate(loc, [], "‹name›"),
    payload: spec,
    mergePayload: (a, b) => mergeSpecs(a as SubmoduleSpec, b as SubmoduleSpec),
    rebuild: (payload) => submoduleWith<T>(payload as SubmoduleSpec),
  };
}

/**
 * Two declarations of one submodule option: modules concatenate; the other settings must agree
 * (nixpkgs merges specialArgs too, but panther's declarations never give two different sets).
 */
function mergeSpecs(a: SubmoduleSpec, b: SubmoduleSpec): SubmoduleSpec | null {
  if ((a.shorthandOnlyDefinesConfig ?? false) !== (b.shorthandOnlyDefinesConfig ?? false)) return null;
  if (a.lazyDeclarations && b.lazyDeclarations && a.lazyDeclarations !== b.lazyDeclarations) return null;
  if (a.specialArgs && b.specialArgs && a.specialArgs !== b.specialArgs) return null;
  const lazyDeclarations = a.lazyDeclarations ?? b.lazyDeclarations;
  const specialArgs = a.specialArgs ?? b.specialArgs;
  const description = a.description ?? b.description;
  return {
    modules: [...a.modules, ...b.modules],
    shorthandOnlyDefinesConfig: a.shorthandOnlyDefinesConfig ?? false,
    ...(lazyDeclarations ? { lazyDeclarations } : {}),
    ...(specialArgs ? { specialArgs } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

/** The submodule with more modules (options declared below a submodule option by other modules). */
export function withExtraModules(type: OptionType, extra: readonly Module[]): OptionType {
  const spec = (type as SubmoduleType)[submoduleTag];
  return submoduleWith({ ...spec, modules: [...spec.modules, ...extra] });
}
