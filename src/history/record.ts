// Generation records: what one successful build of a host produced (sources revision, the hash of
// its emitted files, the files by content hash, its option records). Deterministic: no clock.

import { createHash } from "node:crypto";
import type { OptionRecord } from "./options.ts";

/** The git revision the sources were at, and whether the project had uncommitted changes. */
export interface SourceRevision {
  readonly revision: string;
  readonly dirty: boolean;
}

export interface GenerationRecord {
  readonly format: 1;
  readonly host: string;
  readonly generation: number;
  /** null outside a git checkout. */
  readonly source: SourceRevision | null;
  /** Set when the generation was made by `panther rollback` from that generation. */
  readonly restoredFrom?: number;
  /** `sha256:` over the sorted (path, content hash) pairs of `files`. */
  readonly filesHash: string;
  /** Emitted file path (relative to the output folder) → sha256 of its content. */
  readonly files: Readonly<Record<string, string>>;
  readonly options: readonly OptionRecord[];
}

/** What a host looks like at one point: its option records and emitted files (path → text). */
export interface Snapshot {
  readonly options: readonly OptionRecord[];
  readonly files: ReadonlyMap<string, string>;
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function filesHash(files: Readonly<Record<string, string>>): string {
  const hash = createHash("sha256");
  for (const path of Object.keys(files).sort()) hash.update(`${path}\0${files[path]}\n`);
  return `sha256:${hash.digest("hex")}`;
}

export interface RecordInput {
  readonly host: string;
  readonly generation: number;
  readonly source: SourceRevision | null;
  readonly snapshot: Snapshot;
  readonly restoredFrom?: number;
}

/** A record with sorted keys throughout, so the same build always gives the same bytes. */
export function makeRecord(input: RecordInput): GenerationRecord {
  const files: Record<string, string> = {};
  for (const path of [...input.snapshot.files.keys()].sort()) files[path] = contentHash(input.snapshot.files.get(path)!);
  return {
    format: 1,
    host: input.host,
    generation: input.generation,
    source: input.source,
    ...(input.restoredFrom === undefined ? {} : { restoredFrom: input.restoredFrom }),
    filesHash: filesHash(files),
    files,
    options: input.snapshot.options,
  };
}

/** Whether two records describe the same result (files and options), whatever their numbers and sources. */
export function sameResult(a: GenerationRecord, b: GenerationRecord): boolean {
  return a.filesHash === b.filesHash && JSON.stringify(a.options) === JSON.stringify(b.options);
}

export function recordText(record: GenerationRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Parse a stored record; undefined when it is not one (a damaged or foreign file). */
export function parseRecord(text: string): GenerationRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = value as Partial<GenerationRecord> | null;
  if (!r || r.format !== 1 || typeof r.host !== "string" || !Number.isInteger(r.generation)) return undefined;
  if (typeof r.filesHash !== "string" || typeof r.files !== "object" || r.files === null || !Array.isArray(r.options)) return undefined;
  return r as GenerationRecord;
}
