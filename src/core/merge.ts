// The per-option merge pipeline of nixpkgs `mergeDefinitions`, step for step:
// discharge mkMerge/mkIf → filter overrides → sort by mkOrder → type check → type merge.

import { PantherError } from "./errors.ts";
import type { SourceLocation } from "./location.ts";
import { showDefinitions, showValue } from "./show.ts";
import type { OptionType } from "./types/type.ts";
import { isAttrs, isIf, isMerge, isOrder, isOverride, orders, priorities } from "./wrappers.ts";
import { showOption } from "./errors.ts";
import { isRawNix } from "./raw-nix.ts";

/** One definition of an option: its value and where it was written. */
export interface Definition {
  readonly value: unknown;
  readonly source: SourceLocation;
  /** The mkOrder position, set once `sortProperties` stripped an order wrapper. */
  readonly order?: number;
}

export interface MergeResult {
  /** The surviving definitions, wrappers stripped, in merge order. */
  readonly defsFinal: readonly Definition[];
  /** The winning priority (9999 when nothing is defined, 1500 for the default alone). */
  readonly highestPrio: number;
  readonly isDefined: boolean;
  /** The merged value; throws `no-value` when nothing is defined and the type has no empty value. */
  readonly mergedValue: () => unknown;
}

/** `dischargeProperties`: flatten mkMerge, evaluate mkIf (which must have a boolean condition). */
export function dischargeProperties(value: unknown, loc: readonly string[], source: SourceLocation): unknown[] {
  if (isMerge(value)) return value.contents.flatMap((v) => dischargeProperties(v, loc, source));
  if (isIf(value)) {
    if (typeof value.condition !== "boolean") {
      throw new PantherError({
        code: "non-boolean-condition",
        message: `‘mkIf’ called with a non-Boolean condition (${showValue(value.condition)}) in a definition of \`${showOption(loc)}'.\n${showDefinitions([{ source }], false)}`,
        optionPath: loc,
        locations: [{ ...source, role: "definition" }],
      });
    }
    return value.condition ? dischargeProperties(value.content, loc, source) : [];
  }
  return [value];
}

const getPrio = (def: Definition) => (isOverride(def.value) ? def.value.priority : priorities.plain);
const stripOverride = (def: Definition): Definition =>
  isOverride(def.value) ? { ...def, value: def.value.content } : def;

/** `filterOverrides'`: keep the definitions at the best priority; the fold starts at 9999. */
export function filterOverrides(defs: readonly Definition[]): { values: Definition[]; highestPrio: number } {
  // A single definition survives whatever its priority (Nix's singleton shortcut).
  if (defs.length === 1) return { values: defs.map(stripOverride), highestPrio: getPrio(defs[0]!) };
  const highestPrio = defs.reduce((prio, def) => Math.min(getPrio(def), prio), 9999);
  return { values: defs.filter((d) => getPrio(d) === highestPrio).map(stripOverride), highestPrio };
}

/** `sortProperties`: strip one mkOrder layer and stable-sort by order (unwrapped = 1000). */
export function sortProperties(defs: readonly Definition[]): Definition[] {
  const stripped = defs.map((def) =>
    isOrder(def.value) ? { ...def, value: def.value.content, order: def.value.priority } : def,
  );
  // Array.prototype.sort is stable, like Nix's builtins.sort.
  return stripped.sort((a, b) => (a.order ?? orders.plain) - (b.order ?? orders.plain));
}

export function mergeDefinitions(loc: readonly string[], type: OptionType, defs: readonly Definition[]): MergeResult {
  let values: readonly Definition[];
  let highestPrio: number;
  const only = defs.length === 1 ? defs[0]! : undefined;
  if (only && !(isAttrs(only.value) && "_type" in only.value)) {
    // Fast path of nixpkgs: one unwrapped definition.
    values = defs;
    highestPrio = priorities.plain;
  } else {
    const discharged: Definition[] = [];
    for (const def of defs) {
      for (const value of dischargeProperties(def.value, loc, def.source)) {
        discharged.push(value === def.value ? def : { source: def.source, value });
      }
    }
    const filtered = filterOverrides(discharged);
    values = filtered.values.some((d) => isOrder(d.value)) ? sortProperties(filtered.values) : filtered.values;
    highestPrio = filtered.highestPrio;
  }
  const isDefined = values.length > 0;
  let memo: { value: unknown } | undefined;
  const mergedValue = () => {
    if (!memo) memo = { value: isDefined ? checkAndMerge(loc, type, values) : emptyOrFail(loc, type, defs) };
    return memo.value;
  };
  return { defsFinal: values, highestPrio, isDefined, mergedValue };
}

function checkAndMerge(loc: readonly string[], type: OptionType, defs: readonly Definition[]): unknown {
  // Raw Nix is opaque: no type can check it, and it merges with nothing (NixOS will merge it).
  if (defs.some((d) => isRawNix(d.value))) {
    if (defs.length === 1) return defs[0]!.value;
    throw conflict(loc, defs, "has a raw Nix definition, which cannot be merged with other definitions");
  }
  const invalid = defs.filter((d) => !type.check(d.value));
  if (invalid.length > 0) throw typeMismatch(loc, type, invalid);
  return type.merge(loc, defs);
}

export function typeMismatch(loc: readonly string[], type: OptionType, invalid: readonly Definition[], extra = ""): PantherError {
  return new PantherError({
    code: "type-mismatch",
    message: `A definition for option \`${showOption(loc)}' is not of type \`${type.description}'.${extra} Definition values:\n${showDefinitions(invalid)}`,
    optionPath: loc,
    locations: invalid.map((d) => ({ ...d.source, role: "definition" })),
  });
}

function emptyOrFail(loc: readonly string[], type: OptionType, defs: readonly Definition[]): unknown {
  if (type.emptyValue) return type.emptyValue(loc);
  throw new PantherError({
    code: "no-value",
    message:
      `The option \`${showOption(loc)}' was accessed but has no value defined. Try setting the option.` +
      (defs.length > 0 ? `\nEvery definition was dropped (mkIf false or a weaker priority):\n${showDefinitions(defs, false)}` : ""),
    optionPath: loc,
    locations: defs.map((d) => ({ ...d.source, role: "definition" })),
  });
}

/** The conflict message of `mergeEqualOption` / `mergeUniqueOption`. */
export function conflict(loc: readonly string[], defs: readonly Definition[], why: string): PantherError {
  return new PantherError({
    code: "conflicting-definitions",
    message: `The option \`${showOption(loc)}' ${why}:\n${showDefinitions(defs)}`,
    optionPath: loc,
    locations: defs.map((d) => ({ ...d.source, role: "definition" })),
    hint: "Use `mkForce(value)` or `mkDefault(value)` to change the priority on any of these definitions.",
  });
}
