// `panther history`: the generations recorded for hosts by `panther build` and `panther rollback`,
// oldest first, the latest (what the output folder holds) marked current.

import type { Command } from "commander";
import { historyHosts, readGenerations, type StoredGeneration } from "../../io/history.ts";
import { requireHost } from "../project.ts";
import { resolveOutDir } from "../output-dir.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

export function registerHistory(program: Command, io: CliIO, state: RunState): void {
  program
    .command("history")
    .description("list the build generations of hosts (all hosts with history when none is named)")
    .argument("[hosts...]", "hosts to list")
    .option("--json", "print JSON")
    .option("--out <dir>", "output folder holding the history (default: as panther build)")
    .addHelpText(
      "after",
      [
        "",
        "Each successful build that changes a host's files or options records a generation: the git",
        "revision of the sources (+dirty with uncommitted changes), the hash of the emitted files,",
        "and the evaluated options. Compare with one: panther diff <host> --from <n>.",
        "",
        "Examples:",
        "  $ panther history hetzner-vps",
        "  $ panther history --json | jq '.hosts[0].generations[-1]'",
      ].join("\n"),
    )
    .action(action(io, state, runHistory));
}

async function runHistory(ctx: Context, names: string[], opts: { json?: boolean; out?: string }): Promise<number> {
  const project = await ctx.project();
  const outDir = resolveOutDir(ctx, project, opts.out);
  const recorded = historyHosts(outDir);
  for (const name of names) if (!recorded.includes(name)) requireHost(project, name);
  const hosts = names.length > 0 ? [...new Set(names)] : recorded;
  const listed = hosts.map((host) => ({ host, generations: readGenerations(outDir, host) }));
  if (opts.json === true || ctx.format === "json") {
    ctx.print(JSON.stringify({ hosts: listed.map(({ host, generations }) => ({ host, generations: generations.map((g, i) => generationJSON(g, i === generations.length - 1)) })) }, null, 2));
    return 0;
  }
  if (listed.length === 0) ctx.note("No build history yet: `panther build <host>` records the first generation.");
  ctx.io.stdout.write(listed.map(({ host, generations }) => hostText(ctx, host, generations)).join("\n"));
  return 0;
}

function generationJSON({ record, recordedAt }: StoredGeneration, current: boolean): Record<string, unknown> {
  return {
    generation: record.generation,
    current,
    recordedAt: recordedAt.toISOString(),
    source: record.source,
    restoredFrom: record.restoredFrom ?? null,
    filesHash: record.filesHash,
    files: Object.keys(record.files),
    optionCount: record.options.length,
  };
}

function hostText(ctx: Context, host: string, generations: readonly StoredGeneration[]): string {
  const c = ctx.out;
  if (generations.length === 0) return `${c.bold(host)}: no generations\n`;
  const rows = generations.map(({ record, recordedAt }, i) => {
    const source = record.source ? `${record.source.revision.slice(0, 12)}${record.source.dirty ? "+dirty" : ""}` : "(no git)";
    const notes = [record.restoredFrom === undefined ? "" : `rollback to ${record.restoredFrom}`, i === generations.length - 1 ? c.green("current") : ""].filter(Boolean);
    return [
      String(record.generation).padStart(4),
      c.dim(localTime(recordedAt)),
      source.padEnd(18),
      record.filesHash.slice(0, 19),
      `${record.options.length} options, ${Object.keys(record.files).length} files`,
      ...notes,
    ].join("  ");
  });
  return `${c.bold(host)}\n${rows.join("\n")}\n`;
}

/** `2026-11-23 14:05`, in the local time zone: when the record was written (not part of it). */
function localTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
