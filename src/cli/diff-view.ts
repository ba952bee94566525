// How `panther diff` looks: per host, option changes (value, priority, the file:line defining it
// now) then unified file diffs; a one-line `--stat`; and the JSON document for tools.

import type { FileChange, HostDiff, MovedDefinition, OptionChange } from "../history/diff.ts";
import type { DefinedAt, Json, OptionRecord } from "../history/options.ts";
import type { Baseline } from "./diff-sides.ts";
import type { Colors } from "./diagnostics.ts";
import { priorityLabel } from "./commands/option.ts";
import { showPath } from "./values.ts";

export interface HostResult {
  readonly host: string;
  readonly diff: HostDiff;
  readonly fromGeneration: number | null;
  readonly inOld: boolean;
  readonly inNew: boolean;
}

export interface ViewOptions {
  readonly colors: Colors;
  /** Also list definitions that moved and headers that changed (no effect on the host). */
  readonly provenance: boolean;
}

// ---------------------------------------------------------------- values

const keywords = new Set(["if", "then", "else", "let", "in", "with", "rec", "inherit", "assert", "or"]);

/** A recorded value as Nix-looking text on one line: `pkgs.x`, `[ 1 2 ]`, `{ a = 1; }`. */
export function showValue(value: Json): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value).replace(/\$\{/g, "\\${");
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "[ ]" : `[ ${value.map(showValue).join(" ")} ]`;
  if (typeof value.$pkgs === "string") return `pkgs.${value.$pkgs}`;
  if (typeof value.$nix === "string") return `nixRaw(${JSON.stringify(value.$nix)})`;
  if (typeof value.$opaque === "string") return `«${value.$opaque}»`;
  if (typeof value.$error === "string") return `«error: ${value.$error}»`;
  const keys = Object.keys(value);
  if (keys.length === 0) return "{ }";
  return `{ ${keys.map((k) => `${/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(k) && !keywords.has(k) ? k : JSON.stringify(k)} = ${showValue(value[k]!)};`).join(" ")} }`;
}

function showLocations(locations: readonly DefinedAt[]): string {
  if (locations.length === 0) return "(no module location)";
  return locations.map((l) => (l.line === undefined ? l.file : `${l.file}:${l.line}`)).join(", ");
}

export function baselineLabel(baseline: Baseline, result: Pick<HostResult, "fromGeneration" | "inOld">): string {
  if (baseline.kind === "git") return `${baseline.ref} (${baseline.revision.slice(0, 12)})${result.inOld ? "" : ", where it does not exist"}`;
  if (result.fromGeneration === null) return "no previous build";
  return baseline.kind === "last-build" ? `last build (generation ${result.fromGeneration})` : `generation ${result.fromGeneration}`;
}

// ---------------------------------------------------------------- text

/** The text for one host, empty when nothing with an effect differs (and provenance is off). */
export function hostText(result: HostResult, baseline: Baseline, options: ViewOptions): string {
  const { diff } = result;
  const c = options.colors;
  const extra = options.provenance && (diff.moved.length > 0 || diff.headerOnly.length > 0);
  if (!diff.differs && !extra) return "";
  const lines = [c.bold(`diff ${result.host}: ${baselineLabel(baseline, result)} → working tree${result.inNew ? "" : " (host removed)"}`)];
  for (const change of diff.options) lines.push(...optionLines(change, c));
  if (options.provenance) {
    for (const moved of diff.moved) lines.push(...movedLines(moved, c));
    for (const file of diff.headerOnly) lines.push(c.dim(`· ${file}: only its header comment changed`));
  }
  for (const file of diff.files) lines.push("", ...fileLines(file, c));
  return `${lines.join("\n")}\n`;
}

