// `panther rollback`: put a recorded generation's files for one host back into the output folder,
// in one atomic replacement like a build, and record the result as the host's newest generation.

import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { loadSnapshot } from "../../io/history.ts";
import { readOutputManifest, writeOutput, type OutputFile } from "../../io/output.ts";
import { requireHost } from "../project.ts";
import { resolveOutDir } from "../output-dir.ts";
import { nextGeneration, parseGenerationNumber, requireGeneration } from "../generations.ts";
import { relativePath } from "../diagnostics.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

const flakeFile = "flake.nix";

export function registerRollback(program: Command, io: CliIO, state: RunState): void {
  program
    .command("rollback")
    .description("restore a host's output files from one of its generations (atomically) and record it")
    .argument("<host>", "the host")
    .argument("<generation>", "the generation to restore (see `panther history <host>`)")
    .option("--out <dir>", "output folder (default: as panther build)")
    .addHelpText(
      "after",
      [
        "",
        "The host's files become exactly those of the generation; other hosts' files are kept, and",
        "flake.nix (shared by every host) stays as it is. The output folder is replaced in one step,",
        "as by panther build. The restored state is recorded as a new generation (\"rollback to N\").",
        "Your sources are not touched: the next build produces what they say again.",
        "",
        "Examples:",
        "  $ panther rollback hetzner-vps 3",
      ].join("\n"),
    )
    .action(action(io, state, runRollback));
}

async function runRollback(ctx: Context, host: string, generationText: string, opts: { out?: string }): Promise<number> {
  const project = await ctx.project();
  const outDir = resolveOutDir(ctx, project, opts.out);
  const n = parseGenerationNumber(generationText);
  const record = requireGeneration(outDir, host, n);
  if (!project.flake.hosts.some((h) => h.name === host)) requireHost(project, host);
  const snapshot = loadSnapshot(outDir, record);
  const flakeText = currentFlake(outDir) ?? snapshot.files.get(flakeFile);
  const hostFiles = [...snapshot.files].filter(([file]) => file !== flakeFile).map(([file, text]): OutputFile => ({ path: file, text, owner: host }));
  const files: OutputFile[] = flakeText === undefined ? hostFiles : [{ path: flakeFile, text: flakeText }, ...hostFiles];
  const keep = [...new Set([...readOutputManifest(outDir).values()].filter((o): o is string => o !== null && o !== host))];
  const restored = new Map(files.map((f): [string, string] => [f.path, f.text]));
  const next = nextGeneration(outDir, host, record.source, { options: record.options, files: restored }, n);
  const result = writeOutput(outDir, files, { keep, generations: next.added ? [next.added] : [] });
  const changed = result.written.length + result.removed.length;
  const shownOut = relativePath(outDir, project.root);
  if (ctx.format === "json") {
    ctx.print(JSON.stringify({ host, restored: n, generation: next.generation.number, newGeneration: next.generation.isNew, written: result.written, removed: result.removed }));
  } else {
    const recorded = next.generation.isNew ? `recorded as generation ${next.generation.number}` : `already generation ${next.generation.number}`;
    ctx.print(`${ctx.out.green("✓")} ${host}: restored generation ${n} in ${shownOut}/ (${changed} file${changed === 1 ? "" : "s"} changed); ${recorded}`);
  }
  return 0;
}

function currentFlake(outDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(outDir, flakeFile), "utf8");
  } catch {
    return undefined;
  }
}
