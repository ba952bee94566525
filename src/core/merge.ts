// The per-option merge pipeline of nixpkgs `mergeDefinitions`, step for step:
// discharge mkMerge/mkIf → filter overrides → sort by mkOrder → type check → type merge.

import { PantherError } from "./errors.ts";
import type { SourceLocation } from "./location.ts";
import { showDefinitions, showValue } from "./show.ts";
import type { OptionType } from "./types/type.ts";
import { isAttrs, isIf, isMerge, isOrder, isOverride, orders, priorities, typeTag } from "./wrappers.ts";
import { showOption } from "./errors.ts";
import { sortByKey } from "./sort.ts";
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
  mergedValue(): unknown;
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
  isOverride(def.value) ? { source: def.source, value: def.value.content, ...(def.order !== undefined ? { order: def.order } : {}) } : def;

/** `filterOverrides'`: keep the definitions at the best priority; the fold starts at 9999. */
export function filterOverrides(defs: readonly Definition[]): { values: Definition[]; highestPrio: number } {
  // A single definition survives whatever its priority (Nix's singleton shortcut).
  if (defs.length === 1) return { values: [stripOverride(defs[0]!)], highestPrio: getPrio(defs[0]!) };
  let highestPrio = 9999;
  for (const def of defs) highestPrio = Math.min(getPrio(def), highestPrio);
  // filter and map allocate exactly sized arrays (merge results keep them).
  return { values: defs.filter((d) => getPrio(d) === highestPrio).map(stripOverride), highestPrio };
}

/** `sortProperties`: strip one mkOrder layer and stable-sort by order (unwrapped = 1000). */
export function sortProperties(defs: readonly Definition[]): Definition[] {
  const stripped = defs.map((def) =>
    isOrder(def.value) ? { source: def.source, value: def.value.content, order: def.value.priority } : def,
  );
  // Stable, like Nix's builtins.sort.
  return sortByKey(stripped, orderOf);
}

const orderOf = (def: Definition) => def.order ?? orders.plain;

/** Whether a value carries a wrapper tag (`value ? _type`), i.e. may need discharging or unwrapping. */
const isTagged = (value: unknown): boolean => isAttrs(value) && "_type" in value;

/** The merge of one option: lazily computed value, surviving definitions and winning priority. */
const unmerged: unique symbol = Symbol("unmerged");

class Merge implements MergeResult {
  private value: unknown = unmerged;
  constructor(
    private readonly loc: readonly string[],
    private readonly type: OptionType,
    /** All definitions, kept for the message when none survived (otherwise undefined). */
    private readonly defs: readonly Definition[] | undefined,
    readonly defsFinal: readonly Definition[],
    readonly highestPrio: number,
  ) {}
  get isDefined(): boolean {
    return this.defsFinal.length > 0;
  }
  mergedValue(): unknown {
    if (this.value === unmerged) {
      this.value = this.isDefined ? checkAndMerge(this.loc, this.type, this.defsFinal) : emptyOrFail(this.loc, this.type, this.defs ?? []);
    }
    return this.value;
  }
}

const needsDischarge = (value: unknown) => {
  const tag = typeTag(value);
  return tag === "merge" || tag === "if";
};

/** Whether any definition's value satisfies `test` (a loop: this runs for every option). */
function someDefinition(defs: readonly Definition[], test: (value: unknown) => boolean): boolean {
  for (const def of defs) if (test(def.value)) return true;
  return false;
}

function discharge(defs: readonly Definition[], loc: readonly string[]): Definition[] {
  const discharged: Definition[] = [];
  for (const def of defs) {
    for (const value of dischargeProperties(def.value, loc, def.source)) {
      discharged.push(value === def.value ? def : { source: def.source, value });
    }
  }
  return discharged;
}

export function mergeDefinitions(loc: readonly string[], type: OptionType, defs: readonly Definition[]): MergeResult {
  const only = defs.length === 1 ? defs[0]! : undefined;
  // Fast path of nixpkgs: one unwrapped definition.
  if (only && !isTagged(only.value)) return new Merge(loc, type, undefined, defs, priorities.plain);
  // Only mkMerge and mkIf discharge; anything else is its own single discharged value.
  const discharged = someDefinition(defs, needsDischarge) ? discharge(defs, loc) : defs;
  const filtered = filterOverrides(discharged);
  const values = someDefinition(filtered.values, isOrder) ? sortProperties(filtered.values) : filtered.values;
  return new Merge(loc, type, values.length === 0 ? defs : undefined, values, filtered.highestPrio);
}

function checkAndMerge(loc: readonly string[], type: OptionType, defs: readonly Definition[]): unknown {
  // Raw Nix is opaque: no type can check it, and it merges with nothing (NixOS will merge it).
  if (someDefinition(defs, isRawNix)) {
    if (defs.length === 1) return defs[0]!.value;
    throw conflict(loc, defs, "has a raw Nix definition, which cannot be merged with other definitions");
  }
  for (const def of defs) {
    if (!type.check(def.value)) throw typeMismatch(loc, type, defs.filter((d) => !type.check(d.value)));
  }
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
