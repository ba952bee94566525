// The build history on disk, in `<out>/.panther-history/`: generation records per host and the
// emitted files they refer to, stored once by content hash. The output writer carries it into
// each new output tree, so it is replaced together with the output, never half-written.

import fs from "node:fs";
import path from "node:path";
import { contentHash, parseRecord, recordText, type GenerationRecord, type Snapshot } from "../history/record.ts";
import { OutputError } from "./output.ts";

export const historyDirName = ".panther-history";

/** A generation to add to the history: its record and the text of each file it lists. */
export interface NewGeneration {
  readonly record: GenerationRecord;
  readonly texts: ReadonlyMap<string, string>;
}

const objectsDir = "objects";
const hostsDir = "hosts";

function objectPath(history: string, hash: string): string {
  return path.join(history, objectsDir, hash.slice(0, 2), hash.slice(2));
}

function recordPath(history: string, host: string, generation: number): string {
  return path.join(history, hostsDir, host, `${generation}.json`);
}

// ---------------------------------------------------------------- reading

/** The hosts that have history, sorted. */
export function historyHosts(outDir: string): string[] {
  try {
    return fs.readdirSync(path.join(outDir, historyDirName, hostsDir)).sort();
  } catch {
    return [];
  }
}

export interface StoredGeneration {
  readonly record: GenerationRecord;
  /** When the record was written (its file's modification time); not part of the record. */
  readonly recordedAt: Date;
}

/** A host's generations, oldest first; files that are not valid records are skipped. */
export function readGenerations(outDir: string, host: string): StoredGeneration[] {
  const dir = path.join(outDir, historyDirName, hostsDir, host);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: StoredGeneration[] = [];
  for (const name of names) {
    const match = /^(\d+)\.json$/.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    const record = parseRecord(fs.readFileSync(file, "utf8"));
    if (!record || record.host !== host || record.generation !== Number(match[1])) continue;
    found.push({ record, recordedAt: fs.statSync(file).mtime });
  }
  return found.sort((a, b) => a.record.generation - b.record.generation);
}

export function latestGeneration(outDir: string, host: string): GenerationRecord | undefined {
  return readGenerations(outDir, host).at(-1)?.record;
}

export function nextGenerationNumber(outDir: string, host: string): number {
  return (latestGeneration(outDir, host)?.generation ?? 0) + 1;
}

/** The generation's option records and file texts, read back from the object store. */
export function loadSnapshot(outDir: string, record: GenerationRecord): Snapshot {
  const history = path.join(outDir, historyDirName);
  const files = new Map<string, string>();
  for (const [file, hash] of Object.entries(record.files)) {
    let text: string;
    try {
      text = fs.readFileSync(objectPath(history, hash), "utf8");
    } catch {
      throw new OutputError("damaged-history", `Generation ${record.generation} of ${record.host} refers to ${file}, whose stored copy is missing.`);
    }
    if (contentHash(text) !== hash) throw new OutputError("damaged-history", `The stored copy of ${file} in generation ${record.generation} of ${record.host} is damaged.`);
    files.set(file, text);
  }
  return { options: record.options, files };
}

// ---------------------------------------------------------------- writing (into a new output tree)

/**
 * Link the previous tree's history into the new one (records and objects never change once
 * written, so sharing their inodes is safe), then add the new generations.
 */
export function stageHistory(previousOut: string, tmp: string, generations: readonly NewGeneration[]): void {
  const from = path.join(previousOut, historyDirName);
  const to = path.join(tmp, historyDirName);
  for (const rel of listFiles(from)) linkOrCopy(path.join(from, rel), path.join(to, rel));
  if (generations.length === 0 && !fs.existsSync(to)) return;
  for (const { record, texts } of generations) {
    for (const [file, hash] of Object.entries(record.files)) {
      const target = objectPath(to, hash);
      if (!fs.existsSync(target)) writeNew(target, texts.get(file)!);
    }
    writeNew(recordPath(to, record.host, record.generation), recordText(record));
  }
  // Keeps the history out of git, and so out of a git flake's source, if out/ is ever committed.
  writeNew(path.join(to, ".gitignore"), "*\n");
}

function writeNew(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, text);
}

function linkOrCopy(source: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.linkSync(source, target);
  } catch {
    fs.copyFileSync(source, target);
    const stat = fs.statSync(source);
    fs.utimesSync(target, stat.atime, stat.mtime);
  }
}

// ---------------------------------------------------------------- pruning

export interface PruneResult {
  readonly removed: { readonly host: string; readonly generation: number }[];
  readonly objectsRemoved: number;
}

/**
 * Keep the `keep` newest generations of each host (of `hosts`, or all), then delete stored files
 * no remaining record refers to. Records go first: an interruption leaves at worst unreferenced
 * files, which the next run removes, never a record without its files.
 */
export function pruneHistory(outDir: string, keep: number, hosts: readonly string[] = historyHosts(outDir)): PruneResult {
  const history = path.join(outDir, historyDirName);
  const removed: { host: string; generation: number }[] = [];
  for (const host of hosts) {
    const generations = readGenerations(outDir, host);
    for (const { record } of generations.slice(0, Math.max(0, generations.length - keep))) {
      fs.rmSync(recordPath(history, host, record.generation), { force: true });
      removed.push({ host, generation: record.generation });
    }
  }
  const referenced = new Set<string>();
  for (const host of historyHosts(outDir)) {
    for (const { record } of readGenerations(outDir, host)) for (const hash of Object.values(record.files)) referenced.add(hash);
  }
  let objectsRemoved = 0;
  for (const rel of listFiles(path.join(history, objectsDir))) {
    const hash = rel.split("/").join("");
    if (referenced.has(hash)) continue;
    fs.rmSync(path.join(history, objectsDir, rel), { force: true });
    objectsRemoved++;
  }
  return { removed, objectsRemoved };
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
    else if (entry.isFile()) found.push(rel);
  }
  return found.sort();
}
