// What a host defines, as plain data: the values of options that modules set, descending into
// submodules without forcing sub-options nobody set (NixOS computes those defaults itself).

import { definedOptions, type DefinedOptions } from "../core/eval.ts";
import type { OptionView } from "../core/provenance.ts";
import { priorities } from "../core/wrappers.ts";

/**
 * Whether modules set the option: some definition survives `mkIf` (a definition under a false
 * condition sets nothing), and the value is not just the declared default, which NixOS applies itself.
 */
export function setByModules(option: OptionView): boolean {
  if (!option.isDefined) return false;
  return option.default === undefined || option.highestPrio < priorities.optionDefault;
}
import { isPackage } from "../core/package.ts";
import { isAttrs } from "../core/wrappers.ts";

/** The defined part of a value: submodule values keep only their defined options; packages stay references. */
export function definedValue(value: unknown): unknown {
  const nested = definedOptions(value);
  if (nested) return definedTree(nested);
  if (Array.isArray(value)) return value.map(definedValue);
  if (isPackage(value)) return value;
  if (isAttrs(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = definedValue(value[key]);
    return out;
  }
  return value;
}

/** Defined options of an evaluation as a nested object (paths relative to its prefix). */
export function definedTree(defined: DefinedOptions, keep: (loc: readonly string[]) => boolean = () => true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defined.freeform ?? {})) out[key] = definedValue(value);
  for (const option of defined.options) {
    if (!keep(option.loc)) continue;
    if (!setByModules(option)) continue;
    const rel = option.loc.slice(defined.prefix.length);
    let node = out;
    for (const key of rel.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[rel.at(-1)!] = definedValue(option.value);
  }
  return out;
}
