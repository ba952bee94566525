// Module collection: call module functions (with probes), follow imports breadth-first with
// deduplication by key, drop disabled modules, and reverse, as nixpkgs `collectModules` does.

import { type SourceLocation } from "./location.ts";
import { normalizeModule, recordedLocation, type Module, type ModuleArgs, type NormalModule } from "./module.ts";
import { invalidModule } from "./module.ts";

export interface CollectedModule {
  readonly source: SourceLocation;
  /** The function to call again with the real configuration, when the probe call read any of it. */
  readonly fn: ((args: ModuleArgs) => unknown) | undefined;
  /** Whether the probe call read `config` or `options` (if not, its result is final). */
  readonly touched: boolean;
  readonly normal: NormalModule;
}

/** A collected module and its place in the import graph (one object per module). */
interface Node extends CollectedModule {
  readonly id: unknown;
  /** The modules it imports; a shared empty list when it imports none. */
  children: Node[];
  visited: boolean;
}

const noChildren: Node[] = [];

export interface CollectContext {
  /** Calls a module function in the probing phase; reports whether it read config/options. */
  probeCall(fn: (args: ModuleArgs) => unknown): { result: unknown; touched: boolean };
  /** Where modules without a recorded location are said to come from. */
  readonly fallbackSource: SourceLocation;
}

/** Returns the modules in definition order (the reverse of breadth-first import order). */
export function collectModules(roots: readonly Module[], ctx: CollectContext): CollectedModule[] {
  const seen = new Map<unknown, Node>();
  const disabled = new Set<unknown>();
  let anonymous = 0;

  const load = (value: Module, parent: SourceLocation | undefined, parentFile: string | undefined): Node => {
    const known = seen.get(value);
    if (known) return known;
    const recorded = typeof value === "object" || typeof value === "function" ? recordedLocation(value as object) : undefined;
    const where = recorded ?? parent ?? ctx.fallbackSource;
    let result: unknown = value;
    let touched = false;
    let fn: CollectedModule["fn"];
    if (typeof value === "function") {
      fn = value as (args: ModuleArgs) => unknown;
      ({ result, touched } = ctx.probeCall(fn));
    }
    const normal = normalizeModule(result, where);
    // A module without a name inherits its parent's file, as Nix imports without _file do.
    const file = normal.file ?? (recorded ? undefined : parentFile);
    const source: SourceLocation = file !== undefined ? { file, line: recorded?.line, column: recorded?.column } : where;
    const id = normal.key ?? (typeof value === "object" || typeof value === "function" ? value : `anon-${anonymous++}`);
    const existing = seen.get(id);
    if (existing) return existing;
    const node: Node = { source, fn, touched, normal, id, children: normal.imports.length > 0 ? [] : noChildren, visited: false };
    seen.set(id, node);
    for (let i = 0; i < normal.disabledModules.length; i++) disabled.add(normal.disabledModules[i]);
    for (let i = 0; i < normal.imports.length; i++) {
      const child = normal.imports[i];
      if (child === null || (typeof child !== "object" && typeof child !== "function")) {
        throw invalidModule(source, `imports must hold modules (objects or functions), found ${JSON.stringify(child)}.`);
      }
      node.children.push(load(child, recorded ? source : where, file));
    }
    return node;
  };

  const top = roots.map((m) => load(m, undefined, undefined));
  const isDisabled = (node: Node) =>
    disabled.size > 0 && (disabled.has(node.id) || (node.normal.file !== undefined && disabled.has(node.normal.file)));

  // builtins.genericClosure: breadth-first, each key once (a node per key, marked when visited).
  const order: CollectedModule[] = [];
  const queue = top;
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (node.visited || isDisabled(node)) continue;
    node.visited = true;
    order.push(node);
    for (let k = 0; k < node.children.length; k++) queue.push(node.children[k]!);
  }
  return order.reverse();
}
