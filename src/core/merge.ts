// The per-option merge pipeline of nixpkgs `mergeDefinitions`, step for step:
// discharge mkMerge/mkIf → filter overrides → sort by mkOrder → type check → type merge.

import { PantherError } from "./errors.ts";
import type { SourceLocation } from "./location.ts";
import { showDefinitions, showValue } from "./show.ts";
import type { OptionType } from "./types/type.ts";
import { hasTypeTag, isAttrs, isOrder, orders, priorities, typeTag, type IfWrapper, type MergeWrapper, type OverrideWrapper } from "./wrappers.ts";
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

/** The condition of an mkIf, which must be a boolean. */
function conditionOf(wrapper: IfWrapper, loc: readonly string[], source: SourceLocation): boolean {
  const { condition } = wrapper;
  if (typeof condition === "boolean") return condition;
  throw new PantherError({
    code: "non-boolean-condition",
    message: `‘mkIf’ called with a non-Boolean condition (${showValue(condition)}) in a definition of \`${showOption(loc)}'.\n${showDefinitions([{ source }], false)}`,
    optionPath: loc,
    locations: [{ ...source, role: "definition" }],
  });
}

const orderOf = (def: Definition) => def.order ?? orders.plain;

/** Whether a value carries a wrapper tag (`value ? _type`), i.e. may need discharging or unwrapping. */
export const isTagged = (value: unknown): boolean => isAttrs(value) && hasTypeTag(value);

/** The merge of one option: lazily computed value, surviving definitions and winning priority. */
const unmerged: unique symbol = Symbol("unmerged");

/**
 * A merge result, filled in by `mergeDefinitions`. An evaluation's option nodes extend it, so
 * that an option's merge needs no object of its own (and an option node is itself the option the
 * merge is of: it keeps no second copy of the path and type). Fields are assigned in the
 * constructor, not declared with initializers: class fields are defined property by property,
 * which makes constructing the tens of thousands of option nodes twice as slow.
 */
export abstract class MergeBase implements MergeResult {
  /** All definitions, kept for the message when none survived (otherwise undefined). */
  private declare mergeDefs: readonly Definition[] | undefined;
  declare defsFinal: readonly Definition[];
  declare highestPrio: number;
  private declare merged: unknown;
  constructor() {
    this.mergeDefs = undefined;
    this.defsFinal = noDefinitions;
    this.highestPrio = 9999;
    this.merged = unmerged;
  }
  /** The option path the merge is of (for messages, and handed to the type's merge). */
  protected abstract subjectPath(): readonly string[];
  /** The type the merge is of. */
  protected abstract subjectType(): OptionType;
  /** Records which option the merge is of (a no-op for an option node, which is that option). */
  protected abstract setSubject(loc: readonly string[], type: OptionType): void;
  fill(loc: readonly string[], type: OptionType, defs: readonly Definition[] | undefined, defsFinal: readonly Definition[], highestPrio: number): this {
    this.setSubject(loc, type);
    this.mergeDefs = defs;
    this.defsFinal = defsFinal;
    this.highestPrio = highestPrio;
    return this;
  }
  get isDefined(): boolean {
    return this.defsFinal.length > 0;
  }
  mergedValue(): unknown {
    if (this.merged === unmerged) {
      this.merged =
        this.defsFinal.length > 0
          ? checkAndMerge(this.subjectPath(), this.subjectType(), this.defsFinal)
          : emptyOrFail(this.subjectPath(), this.subjectType(), this.mergeDefs ?? []);
    }
    return this.merged;
  }
}

/** A merge of its own (an attrsOf element, a freeform value, a function's result). */
export class Merge extends MergeBase {
  private declare loc: readonly string[];
  private declare type: OptionType | undefined;
  constructor() {
    super();
    this.loc = noPath;
    this.type = undefined;
  }
  protected subjectPath(): readonly string[] {
    return this.loc;
  }
  protected subjectType(): OptionType {
    return this.type!;
  }
  protected setSubject(loc: readonly string[], type: OptionType): void {
    this.loc = loc;
    this.type = type;
  }
}

const noPath: readonly string[] = [];
const noDefinitions: readonly Definition[] = [];

/** The priority of a discharged definition value (`value.priority or 100` of an override). */
function priorityOf(value: unknown): number {
  return typeTag(value) === "override" ? (value as OverrideWrapper).priority : priorities.plain;
}

/**
 * `dischargeProperties` of each definition: mkMerge flattened, mkIf evaluated (its condition must
 * be a boolean), in order.
 */
export function discharge(defs: readonly Definition[], loc: readonly string[]): Definition[] {
  const out: Definition[] = [];
  for (let i = 0; i < defs.length; i++) dischargeDefinition(out, defs[i]!, defs[i]!.value, loc);
  // Merge results may keep the list: an exactly sized copy (`slice`) rather than the pushed-to one.
  return out.slice();
}

