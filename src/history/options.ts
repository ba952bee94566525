// What a host's modules set, as plain, comparable records: one per leaf value (submodules and
// attribute sets descended into), each with its winning priority and the file:line defining it.

import { isAbsolute, relative } from "node:path";
import { definedOptions } from "../core/eval.ts";
import { isPantherError } from "../core/errors.ts";
import { definedValue, setByModules } from "../compile/defined.ts";
import type { SourceLocation } from "../core/location.ts";
import { isPackage } from "../core/package.ts";
import type { Definition } from "../core/merge.ts";
import type { OptionView } from "../core/provenance.ts";
import { isRawNix } from "../core/raw-nix.ts";
import { isAttrs, isIf, isMerge, isOrder, isOverride } from "../core/wrappers.ts";

/** JSON data; packages, raw Nix and opaque values are tagged objects (see `encodeValue`). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface DefinedAt {
  /** Relative to the project root (so that two checkouts compare equal), or `<panther/…>`. */
  readonly file: string;
  readonly line?: number;
}

export interface OptionRecord {
  readonly path: readonly string[];
  readonly value: Json;
  /** The winning priority (100 plain, 1000 mkDefault, 50 mkForce, …). */
  readonly priority: number;
  /** The winning definitions that set this value. */
  readonly definedAt: readonly DefinedAt[];
}

/** NixOS' bookkeeping options: checked by panther, never emitted, not part of a host's result. */
const bookkeeping = new Set(["assertions", "warnings"]);

/**
 * Every value the modules of an evaluation set, sorted by path. Values are forced (an evaluation
 * error propagates); options holding only their declared default are left out, as in the output.
 */
export function optionRecords(config: unknown, root: string): OptionRecord[] {
  const out: OptionRecord[] = [];
  walkEvaluation(config, root, out);
  return out.sort((a, b) => comparePaths(a.path, b.path));
}

function walkEvaluation(config: unknown, root: string, out: OptionRecord[]): void {
  const defined = definedOptions(config);
  if (!defined) return;
  for (const option of defined.options) {
    if (!setByModules(option)) continue;
    if (defined.prefix.length === 0 && bookkeeping.has(option.loc[0]!)) continue;
    const records: OptionRecord[] = [];
    try {
      walkValue({ option, definitions: option.definitionsWithLocations }, [], option.value, root, records);
      out.push(...records);
    } catch (error) {
      // An option nothing reads may fail to evaluate without failing the build (as in Nix).
      if (!isPantherError(error)) throw error;
      out.push({ path: option.loc, value: { $error: error.code }, priority: option.highestPrio, definedAt: [] });
    }
  }
  for (const [key, value] of Object.entries(defined.freeform ?? {})) {
    // Freeform values have no option, hence no per-definition record: only the value is known.
    if (value !== undefined) pushLeaves([...defined.prefix, key], value, { priority: 100, definedAt: [] }, out);
  }
}

/**
 * An option and its winning definitions: the merge's survivors (top-level priority wrappers
 * removed), which the option keeps, unlike `allDefinitions`, recomputed on every read.
 */
interface Winning {
  readonly option: OptionView;
  readonly definitions: readonly Definition[];
}

function walkValue(winning: Winning, rest: readonly string[], value: unknown, root: string, out: OptionRecord[]): void {
  if (value === undefined) return;
  if (definedOptions(value)) return walkEvaluation(value, root, out);
  if (isAttrs(value) && Object.keys(value).length > 0) {
    for (const key of Object.keys(value).sort()) walkValue(winning, [...rest, key], value[key], root, out);
    return;
  }
  out.push({ path: [...winning.option.loc, ...rest], value: encodeValue(value), ...provenance(winning, rest, root) });
}

function pushLeaves(path: readonly string[], value: unknown, prov: Omit<OptionRecord, "path" | "value">, out: OptionRecord[]): void {
  if (isAttrs(value) && Object.keys(value).length > 0) {
    for (const key of Object.keys(value).sort()) if (value[key] !== undefined) pushLeaves([...path, key], value[key], prov, out);
  } else out.push({ path, value: encodeValue(value), ...prov });
}

// ---------------------------------------------------------------- provenance

/**
 * The winning definitions that reach `rest` inside the option's value. An `mkOverride` inside an
 * attribute set gives that key its own priority (NixOS merges `attrsOf` per key); otherwise the
 * key has the option's.
 */
function provenance({ option, definitions }: Winning, rest: readonly string[], root: string): Omit<OptionRecord, "path" | "value"> {
  const sites: { source: SourceLocation; priority: number | undefined }[] = [];
  for (const def of definitions) {
    for (const inner of innerPriorities(def.value, rest, undefined)) sites.push({ source: def.source, priority: inner });
  }
  const inner = sites.map((s) => s.priority).filter((p): p is number => p !== undefined);
  const priority = inner.length > 0 ? Math.min(...inner) : option.highestPrio;
  const winners = sites.filter((s) => (s.priority ?? option.highestPrio) === priority);
  const definedAt = uniqueLocations(winners.map((s) => locationOf(s.source, root)));
  return { priority, definedAt };
}

/** For each way a definition value reaches `rest`, the innermost override priority met below the top. */
function* innerPriorities(value: unknown, rest: readonly string[], priority: number | undefined): Generator<number | undefined> {
  if (isIf(value)) {
    if (value.condition === true) yield* innerPriorities(value.content, rest, priority);
  } else if (isMerge(value)) {
    for (const part of value.contents) yield* innerPriorities(part, rest, priority);
  } else if (isOverride(value)) {
    // Top-level overrides are already removed from the survivors: this one is a key's own.
    yield* innerPriorities(value.content, rest, value.priority);
  } else if (isOrder(value)) {
    yield* innerPriorities(value.content, rest, priority);
  } else if (rest.length === 0) {
    yield priority;
  } else if (isAttrs(value) && Object.hasOwn(value, rest[0]!)) {
    yield* innerPriorities(value[rest[0]!], rest.slice(1), priority);
  }
}

function locationOf(source: SourceLocation, root: string): DefinedAt {
  const file = isAbsolute(source.file) ? relative(root, source.file).split("\\").join("/") : source.file;
  return source.line === undefined ? { file } : { file, line: source.line };
}

function uniqueLocations(locations: readonly DefinedAt[]): DefinedAt[] {
  const seen = new Map<string, DefinedAt>();
  for (const l of locations) seen.set(`${l.file}:${l.line ?? ""}`, l);
  return [...seen.values()].sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
}

// ---------------------------------------------------------------- values

/**
 * Plain JSON for a value. Packages become `{ "$pkgs": "a.b" }`, raw Nix `{ "$nix": text }`; any
 * other non-plain object only its kind (`{ "$opaque": "Name" }`): a record never calls an
 * object's own conversions, so nothing but plain data and references can reach history or diffs.
 */
export function encodeValue(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (isPackage(value)) return { $pkgs: value.attrPath.join(".") };
  if (isRawNix(value)) return { $nix: value.text };
  if (typeof value === "function") return { $opaque: "function" };
  if (Array.isArray(value)) return value.map(encodeValue);
  // A submodule value inside a list: what its modules define.
  if (definedOptions(value)) return encodeValue(definedValue(value));
  if (isAttrs(value)) {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = encodeValue(value[key]);
    return out;
  }
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return { $opaque: typeof name === "string" && name !== "" ? name : "object" };
}

export function comparePaths(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}
