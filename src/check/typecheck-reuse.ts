// When the type checker can be skipped: every file its last run read (the program's sources and
// the package.json files module resolution consulted), stamped by size, mtime and content hash,
// saved with that run's findings. If no stamped file changed and the compiler options and root
// files are the same, the findings are the same, and building the program (which parses every
// file, 4 MB of generated option types among them) would only find them again.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { CheckDiagnostic } from "./diagnostic.ts";
import type { SourceView } from "./sources.ts";

/** One file as the last run read it. `size`/`mtimeMs` are absent when only the hash may be trusted. */
export interface FileStamp {
  readonly file: string;
  readonly size?: number;
  readonly mtimeMs?: number;
  /** sha1 of the content; null when the file did not exist. */
  readonly hash: string | null;
}

export interface ReuseManifest {
  readonly version: 1;
  /** Hash of the TypeScript version, the compiler options and the root files. */
  readonly key: string;
  readonly files: readonly FileStamp[];
  readonly diagnostics: readonly CheckDiagnostic[];
  /** How many source files the program had. */
  readonly programFiles: number;
}

/**
 * Codes of findings that mean a file was looked for and not found. A later run may find it
 * without any stamped file changing, so a run with one of these is not reused.
 */
const lookupFailures = new Set([2307, 2688, 2792, 2834, 2835, 5083, 6053, 7016]);

export function reusable(diagnostics: readonly CheckDiagnostic[]): boolean {
  return !diagnostics.some((d) => lookupFailures.has(Number(d.code.replace(/^TS/, ""))));
}

/**
 * Package manager state outside the program: an install that changes which files resolution
 * would find (a new package, a moved `exports` target) rewrites one of these.
 */
export const installStateFiles = ["package.json", "package-lock.json", "node_modules/.package-lock.json", "node_modules/.modules.yaml", "yarn.lock", "pnpm-lock.yaml"];

export function reuseKey(parts: unknown): string {
  return createHash("sha1").update(JSON.stringify(parts)).digest("hex");
}

const manifestName = "check.files.json";

export function loadManifest(cacheDir: string): ReuseManifest | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(cacheDir, manifestName), "utf8")) as ReuseManifest;
    return manifest.version === 1 ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export function saveManifest(cacheDir: string, manifest: ReuseManifest): void {
  const file = path.join(cacheDir, manifestName);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(temporary, JSON.stringify(manifest));
  fs.renameSync(temporary, file);
}

export function removeManifest(cacheDir: string): void {
  fs.rmSync(path.join(cacheDir, manifestName), { force: true });
}

/**
 * A file modified this recently may be modified again within the file system's timestamp
 * resolution without its mtime changing (git's "racily clean" entries): stamp only its hash.
 */
const racyMs = 2000;

/** Stamps a file as read through `view`: stat first, so that a write after the read shows in the mtime. */
export function stamp(view: SourceView, file: string): { stamp: FileStamp; text: string | undefined } {
  const stats = view.stat(file);
  const text = view.read(file);
  const hash = text === undefined ? null : createHash("sha1").update(text).digest("hex");
  const trusted = stats !== undefined && stats.mtimeMs < Date.now() - racyMs;
  return { stamp: trusted ? { file, size: stats.size, mtimeMs: stats.mtimeMs, hash } : { file, hash }, text };
}

/**
 * Whether every stamped file still has its content. Files whose size and mtime match are not
 * read; others are hashed. `refreshed` has new stamps when some were re-hashed and all matched
 * (so that the next run can trust their mtimes), else undefined.
 */
export function unchanged(files: readonly FileStamp[], view: SourceView): { same: boolean; refreshed?: FileStamp[] } {
  let rehashed = false;
  const next: FileStamp[] = [];
  for (const old of files) {
    if (old.size !== undefined) {
      const stats = view.stat(old.file);
      if (stats && stats.size === old.size && stats.mtimeMs === old.mtimeMs) {
        next.push(old);
        continue;
      }
    }
    const current = stamp(view, old.file).stamp;
    if (current.hash !== old.hash) return { same: false };
    if (current.size !== undefined) rehashed = true;
    next.push(current);
  }
  return rehashed ? { same: true, refreshed: next } : { same: true };
}