function dischargeDefinition(out: Definition[], def: Definition, value: unknown, loc: readonly string[]): void {
  const tag = typeTag(value);
  if (tag === "merge") {
    const { contents } = value as MergeWrapper;
    for (let i = 0; i < contents.length; i++) dischargeDefinition(out, def, contents[i], loc);
  } else if (tag === "if") {
    if (conditionOf(value as IfWrapper, loc, def.source)) dischargeDefinition(out, def, (value as IfWrapper).content, loc);
  } else out.push(value === def.value ? def : { source: def.source, value });
}

/** No declared default (a declared default is never `undefined`). */
export const noDefault: unique symbol = Symbol("noDefault");

/**
 * The merge of an option's definitions. `defaultValue` is the declared default, which Nix prepends
 * as `mkOptionDefault default` (priority 1500, first in definition order): passing it apart spares
 * a wrapper and a definition per option. It must not itself carry a wrapper tag (callers prepend
 * those as definitions). Steps: discharge mkMerge/mkIf, keep the best priority (`filterOverrides'`,
 * a lone definition surviving whatever its priority), strip one mkOrder layer and stable-sort
 * (`sortProperties`); type checks and the type's merge run when the value is first read. The
 * result is written into `into` when given.
 */
export function mergeDefinitions(
  loc: readonly string[],
  type: OptionType,
  defs: readonly Definition[],
  defaultValue: unknown = noDefault,
  defaultSource?: SourceLocation,
  into: MergeBase = new Merge(),
): MergeResult {
  const hasDefault = defaultValue !== noDefault;
  const n = defs.length;
  // Fast path of nixpkgs: one unwrapped definition (priority 100 also beats the default's 1500).
  if (n === 1 && !isTagged(defs[0]!.value)) return into.fill(loc, type, undefined, defs, priorities.plain);
  // The fold of `filterOverrides'` starts at 9999; a lone definition (the default counts) wins
  // whatever its priority. The definitions are scanned as they are; on the first mkMerge or mkIf
  // they are discharged and scanned again (a discharged value is neither).
  let discharged = defs;
  let highestPrio: number;
  let survivors: number;
  let wrapped: boolean;
  scan: for (;;) {
    highestPrio = hasDefault ? priorities.optionDefault : 9999;
    survivors = hasDefault ? 1 : 0;
    wrapped = false;
    for (let i = 0; i < discharged.length; i++) {
      const value = discharged[i]!.value;
      const tag = typeTag(value);
      if (tag === "merge" || tag === "if") {
        discharged = discharge(defs, loc);
        continue scan;
      }
      if (tag === "override" || tag === "order") wrapped = true;
      const prio = tag === "override" ? (value as OverrideWrapper).priority : priorities.plain;
      if (prio < highestPrio) {
        highestPrio = prio;
        survivors = 1;
      } else if (prio === highestPrio) survivors++;
    }
    break;
  }
  const m = discharged.length;
  if (m === 0 && hasDefault) return into.fill(loc, type, undefined, [{ source: defaultSource!, value: defaultValue }], priorities.optionDefault);
  if (m === 1 && !hasDefault) {
    highestPrio = priorityOf(discharged[0]!.value);
    survivors = 1;
  }
  // Every definition survives as it is: the list itself.
  if (!wrapped && m > 0 && survivors === m) return into.fill(loc, type, undefined, discharged, highestPrio);
  // Exactly sized (merge results keep it): the survivors with their override and one order layer stripped.
  const values = new Array<Definition>(survivors);
  let k = 0;
  let ordered = false;
  if (hasDefault && highestPrio === priorities.optionDefault) values[k++] = { source: defaultSource!, value: defaultValue };
  for (let i = 0; i < m; i++) {
    const def = discharged[i]!;
    let value = def.value;
    const tag = typeTag(value);
    if (tag === "override") {
      if ((value as OverrideWrapper).priority !== highestPrio && m + (hasDefault ? 1 : 0) > 1) continue;
      value = (value as OverrideWrapper).content;
    } else if (priorities.plain !== highestPrio && m + (hasDefault ? 1 : 0) > 1) continue;
    if (isOrder(value)) {
      ordered = true;
      values[k++] = { source: def.source, value: value.content, order: value.priority };
    } else values[k++] = value === def.value ? def : { source: def.source, value };
  }
  if (ordered) sortByKey(values, orderOf);
  return into.fill(loc, type, survivors === 0 ? defs : undefined, values, highestPrio);
}

function checkAndMerge(loc: readonly string[], type: OptionType, defs: readonly Definition[]): unknown {
  let raw = false;
  let valid = true;
  for (let i = 0; i < defs.length; i++) {
    const value = defs[i]!.value;
    if (isRawNix(value)) raw = true;
    else if (valid && !type.check(value)) valid = false;
  }
  // Raw Nix is opaque: no type can check it, and it merges with nothing (NixOS will merge it).
  if (raw) {
    if (defs.length === 1) return defs[0]!.value;
    throw conflict(loc, defs, "has a raw Nix definition, which cannot be merged with other definitions");
  }
  if (!valid) throw typeMismatch(loc, type, defs.filter((d) => !type.check(d.value)));
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
