// The floor: the bench workload's merge with nothing else. It gives the same configuration as
// `evalModules` on `bench/workload.ts` (a test checks it) but keeps no provenance, evaluates
// nothing lazily, calls each module once and knows only the workload's five types. No evaluator
// with panther's features can be faster, so its time in the same minutes is the machine's floor
// for the workload: `npm run bench` prints panther's time as a multiple of it, a figure that
// depends much less on the machine and the minute than milliseconds do.

import type { Module, ModuleArgs, OptionType } from "panther";

interface Declared {
  readonly type: OptionType;
  readonly default: unknown;
  readonly values: unknown[];
}

type Namespace = Map<string, Declared | Namespace>;

type Wrapper = { _type?: string; condition?: unknown; priority?: number; content?: unknown; contents?: unknown[] };

/** Evaluates the workload and returns `JSON.stringify` of its configuration. */
export function floorEvaluation(modules: readonly Module[]): string {
  // The workload's functions read one bool each and define the same options whatever it is.
  const config = new Proxy({}, { get: () => ({ o2: true }) }) as ModuleArgs["config"];
  const results: { options: object; config: object }[] = [];
  for (const m of modules) results.push((typeof m === "function" ? m({ config, options: {}, lib: {} }) : m) as (typeof results)[number]);
  const root: Namespace = new Map();
  for (const r of results) declare(root, r.options);
  // Definition order is the reverse of module order (docs/module-system.md).
  for (let i = results.length - 1; i >= 0; i--) define(root, results[i]!.config);
  return JSON.stringify(materialize(root));
}

// Written the way hot JavaScript is written (loops over keys, no spreads, no closures per value):
// the idiomatic version, with Object.entries, spreads and sorts of pairs, took as long as panther.

function declare(node: Namespace, options: object): void {
  for (const name in options) {
    const value = (options as Record<string, Wrapper & Declared>)[name]!;
    if (value._type === "option") node.set(name, { type: value.type, default: value.default, values: [] });
    else {
      let child = node.get(name) as Namespace | undefined;
      if (!child) node.set(name, (child = new Map()));
      declare(child, value);
    }
  }
}

function define(node: Namespace, config: object): void {
  for (const name in config) {
    const value = (config as Record<string, unknown>)[name];
    const child = node.get(name)!;
    if (child instanceof Map) define(child, value as object);
    else child.values.push(value);
  }
}

function materialize(node: Namespace): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = [...node.keys()].sort();
  for (const name of names) {
    const child = node.get(name)!;
    out[name] = child instanceof Map ? materialize(child) : merge(child.type, child.values, child.default);
  }
  return out;
}

const isWrapper = (v: unknown): v is Wrapper => typeof v === "object" && v !== null && (v as Wrapper)._type !== undefined;

/** Priorities (mkIf discharged, the best mkOverride kept), mkOrder, then the type's merge. */
function merge(type: OptionType, values: readonly unknown[], dflt: unknown): unknown {
  let best = Infinity;
  const kept: unknown[] = [];
  for (let value of values) {
    let priority = 100;
    if (isWrapper(value) && value._type === "if") {
      if (!value.condition) continue;
      value = value.content;
    }
    if (isWrapper(value) && value._type === "override") {
      priority = value.priority!;
      value = value.content;
    }
    if (priority < best) {
      best = priority;
      kept.length = 0;
    }
    if (priority === best) kept.push(value);
  }
  if (kept.length === 0) return dflt;
  for (const v of kept) if (!type.check(isWrapper(v) && v._type === "order" ? v.content : v)) throw new Error(`not of type ${type.description}`);
  const elemType = type.nestedTypes?.elemType;
  if (type.name === "listOf") return mergeLists(elemType!, kept);
  if (type.name === "attrsOf") {
    const byName = new Map<string, unknown[]>();
    for (const v of kept as Record<string, unknown>[]) {
      for (const k in v) {
        const list = byName.get(k);
        if (list) list.push(v[k]);
        else byName.set(k, [v[k]]);
      }
    }
    const out: Record<string, unknown> = {};
    for (const k of [...byName.keys()].sort()) out[k] = merge(elemType!, byName.get(k)!, undefined);
    return out;
  }
  for (let i = 1; i < kept.length; i++) if (kept[i] !== kept[0]) throw new Error("conflicting definitions");
  return kept[0];
}

/** mkOrder: a stable sort by position (unwrapped lists at 1000), then the lists concatenated. */
function mergeLists(elemType: OptionType, kept: unknown[]): unknown[] {
  const positions = kept.map((v) => (isWrapper(v) && v._type === "order" ? v.priority! : 1000));
  const order = kept.map((_, i) => i).sort((a, b) => positions[a]! - positions[b]! || a - b);
  const out: unknown[] = [];
  for (const i of order) {
    const v = kept[i];
    for (const e of (isWrapper(v) && v._type === "order" ? v.content : v) as unknown[]) {
      if (!elemType.check(e)) throw new Error(`not of type ${elemType.description}`);
      out.push(e);
    }
  }
  return out;
}