function optionLines(change: OptionChange, c: Colors): string[] {
  const path = showPath(change.path);
  if (change.kind === "added") {
    return [`${c.green(`+ ${path} = ${showValue(change.new.value)}`)}`, c.dim(`    at ${where(change.new)}`)];
  }
  if (change.kind === "removed") {
    return [`${c.red(`- ${path} = ${showValue(change.old.value)}`)}`, c.dim(`    was at ${where(change.old)}`)];
  }
  const oldValue = showValue(change.old.value);
  const newValue = showValue(change.new.value);
  const head =
    oldValue === newValue
      ? [c.yellow(`~ ${path} = ${newValue}`)]
      : oldValue.length + newValue.length > 90
        ? [c.yellow(`~ ${path}`), c.red(`    - ${oldValue}`), c.green(`    + ${newValue}`)]
        : [`${c.yellow(`~ ${path} =`)} ${c.red(oldValue)} → ${c.green(newValue)}`];
  const prio = change.old.priority === change.new.priority ? "" : `, priority ${priorityLabel(change.old.priority)} → ${priorityLabel(change.new.priority)}`;
  return [...head, c.dim(`    at ${showLocations(change.new.definedAt)}${prio}`)];
}

function where(record: OptionRecord): string {
  const prio = record.priority === 100 ? "" : `, priority ${priorityLabel(record.priority)}`;
  return `${showLocations(record.definedAt)}${prio}`;
}

function movedLines(moved: MovedDefinition, c: Colors): string[] {
  return [c.dim(`· ${showPath(moved.path)}: defined at ${showLocations(moved.new)} (was ${showLocations(moved.old)}), same value`)];
}

function fileLines(file: FileChange, c: Colors): string[] {
  const lines = [c.bold(`--- ${file.status === "added" ? "/dev/null" : `a/${file.path}`}`), c.bold(`+++ ${file.status === "removed" ? "/dev/null" : `b/${file.path}`}`)];
  for (const hunk of file.hunks) {
    lines.push(c.cyan(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`));
    for (const line of hunk.lines) lines.push(line.startsWith("+") ? c.green(line) : line.startsWith("-") ? c.red(line) : line);
  }
  return lines;
}

/** `host: 3 options (+1 ~1 -1), 1 file (+2 -1)`; empty when nothing with an effect differs. */
export function statLine(result: HostResult, c: Colors): string {
  const { diff } = result;
  if (!diff.differs) return "";
  const count = (kind: OptionChange["kind"]) => diff.options.filter((o) => o.kind === kind).length;
  const added = diff.files.reduce((n, f) => n + f.added, 0);
  const removed = diff.files.reduce((n, f) => n + f.removed, 0);
  const options = `${diff.options.length} option${diff.options.length === 1 ? "" : "s"} (${c.green(`+${count("added")}`)} ${c.yellow(`~${count("changed")}`)} ${c.red(`-${count("removed")}`)})`;
  const files = `${diff.files.length} file${diff.files.length === 1 ? "" : "s"} (${c.green(`+${added}`)} ${c.red(`-${removed}`)})`;
  return `${result.host}: ${options}, ${files}\n`;
}

// ---------------------------------------------------------------- JSON

function recordJSON(record: OptionRecord): Record<string, unknown> {
  return { value: record.value, priority: record.priority, definedAt: record.definedAt };
}

export function hostJSON(result: HostResult, baseline: Baseline): Record<string, unknown> {
  const { diff } = result;
  return {
    host: result.host,
    from: baselineLabel(baseline, result),
    fromGeneration: result.fromGeneration,
    inOld: result.inOld,
    inNew: result.inNew,
    differences: diff.differs,
    options: diff.options.map((o) => ({
      change: o.kind,
      path: showPath(o.path),
      loc: o.path,
      ...(o.kind === "added" ? {} : { old: recordJSON(o.old) }),
      ...(o.kind === "removed" ? {} : { new: recordJSON(o.new) }),
    })),
    moved: diff.moved.map((m) => ({ path: showPath(m.path), loc: m.path, old: m.old, new: m.new })),
    files: diff.files,
    headerOnly: diff.headerOnly,
  };
}

export function baselineJSON(baseline: Baseline): Record<string, unknown> {
  return { ...baseline };
}
