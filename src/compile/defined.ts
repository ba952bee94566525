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

/**
 * Every file whose definitions reach the emitted options, descending into submodule values
 * (a home-manager user's home modules), for the header of the emitted file.
 */
export function definitionFiles(options: readonly OptionView[], files = new Set<string>()): Set<string> {
  for (const option of options) {
    if (!setByModules(option)) continue;
    for (const def of option.definitionsWithLocations) files.add(def.source.file);
    collectNested(option.value, files, 0);
  }
  return files;
}

function collectNested(value: unknown, files: Set<string>, depth: number): void {
  const nested = definedOptions(value);
  if (nested) {
    definitionFiles(nested.options.filter((o) => o.external), files);
    return;
  }
  // Submodules sit in attribute sets and lists (`home-manager.users.<name>`), not deep in plain data.
  if (depth > 2 || isPackage(value)) return;
  if (Array.isArray(value)) for (const v of value) collectNested(v, files, depth + 1);
  else if (isAttrs(value)) for (const v of Object.values(value)) collectNested(v, files, depth + 1);
}
