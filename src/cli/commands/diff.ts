// `panther diff`: what the working tree would change on a host, compared with its last build, a
// generation or a git revision: options first, then the emitted files. Exit status as diff(1).

import { Command, CommanderError } from "commander";
import { diffSnapshots } from "../../history/diff.ts";
import { historyHosts } from "../../io/history.ts";
import { CliError } from "../errors.ts";
import { requireHost } from "../project.ts";
import { resolveOutDir } from "../output-dir.ts";
import { collectSides, parseBaseline } from "../diff-sides.ts";
import { baselineJSON, hostJSON, hostText, statLine, type HostResult } from "../diff-view.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

interface DiffOptions {
  readonly all?: boolean;
  readonly from?: string;
  readonly json?: boolean;
  readonly stat?: boolean;
  readonly provenance?: boolean;
  readonly out?: string;
}

export function registerDiff(program: Command, io: CliIO, state: RunState): void {
  program
    .command("diff")
    .description("show what the working tree changes on hosts: options, then the emitted files (exit 0 same, 1 different, 2 trouble)")
    .argument("[hosts...]", "hosts to compare (see `panther hosts`)")
    .option("--all", "every host, including hosts added or removed since the baseline")
    .option("--from <ref>", "compare with generation <n> (digits) or a git revision (branch, tag, commit) instead of the last build")
    .option("--json", "print one JSON document")
    .option("--stat", "one summary line per host that differs")
    .option("--provenance", "also list definitions that moved without changing anything")
    .option("--out <dir>", "output folder holding the build history (default: as panther build)")
    .addHelpText(
      "after",
      [
        "",
        "Nothing is written. The working tree is compiled and compared with the host's last build",
        "(its latest generation), a generation (--from 3), or a git revision (--from main), which is",
        "compiled from a temporary worktree outside your tree and removed afterwards.",
        "A definition that moved to another file without changing a value is not a difference.",
        "Exit status: 0 no differences, 1 differences, 2 trouble (an error, a usage mistake).",
        "",
        "Examples:",
        "  $ panther diff hetzner-vps",
        "  $ panther diff yoga --from HEAD~1",
        "  $ panther diff --all --stat",
        "  $ panther diff zephyrus --from 4 --json",
      ].join("\n"),
    )
    .exitOverride((error) => {
      // diff(1): usage mistakes are trouble (2); --help stays 0.
      throw new CommanderError(error.exitCode === 0 ? 0 : 2, error.code, error.message);
    })
    .action(action(io, state, runDiff));
}

async function runDiff(ctx: Context, names: string[], opts: DiffOptions): Promise<number> {
  try {
    return await diff(ctx, names, opts);
  } catch (error) {
    ctx.report(error);
    return 2;
  }
}

async function diff(ctx: Context, names: readonly string[], opts: DiffOptions): Promise<number> {
  const project = await ctx.project();
  const outDir = resolveOutDir(ctx, project, opts.out);
  if (opts.all && names.length > 0) throw new CliError("usage", "Give host names or --all, not both.");
  if (!opts.all && names.length === 0) throw new CliError("usage", "Which hosts? Name them, or pass --all.");
  const baseline = parseBaseline(opts.from, project.root);
  if (opts.all && baseline.kind === "generation") throw new CliError("usage", "Generation numbers are per host: name the host with --from <n>.");
  const recorded = new Set(historyHosts(outDir));
  for (const name of names) if (!recorded.has(name)) requireHost(project, name);
  const sides = await collectSides({ project, outDir, hosts: opts.all ? "all" : [...new Set(names)], baseline });
  const results: HostResult[] = sides.map((s) => ({
    host: s.host,
    diff: diffSnapshots(s.old, s.new),
    fromGeneration: s.fromGeneration,
    inOld: s.inOld,
    inNew: s.inNew,
  }));
  const differs = results.some((r) => r.diff.differs);
  if (opts.json === true || ctx.format === "json") {
    ctx.print(JSON.stringify({ from: baselineJSON(baseline), to: "working tree", differences: differs, hosts: results.map((r) => hostJSON(r, baseline)) }, null, 2));
  } else {
    const text = results.map((r) => (opts.stat ? statLine(r, ctx.out) : hostText(r, baseline, { colors: ctx.out, provenance: opts.provenance === true }))).filter((t) => t !== "");
    if (text.length > 0) ctx.io.stdout.write(text.join(opts.stat ? "" : "\n"));
  }
  return differs ? 1 : 0;
}
