// What `options.<path>` shows for each option: value, type, declarations, and every definition
// with its location and priority, the winners marked. This is the data behind `panther option`.

import { formatLocation, type SourceLocation } from "./location.ts";
import { discharge, type Definition, type MergeResult } from "./merge.ts";
import { declField, isReadOnly, sitesOf, type OptionNode } from "./options.ts";
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
  /** How documentation shows a default that depends on the configuration (`defaultText`). */
  readonly defaultText: string | undefined;
  readonly readOnly: boolean;
  /** Declared by NixOS, home-manager or a flake input: its definitions are emitted. */
  readonly external: boolean;
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

/** The view of one option; a class so that its many getters live on the prototype, not per option. */
class OptionViewImpl implements OptionView {
  readonly _type = "option" as const;
  constructor(
    private readonly option: OptionNode,
    private readonly sources: Sources,
  ) {}
  get loc() {
    return this.option.path;
  }
  get type() {
    return this.option.type;
  }
  get description() {
    return declField(this.option, "description");
  }
  get example() {
    return declField(this.option, "example");
  }
  get default() {
    return declField(this.option, "default");
  }
  get defaultText() {
    return declField(this.option, "defaultText") as string | undefined;
  }
  get readOnly() {
    return isReadOnly(this.option);
  }
  get external() {
    return declField(this.option, "external") === true;
  }
  get declarations() {
    return sitesOf(this.option).map((s) => s.source);
  }
  get isDefined() {
    return this.sources.result().isDefined;
  }
  get highestPrio() {
    return this.sources.result().highestPrio;
  }
  get definitionsWithLocations() {
    return this.sources.result().defsFinal;
  }
  get definitions() {
    return this.sources.result().defsFinal.map((d) => d.value);
  }
  get files() {
    return this.sources.result().defsFinal.map((d) => formatLocation(d.source));
  }
  get allDefinitions(): DefinitionInfo[] {
    const result = this.sources.result();
    const discharged = discharge(this.sources.rawDefinitions(), this.option.path);
    return discharged.map(({ source, value }): DefinitionInfo => {
      const priority = isOverride(value) ? value.priority : priorities.plain;
      const inner = isOverride(value) ? value.content : value;
      const order = isOrder(inner) ? inner.priority : orders.plain;
      // A single definition survives whatever its priority (Nix's singleton shortcut).
      const winning = discharged.length === 1 || priority === result.highestPrio;
      return { source, value: isOrder(inner) ? inner.content : inner, priority, order, winning };
    });
  }
  get value() {
    return this.sources.value();
  }
  toString(): string {
    return this.option.path.join(".");
  }
}

/** Whether a node of an `options` tree is an option (rather than a namespace). */
export function isOptionView(node: unknown): node is OptionView {
  return typeof node === "object" && node !== null && (node as { _type?: unknown })._type === "option";
}

export function provenanceOf(option: OptionNode, sources: Sources): OptionView {
  return new OptionViewImpl(option, sources);
}
