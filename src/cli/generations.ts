// Generations as the commands use them: the files a host's generation covers (its own files and
// the flake.nix written with them), the next record for a build, and looking one up by number.

import type { EmittedFile } from "../compile/project.ts";
import { makeRecord, sameResult, type GenerationRecord, type Snapshot, type SourceRevision } from "../history/record.ts";
import { readGenerations, type NewGeneration } from "../io/history.ts";
import { CliError } from "./errors.ts";

export interface Generation {
  readonly number: number;
  /** false when the build gave the same files and options as the latest generation. */
  readonly isNew: boolean;
}

/** A generation covers flake.nix (inputs and the host's wiring) and the host's own files. */
export function hostFiles(flake: EmittedFile, files: readonly EmittedFile[]): Map<string, string> {
  return new Map([[flake.path, flake.text], ...files.map((f): [string, string] => [f.path, f.text])]);
}

/**
 * The generation a build of `host` makes: a new record, or the latest one again when the build
 * gives the same result (rebuilding without changes does not grow the history).
 */
export function nextGeneration(
  outDir: string,
  host: string,
  source: SourceRevision | null,
  snapshot: Snapshot,
  restoredFrom?: number,
): { generation: Generation; added?: NewGeneration } {
  const latest = readGenerations(outDir, host).at(-1)?.record;
  const record = makeRecord({ host, generation: (latest?.generation ?? 0) + 1, source, snapshot, restoredFrom });
  if (latest && restoredFrom === undefined && sameResult(latest, record)) return { generation: { number: latest.generation, isNew: false } };
  return { generation: { number: record.generation, isNew: true }, added: { record, texts: snapshot.files } };
}

/** Generation `n` of `host`, or an error listing the ones there are. */
export function requireGeneration(outDir: string, host: string, n: number): GenerationRecord {
  const generations = readGenerations(outDir, host);
  const found = generations.find((g) => g.record.generation === n);
  if (found) return found.record;
  const numbers = generations.map((g) => g.record.generation);
  throw new CliError(
    "unknown-generation",
    `${host} has no generation ${n}.`,
    numbers.length > 0 ? `Its generations are ${numbers.join(", ")} (panther history ${host}).` : `${host} has no build history yet: run panther build ${host}.`,
  );
}

/** A generation number as typed on the command line. */
export function parseGenerationNumber(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new CliError("usage", `\`${text}' is not a generation number (1, 2, …).`);
  return Number(text);
}
