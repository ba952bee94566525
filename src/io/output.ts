// The output folder: replaced atomically with a new tree, unchanged files hard-linked so their
// inode and mtime survive, and a `.panther-output` marker so a foreign folder is never replaced.
// The build history (`.panther-history/`, src/io/history.ts) is carried into every new tree.

import fs from "node:fs";
import path from "node:path";
import type { EmittedFile } from "../compile/project.ts";
import { historyDirName, stageHistory, type NewGeneration } from "./history.ts";

/** The marker file: its presence says panther owns the folder; it records who wrote each file. */
export const markerName = ".panther-output";

/** An emitted file and, optionally, who produced it (a host name), recorded in the marker. */
export interface OutputFile extends EmittedFile {
  readonly owner?: string;
}

export interface WriteOptions {
  /**
   * Owners whose files in the previous output are carried over when this write does not
   * produce them (building one host keeps the other hosts' files).
   */
  readonly keep?: readonly string[];
  /** Generations recorded in the new tree's history, so they appear exactly when the output does. */
  readonly generations?: readonly NewGeneration[];
}

export interface OutputResult {
  /** Files whose content is new or changed (written afresh). */
  readonly written: string[];
  /** Files whose content was already there (hard-linked or copied with their mtime). */
  readonly unchanged: string[];
  /** Files of the previous output that the new one does not have. */
  readonly removed: string[];
  /** Files carried over from the previous output for the `keep` owners (a subset of `unchanged`). */
  readonly kept: string[];
}

/** A refusal or failure of the output writer; the previous output is untouched when it is thrown. */
export class OutputError extends Error {
  constructor(
    readonly code: "invalid-output-path" | "foreign-output-dir" | "output-write-failed" | "damaged-history",
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "OutputError";
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, locations: [], hint: this.hint };
  }
}

/**
 * Replace `outDir` with exactly `files` (plus carried-over files, plus the marker). The new tree
 * is built beside it and swapped in with two renames, so readers see the old or the new tree.
 */
export function writeOutput(outDir: string, files: readonly OutputFile[], options: WriteOptions = {}): OutputResult {
  const out = path.resolve(outDir);
  const sorted = validateFiles(files);
  checkOwnership(out);
  const previous = readOutputManifest(out);
  const tmp = `${out}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  let result: OutputResult;
  try {
    fs.mkdirSync(tmp, { recursive: true });
    result = buildTree(out, tmp, sorted, previous, options.keep ?? []);
    stageHistory(out, tmp, options.generations ?? []);
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw wrapFailure(error, out);
  }
  swapIn(out, tmp);
  return result;
}

/** Who wrote each file of the previous output (owner null: no owner), or an empty map. */
export function readOutputManifest(outDir: string): Map<string, string | null> {
  const manifest = new Map<string, string | null>();
  let text: string;
  try {
    text = fs.readFileSync(path.join(outDir, markerName), "utf8");
  } catch {
    return manifest;
  }
  try {
    const parsed = JSON.parse(text) as { files?: Record<string, string | null> };
    for (const [file, owner] of Object.entries(parsed.files ?? {})) manifest.set(file, typeof owner === "string" ? owner : null);
  } catch {
    // A damaged marker still marks the folder as ours; only the ownership record is lost.
  }
  return manifest;
}

// ---------------------------------------------------------------- validation

/** Paths must be relative, normalized, unique, and must not make a file and a folder collide. */
function validateFiles(files: readonly OutputFile[]): OutputFile[] {
  const seen = new Set<string>();
  for (const file of files) {
    const problem = pathProblem(file.path);
    if (problem) throw new OutputError("invalid-output-path", `Refusing to write \`${file.path}': ${problem}.`);
    if (seen.has(file.path)) throw new OutputError("invalid-output-path", `Two emitted files have the same path \`${file.path}'.`);
    seen.add(file.path);
  }
  for (const file of seen) {
    const parts = file.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (seen.has(dir)) throw new OutputError("invalid-output-path", `\`${dir}' is emitted as a file but \`${file}' needs it to be a folder.`);
    }
  }
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function pathProblem(p: string): string | undefined {
  if (p === "") return "the path is empty";
  if (p.includes("\\")) return "backslashes are not allowed (use `/')";
  if (p.includes("\0")) return "the path contains a NUL byte";
  if (p.startsWith("/") || path.isAbsolute(p)) return "the path is absolute";
  const parts = p.split("/");
  if (parts.some((s) => s === "..")) return "`..' is not allowed";
  if (parts.some((s) => s === "" || s === ".")) return "the path is not normalized (empty or `.' segment)";
  if (p === markerName) return `\`${markerName}' is panther's marker file`;
  if (parts[0] === historyDirName) return `\`${historyDirName}/' holds panther's build history`;
  return undefined;
}

