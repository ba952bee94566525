// Lowering evaluated options to Nix syntax. NixOS merges panther's output again with its own
// modules' definitions, so the winning priority and list order travel with every value:
// `lib.mkDefault v`, `lib.mkForce v`, `lib.mkOverride N v`, `lib.mkBefore [ … ]`, per key inside
// attribute sets and submodules.

import { definedOptions } from "../core/eval.ts";
import { setByModules } from "./defined.ts";
import { mergeDefinitions, type Definition } from "../core/merge.ts";
import { isPackage } from "../core/package.ts";
import { isRawNix } from "../core/raw-nix.ts";
import type { OptionView } from "../core/provenance.ts";
import { isSubmoduleType } from "../core/types/submodule.ts";
import type { OptionType } from "../core/types/type.ts";
import { isAttrs, orders, priorities } from "../core/wrappers.ts";
import { app, attrs, bind, bool, float, ident, indented, int, list, nul, ref, select, str, type Node, type PathBinding } from "../emit/nix-ast.ts";

/** What is known about one merged value: its type, survivors and winning priority. */
interface Merged {
  readonly loc: readonly string[];
  readonly type: OptionType;
  readonly highestPrio: number;
  readonly survivors: readonly Definition[];
  readonly value: () => unknown;
}

/** Bindings (`path = value;`, paths relative to `base`) for the options modules set. */
export function lowerOptions(options: readonly OptionView[], base: readonly string[] = []): PathBinding[] {
  const out: PathBinding[] = [];
  for (const option of options) {
    // The declared default alone is NixOS' business: it applies its own.
    if (!setByModules(option)) continue;
    const merged: Merged = {
      loc: option.loc,
      type: option.type,
      highestPrio: option.highestPrio,
      survivors: option.definitionsWithLocations,
      value: () => option.value,
    };
    out.push(bind(option.loc.slice(base.length), lowerMerged(merged)));
  }
  return out;
}

function lowerMerged(m: Merged): Node {
  return withPriority(m.highestPrio, lowerByType(m));
}

function withPriority(priority: number, node: Node): Node {
  switch (priority) {
    case priorities.plain:
      return node;
    case priorities.default:
      return app(ref("lib.mkDefault"), node);
    case priorities.force:
      return app(ref("lib.mkForce"), node);
    case priorities.optionDefault:
      return app(ref("lib.mkOptionDefault"), node);
    default:
      return app(ref("lib.mkOverride"), int(priority), node);
  }
}

function withOrder(order: number, node: Node): Node {
  if (order === orders.before) return app(ref("lib.mkBefore"), node);
  if (order === orders.after) return app(ref("lib.mkAfter"), node);
  return app(ref("lib.mkOrder"), int(order), node);
}

function lowerByType(m: Merged): Node {
  const ordered = m.survivors.some((d) => d.order !== undefined && d.order !== orders.plain);
  if (ordered && m.type.name === "listOf") return lowerOrderedList(m);
  if (m.type.name === "attrsOf" || m.type.name === "lazyAttrsOf") return lowerAttrsOf(m);
  if (isSubmoduleType(m.type)) return lowerSubmodule(m.value());
  return valueNode(m.value());
}

/**
 * A list whose definitions carry mkBefore/mkAfter/mkOrder: one `lib.mkMerge` item per surviving
 * definition, each keeping its order, so NixOS places NixOS' own entries around them correctly.
 */
function lowerOrderedList(m: Merged): Node {
  const items = m.survivors.map((def) => {
    const elements = m.type.merge(m.loc, [{ source: def.source, value: def.value }]);
    const node = valueNode(elements);
    return def.order === undefined || def.order === orders.plain ? node : withOrder(def.order, node);
  });
  return items.length === 1 ? items[0]! : app(ref("lib.mkMerge"), list(items));
}

/** Attribute sets merge per key in Nix, each key with its own priority: lower each key on its own. */
function lowerAttrsOf(m: Merged): Node {
  const elemType = m.type.nestedTypes!.elemType!;
  const byName = new Map<string, Definition[]>();
  for (const def of m.survivors) {
    if (!isAttrs(def.value)) return valueNode(m.value());
    for (const [name, value] of Object.entries(def.value)) {
      let defs = byName.get(name);
      if (!defs) byName.set(name, (defs = []));
      defs.push({ source: def.source, value });
    }
  }
  const bindings: PathBinding[] = [];
  for (const name of [...byName.keys()].sort()) {
    const loc = [...m.loc, name];
    const result = mergeDefinitions(loc, elemType, byName.get(name)!);
    if (!result.isDefined) continue;
    const merged: Merged = { loc, type: elemType, highestPrio: result.highestPrio, survivors: result.defsFinal, value: () => result.mergedValue() };
    bindings.push(bind([name], lowerMerged(merged)));
  }
  return attrs(bindings);
}

/**
 * A submodule value is an evaluation of its own: emit its defined options, with their priorities.
 * Options panther's own modules declared inside it (`panther.*` in a home-manager user) are
 * lowered by those modules, never emitted, as at the top level.
 */
function lowerSubmodule(config: unknown): Node {
  const defined = definedOptions(config);
  if (!defined) return valueNode(config);
  const bindings = lowerOptions(defined.options.filter((o) => o.external), defined.prefix);
  // Freeform attributes of the submodule (e.g. `settings`) are plain values; declared options win.
  const declared = new Set(bindings.map((b) => b.path[0]));
  for (const [key, value] of Object.entries(defined.freeform ?? {})) {
    if (!declared.has(key) && value !== undefined) bindings.push(bind([key], valueNode(value)));
  }
  return attrs(bindings);
}

/** A value as Nix: packages are `pkgs.<name>`, multi-line strings indented strings, submodule values their defined options. */
export function valueNode(value: unknown): Node {
  if (value === null || value === undefined) return nul();
  // A submodule value inside a list or a plain value (`security.sudo.extraRules`): only what is set.
  if (definedOptions(value)) return lowerSubmodule(value);
  if (isPackage(value)) return select(ident("pkgs"), [...value.attrPath]);
  if (isRawNix(value)) return value.node as Node;
  switch (typeof value) {
    case "boolean":
      return bool(value);
    case "number":
      return Number.isInteger(value) ? int(value) : float(value);
    case "string":
      return value.includes("\n") ? indented(value) : str(value);
    case "object":
      if (Array.isArray(value)) return list(value.map(valueNode));
      // A submodule value inside a list or a plain attribute set (`listOf (submodule …)`): only
      // its defined options, as for a submodule option; NixOS fills in the rest.
      if (definedOptions(value)) return lowerSubmodule(value);
      return attrs(
        Object.keys(value)
          .sort()
          .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
          .map((k) => bind([k], valueNode((value as Record<string, unknown>)[k]))),
      );
    default:
      throw new TypeError(`a ${typeof value} cannot be written to a Nix file`);
  }
}
