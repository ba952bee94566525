// Comparing two snapshots of a host: option changes (added, removed, changed value or priority),
// definitions that only moved, and unified diffs of the emitted files. Pure data in, data out.

import { structuredPatch } from "diff";
import { comparePaths, type DefinedAt, type Json, type OptionRecord } from "./options.ts";
import type { Snapshot } from "./record.ts";

export type OptionChange =
  | { readonly kind: "added"; readonly path: readonly string[]; readonly new: OptionRecord }
  | { readonly kind: "removed"; readonly path: readonly string[]; readonly old: OptionRecord }
  | { readonly kind: "changed"; readonly path: readonly string[]; readonly old: OptionRecord; readonly new: OptionRecord };

/** Same value and priority, defined elsewhere: provenance only, no effect on the host. */
export interface MovedDefinition {
  readonly path: readonly string[];
  readonly old: readonly DefinedAt[];
  readonly new: readonly DefinedAt[];
}

export interface Hunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** Lines prefixed with " ", "+", "-" or "\" (no newline at end of file). */
  readonly lines: readonly string[];
}

export interface FileChange {
  readonly path: string;
  readonly status: "added" | "removed" | "modified";
  readonly added: number;
  readonly removed: number;
  readonly hunks: readonly Hunk[];
}

export interface HostDiff {
  readonly options: readonly OptionChange[];
  readonly moved: readonly MovedDefinition[];
  readonly files: readonly FileChange[];
  /** Files whose only change is their leading comment block (the generated header): no effect. */
  readonly headerOnly: readonly string[];
  /** Whether anything with an effect differs (what the exit status reports). */
  readonly differs: boolean;
}

export function diffSnapshots(old: Snapshot, now: Snapshot): HostDiff {
  const { options, moved } = diffOptions(old.options, now.options);
  const { files, headerOnly } = diffFiles(old.files, now.files);
  return { options, moved, files, headerOnly, differs: options.length > 0 || files.length > 0 };
}

// ---------------------------------------------------------------- options

function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

export function diffOptions(old: readonly OptionRecord[], now: readonly OptionRecord[]): { options: OptionChange[]; moved: MovedDefinition[] } {
  const before = new Map(old.map((r) => [pathKey(r.path), r]));
  const after = new Map(now.map((r) => [pathKey(r.path), r]));
  const options: OptionChange[] = [];
  const moved: MovedDefinition[] = [];
  for (const [key, o] of before) if (!after.has(key)) options.push({ kind: "removed", path: o.path, old: o });
  for (const [key, n] of after) {
    const o = before.get(key);
    if (!o) options.push({ kind: "added", path: n.path, new: n });
    else if (!sameJson(o.value, n.value) || o.priority !== n.priority) options.push({ kind: "changed", path: n.path, old: o, new: n });
    else if (!sameJson(o.definedAt as unknown as Json, n.definedAt as unknown as Json)) moved.push({ path: n.path, old: o.definedAt, new: n.definedAt });
  }
  options.sort((a, b) => comparePaths(a.path, b.path));
  moved.sort((a, b) => comparePaths(a.path, b.path));
  return { options, moved };
}

/** Records are built with sorted keys, so their JSON text is canonical. */
function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------- files

export function diffFiles(old: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>): { files: FileChange[]; headerOnly: string[] } {
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  const files: FileChange[] = [];
  const headerOnly: string[] = [];
  for (const path of paths) {
    const a = old.get(path);
    const b = now.get(path);
    if (a === b) continue;
    if (a !== undefined && b !== undefined && body(a) === body(b)) {
      headerOnly.push(path);
      continue;
    }
    files.push(fileChange(path, a, b));
  }
  return { files, headerOnly };
}

function fileChange(path: string, a: string | undefined, b: string | undefined): FileChange {
  const patch = structuredPatch(path, path, a ?? "", b ?? "", "", "", { context: 3 });
  const hunks = patch.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines }));
  let added = 0;
  let removed = 0;
  for (const h of hunks) {
    for (const line of h.lines) {
      if (line.startsWith("+")) added++;
      else if (line.startsWith("-")) removed++;
    }
  }
  const status = a === undefined ? "added" : b === undefined ? "removed" : "modified";
  return { path, status, added, removed, hunks };
}

/**
 * A file without its leading comment block. panther writes a header there (who generated the file
 * and from which sources); nothing before the first line of code can be inside a string, so
 * comparing what follows tells whether the Nix itself changed.
 */
export function body(text: string): string {
  const lines = text.split("\n");
  let i = 0;
  while (i < lines.length && /^\s*(#.*)?$/.test(lines[i]!)) i++;
  return lines.slice(i).join("\n");
}
