// What `options.<path>` shows for each option: value, type, declarations, and every definition
// with its location and priority, the winners marked. This is the data behind `panther option`.

import { formatLocation, type SourceLocation } from "./location.ts";
import { dischargeProperties, type Definition, type MergeResult } from "./merge.ts";
import { declField, isReadOnly, type OptionNode } from "./options.ts";
import type { OptionType } from "./types/type.ts";
import { isOrder, isOverride, orders, priorities } from "./wrappers.ts";

export interface DefinitionInfo {
  readonly source: SourceLocation;
  /** The definition's value with its priority and order wrappers removed. */
  readonly value: unknown;
  readonly priority: number;
  readonly order: number;
  /** Whether this definition is among those merged into the value. */
  readonly winning: boolean;
}

export interface OptionView {
  readonly _type: "option";
  readonly loc: readonly string[];
  readonly type: OptionType;
  readonly description: string | undefined;
  readonly example: unknown;
  readonly default: unknown;
  readonly readOnly: boolean;
  readonly declarations: readonly SourceLocation[];
  readonly isDefined: boolean;
  readonly highestPrio: number;
  /** The surviving definitions (`definitionsWithLocations`), wrappers stripped, in merge order. */
  readonly definitionsWithLocations: readonly Definition[];
  readonly definitions: readonly unknown[];
  readonly files: readonly string[];
  /** Every definition, winning or not, with priorities (what nixos-option cannot show). */
  readonly allDefinitions: readonly DefinitionInfo[];
  readonly value: unknown;
  toString(): string;
}

interface Sources {
  result(): MergeResult;
  value(): unknown;
  rawDefinitions(): Definition[];
}

export function provenanceOf(option: OptionNode, sources: Sources): OptionView {
  return {
    _type: "option",
    loc: option.path,
    get type() {
      return option.type;
    },
    description: declField(option, "description"),
    example: declField(option, "example"),
    default: declField(option, "default"),
    readOnly: isReadOnly(option),
    declarations: option.sites.map((s) => s.source),
    get isDefined() {
      return sources.result().isDefined;
    },
    get highestPrio() {
      return sources.result().highestPrio;
    },
    get definitionsWithLocations() {
      return sources.result().defsFinal;
    },
    get definitions() {
      return sources.result().defsFinal.map((d) => d.value);
    },
    get files() {
      return sources.result().defsFinal.map((d) => formatLocation(d.source));
    },
    get allDefinitions() {
      const result = sources.result();
      const discharged = sources
        .rawDefinitions()
        .flatMap((def) => dischargeProperties(def.value, option.path, def.source).map((value) => ({ source: def.source, value })));
      return discharged.map(({ source, value }): DefinitionInfo => {
        const priority = isOverride(value) ? value.priority : priorities.plain;
        const inner = isOverride(value) ? value.content : value;
        const order = isOrder(inner) ? inner.priority : orders.plain;
        // A single definition survives whatever its priority (Nix's singleton shortcut).
        const winning = discharged.length === 1 || priority === result.highestPrio;
        return { source, value: isOrder(inner) ? inner.content : inner, priority, order, winning };
      });
    },
    get value() {
      return sources.value();
    },
    toString: () => option.path.join("."),
  };
}