/** An existing, non-empty folder without the marker is someone else's: never replace it. */
function checkOwnership(out: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(out);
  } catch {
    return;
  }
  if (stat.isSymbolicLink()) {
    throw new OutputError("foreign-output-dir", `The output folder ${out} is a symbolic link; panther replaces its output folder and will not replace a link.`, "Point --out at a real folder.");
  }
  if (!stat.isDirectory()) throw new OutputError("foreign-output-dir", `The output path ${out} exists and is not a folder.`, "Choose another --out.");
  const entries = fs.readdirSync(out);
  if (entries.length > 0 && !entries.includes(markerName)) {
    throw new OutputError(
      "foreign-output-dir",
      `Refusing to replace ${out}: it is not empty and was not written by panther (no ${markerName} file).`,
      "Choose another --out, or empty or remove that folder yourself.",
    );
  }
}

// ---------------------------------------------------------------- building the new tree

function buildTree(
  out: string,
  tmp: string,
  files: readonly OutputFile[],
  previous: ReadonlyMap<string, string | null>,
  keep: readonly string[],
): OutputResult {
  const written: string[] = [];
  const unchanged: string[] = [];
  const kept: string[] = [];
  const owners = new Map<string, string | null>();
  for (const file of files) {
    const text = Buffer.from(file.text, "utf8");
    if (reuseIfSame(path.join(out, file.path), path.join(tmp, file.path), text)) unchanged.push(file.path);
    else {
      writeFile(path.join(tmp, file.path), text);
      written.push(file.path);
    }
    owners.set(file.path, file.owner ?? null);
  }
  const keepSet = new Set(keep);
  for (const [file, owner] of [...previous].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (owner === null || !keepSet.has(owner) || owners.has(file) || collides(file, owners)) continue;
    if (!reuse(path.join(out, file), path.join(tmp, file))) continue;
    kept.push(file);
    unchanged.push(file);
    owners.set(file, owner);
  }
  writeFile(path.join(tmp, markerName), Buffer.from(manifestText(owners), "utf8"));
  const removed = listFiles(out).filter((f) => f !== markerName && !f.startsWith(`${historyDirName}/`) && !owners.has(f));
  unchanged.sort();
  return { written, unchanged, removed, kept };
}

/** Whether a carried-over path would clash with a new file as file-versus-folder. */
function collides(file: string, owners: ReadonlyMap<string, string | null>): boolean {
  const parts = file.split("/");
  for (let i = 1; i < parts.length; i++) if (owners.has(parts.slice(0, i).join("/"))) return true;
  const prefix = `${file}/`;
  for (const other of owners.keys()) if (other.startsWith(prefix)) return true;
  return false;
}

/** Sorted keys, no timestamps: the same output gives the same marker. */
function manifestText(owners: ReadonlyMap<string, string | null>): string {
  const files: Record<string, string | null> = {};
  for (const key of [...owners.keys()].sort()) files[key] = owners.get(key) ?? null;
  return `${JSON.stringify({ generator: "panther", files }, null, 2)}\n`;
}

/** Link the previous file into the new tree when its bytes are the ones we want. */
function reuseIfSame(previous: string, target: string, text: Buffer): boolean {
  let current: Buffer;
  try {
    if (!fs.lstatSync(previous).isFile()) return false;
    current = fs.readFileSync(previous);
  } catch {
    return false;
  }
  return current.equals(text) && reuse(previous, target);
}

/** Hard-link, or copy keeping the mtime where links are impossible (other file system, no support). */
function reuse(previous: string, target: string): boolean {
  try {
    if (!fs.lstatSync(previous).isFile()) return false;
  } catch {
    return false;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.linkSync(previous, target);
  } catch {
    fs.copyFileSync(previous, target);
    const stat = fs.statSync(previous);
    fs.utimesSync(target, stat.atime, stat.mtime);
  }
  return true;
}

function writeFile(file: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

/** Every regular file below `dir`, as sorted `/`-separated relative paths ([] if it does not exist). */
function listFiles(dir: string, prefix = ""): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...listFiles(dir, rel));
    else found.push(rel);
  }
  return found.sort();
}

// ---------------------------------------------------------------- the swap

/**
 * `out` → `out.old-<pid>`, `tmp` → `out`, then delete the old tree. If the second rename fails
 * the old tree is renamed back, so a failure never leaves the output missing.
 */
function swapIn(out: string, tmp: string): void {
  const old = `${out}.old-${process.pid}`;
  const hadPrevious = fs.existsSync(out);
  try {
    if (hadPrevious) {
      fs.rmSync(old, { recursive: true, force: true });
      fs.renameSync(out, old);
    }
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw wrapFailure(error, out);
  }
  try {
    fs.renameSync(tmp, out);
  } catch (error) {
    if (hadPrevious) fs.renameSync(old, out);
    fs.rmSync(tmp, { recursive: true, force: true });
    throw wrapFailure(error, out);
  }
  if (hadPrevious) fs.rmSync(old, { recursive: true, force: true });
}

function wrapFailure(error: unknown, out: string): unknown {
  if (error instanceof OutputError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new OutputError("output-write-failed", `Could not write the output to ${out}: ${reason}. The previous output was left as it was.`, undefined, {
    cause: error,
  });
}
