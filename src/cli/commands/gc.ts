// `panther gc`: prune the build history to the newest generations of each host, and delete stored
// files no remaining generation refers to. The output files themselves are never touched.

import { InvalidArgumentError, type Command } from "commander";
import { historyHosts, pruneHistory } from "../../io/history.ts";
import { requireHost } from "../project.ts";
import { resolveOutDir } from "../output-dir.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

function keepCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new InvalidArgumentError("expected a whole number of at least 1 (the newest generation is always kept).");
  return Number(text);
}

export function registerGc(program: Command, io: CliIO, state: RunState): void {
  program
    .command("gc")
    .description("delete all but the newest generations of each host's build history")
    .argument("[hosts...]", "hosts to prune (default: every host with history)")
    .requiredOption("--keep <n>", "how many generations to keep per host (at least 1)", keepCount)
    .option("--out <dir>", "output folder holding the history (default: as panther build)")
    .addHelpText("after", ["", "Examples:", "  $ panther gc --keep 10", "  $ panther gc yoga --keep 1"].join("\n"))
    .action(action(io, state, runGc));
}

async function runGc(ctx: Context, names: string[], opts: { keep: number; out?: string }): Promise<number> {
  const project = await ctx.project();
  const outDir = resolveOutDir(ctx, project, opts.out);
  const recorded = historyHosts(outDir);
  for (const name of names) if (!recorded.includes(name)) requireHost(project, name);
  const result = pruneHistory(outDir, opts.keep, names.length > 0 ? [...new Set(names)].filter((n) => recorded.includes(n)) : recorded);
  if (ctx.format === "json") {
    ctx.print(JSON.stringify({ keep: opts.keep, removed: result.removed, objectsRemoved: result.objectsRemoved }));
    return 0;
  }
  const byHost = new Map<string, number[]>();
  for (const { host, generation } of result.removed) byHost.set(host, [...(byHost.get(host) ?? []), generation]);
  const detail = [...byHost].map(([host, gens]) => `${host}: ${gens.join(", ")}`).join("; ");
  const generations = `${result.removed.length} generation${result.removed.length === 1 ? "" : "s"}`;
  ctx.print(`Removed ${generations}${detail ? ` (${detail})` : ""} and ${result.objectsRemoved} stored file${result.objectsRemoved === 1 ? "" : "s"}.`);
  return 0;
}
