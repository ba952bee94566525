// `types.submodule`: a value that is itself a module evaluation. Each surviving definition becomes
// one module of a nested evalModules under the option's path, as nixpkgs `submoduleWith` does.

import { evalModules } from "../eval.ts";
import { PantherError, showOption } from "../errors.ts";
import type { Definition } from "../merge.ts";
import { withLocation, type Module } from "../module.ts";
import { isAttrs } from "../wrappers.ts";
import type { OptionType } from "./type.ts";

const submoduleTag = Symbol("panther.submodule");

export interface SubmoduleType<T = unknown> extends OptionType<T> {
  readonly [submoduleTag]: readonly Module[];
}

export function isSubmoduleType(type: OptionType): type is SubmoduleType {
  return submoduleTag in type;
}

/** A submodule's definitions become modules: attrsets are config only (`shorthandOnlyDefinesConfig`). */
function definitionModule(def: Definition): Module {
  const module = isAttrs(def.value) ? { config: def.value } : { imports: [def.value as Module] };
  return withLocation(module, def.source);
}

export function submodule<T = Record<string, unknown>>(modules: Module | readonly Module[], description?: string): SubmoduleType<T> {
  const list: readonly Module[] = Array.isArray(modules) ? modules : [modules];
  return {
    [submoduleTag]: list,
    name: "submodule",
    description: description ?? "submodule",
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
      return evalModules({
        modules: [...list, ...defs.map(definitionModule)],
        prefix: loc,
        specialArgs: { name: loc.at(-1) },
      }).config as T;
    },
    emptyValue: (loc) => evalModules({ modules: list, prefix: loc, specialArgs: { name: "‹name›" } }).config,
    payload: { modules: list },
    mergePayload: (a, b) => ({ modules: [...(a as { modules: Module[] }).modules, ...(b as { modules: Module[] }).modules] }),
    rebuild: (payload) => submodule<T>((payload as { modules: Module[] }).modules, description),
  };
}

export function withExtraModules(type: OptionType, extra: readonly Module[]): OptionType {
  const s = type as SubmoduleType;
  return submodule([...s[submoduleTag], ...extra], type.description === "submodule" ? undefined : type.description);
}
