// Where a value came from: the definitions (file, line, priority, value) that set an option path,
// descending into submodules (`fileSystems."/".device`) and plain attribute sets
// (`boot.kernel.sysctl."vm.swappiness"`). Checks use it to name the lines a finding is about.

import { definedOptions } from "../../core/eval.ts";
import type { RelatedLocation } from "../../core/errors.ts";
import type { SourceLocation } from "../../core/location.ts";
import type { DefinitionInfo } from "../../core/provenance.ts";
import { isAttrs, isIf, isMerge, isOverride, isOrder } from "../../core/wrappers.ts";

export interface Site {
  readonly source: SourceLocation;
  /** The value this definition gives the path (wrappers removed). */
  readonly value: unknown;
  readonly priority: number;
  readonly winning: boolean;
}

/** The value under `rest` inside a definition value, looking through mkIf/mkMerge/mkOverride/mkOrder. */
function* valuesAt(value: unknown, rest: readonly string[]): Generator<unknown> {
  if (isIf(value)) {
    if (value.condition === true) yield* valuesAt(value.content, rest);
    return;
  }
  if (isMerge(value)) {
    for (const part of value.contents) yield* valuesAt(part, rest);
    return;
  }
  if (isOverride(value) || isOrder(value)) {
    yield* valuesAt(value.content, rest);
    return;
  }
  if (rest.length === 0) {
    yield value;
    return;
  }
  if (isAttrs(value) && Object.hasOwn(value, rest[0]!)) yield* valuesAt(value[rest[0]!], rest.slice(1));
}

/**
 * Every definition that sets `path` in an evaluated configuration, with its location. Returns []
 * when nothing sets it. `config` is a host's (or submodule's) evaluated config.
 */
export function definitionSites(config: unknown, path: readonly string[]): Site[] {
  const defined = definedOptions(config);
  if (!defined) return [];
  const rel = (loc: readonly string[]) => loc.slice(defined.prefix.length);
  // The declared option that is `path` or the closest one above it.
  let best: { view: (typeof defined.options)[number]; depth: number } | undefined;
  for (const view of defined.options) {
    const loc = rel(view.loc);
    if (loc.length > path.length || !loc.every((k, i) => k === path[i])) continue;
    if (!best || loc.length > best.depth) best = { view, depth: loc.length };
  }
  if (!best) return [];
  const rest = path.slice(best.depth);
  if (rest.length > 0) {
    // Inside a submodule value: ask the nested evaluation, which keeps per-definition locations.
    let value: unknown = best.view.value;
    for (let i = 0; i < rest.length; i++) {
      if (!isAttrs(value) || !Object.hasOwn(value, rest[i]!)) break;
      value = value[rest[i]!];
      // A path ending at a submodule value (`fileSystems."/"`) keeps the definitions of the key here.
      if (i + 1 < rest.length && definedOptions(value)) return definitionSites(value, rest.slice(i + 1));
    }
  }
  return best.view.allDefinitions.flatMap((def: DefinitionInfo) =>
    [...valuesAt(def.value, rest)].map((value) => ({ source: def.source, value, priority: def.priority, winning: def.winning })),
  );
}

/** The sites as error locations with a role ("definition" unless told). */
export function siteLocations(sites: readonly Site[], role = "definition", detail?: string): RelatedLocation[] {
  return sites.map((s) => ({ ...s.source, role, ...(detail === undefined ? {} : { detail }) }));
}
