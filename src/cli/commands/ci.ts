// `panther ci`: every host compiled in parallel on worker threads (src/ci/pool.ts); the output
// flake written when all succeed; a per-host table, a JSON report file, and GitHub Actions
// annotations when GITHUB_ACTIONS=true. Exit 0 all hosts built, 1 a host failed, 2 a bug.

import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { compileInWorkers, poolSize } from "../../ci/pool.ts";
import { rebuildError, type WorkerHostResult } from "../../ci/messages.ts";
import { buildReport, githubAnnotations, hostTable, type CiReport } from "../../ci/report.ts";
import { writeOutput, type OutputFile } from "../../io/output.ts";
import { loadCompiler } from "../compiler.ts";
import { relativePath } from "../diagnostics.ts";
import { CliError } from "../errors.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

interface CiOptions {
  readonly out?: string;
  readonly report?: string;
  readonly jobs?: string;
  readonly write: boolean;
}

export const defaultReportPath = ".panther/ci-report.json";

export function registerCi(program: Command, io: CliIO, state: RunState): void {
  program
    .command("ci")
    .description("compile every host in parallel, write the output flake, report per host (for CI)")
    .option("--out <dir>", "output folder (default: flake.ts outDir, else out/)")
    .option("--report <file>", `where to write the JSON report (default: ${defaultReportPath})`)
    .option("-j, --jobs <n>", "worker threads (default: min(hosts, available CPUs))")
    .option("--no-write", "compile and report without writing the output folder")
    .addHelpText(
      "after",
      [
        "",
        "Every host is evaluated and emitted on a pool of worker threads. The output folder is",
        "replaced (atomically) only if every host compiled. In GitHub Actions (GITHUB_ACTIONS=true)",
        "each failure is also printed as an `::error file=…,line=…::` annotation.",
        "",
        "Examples:",
        "  $ panther ci",
        "  $ panther ci --report ci-report.json --jobs 4",
        "  $ panther ci --no-write --format json",
      ].join("\n"),
    )
    .action(action(io, state, runCi));
}

async function runCi(ctx: Context, opts: CiOptions): Promise<number> {
  const project = await ctx.project();
  const hosts = project.flake.hosts.map((h) => h.name);
  const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new CliError("usage", `--jobs takes a positive whole number, not "${opts.jobs}".`);
  const outDir = opts.out ? path.resolve(ctx.io.cwd, opts.out) : path.resolve(project.root, project.flake.outDir ?? "out");
  const progress = new Progress(ctx, hosts.length, poolSize(hosts.length, jobs));
  const start = performance.now();
  const { results, workers } = await compileInWorkers({
    root: project.root,
    hosts,
    size: jobs,
    onStart: (host) => progress.started(host),
    onResult: (result) => progress.finished(result),
  });
  progress.done();
  const ok = results.every((r) => r.ok);
  let written: string | null = null;
  if (ok && opts.write && results.length > 0) {
    const compiler = await loadCompiler();
    const files: OutputFile[] = [compiler.compileFlake(project, hosts), ...results.flatMap((r) => r.files.map((f) => ({ ...f, owner: r.host })))];
    writeOutput(outDir, files);
    written = relativePath(outDir, project.root);
  }
  const report = buildReport(results, project.root, { out: written, workers, ms: Math.round(performance.now() - start) });
  const reportFile = path.resolve(project.root, opts.report ?? defaultReportPath);
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  fs.writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  printResults(ctx, results, report, relativePath(reportFile, project.root));
  if (ctx.io.env.GITHUB_ACTIONS === "true") for (const line of githubAnnotations(results, project.root)) ctx.print(line);
  if (results.some((r) => r.error?.kind === "internal")) return 2;
  return ok ? 0 : 1;
}

function printResults(ctx: Context, results: readonly WorkerHostResult[], report: CiReport, reportFile: string): void {
  if (ctx.format === "json") {
    ctx.print(JSON.stringify({ ...report, report: reportFile }));
    return;
  }
  for (const r of results) {
    for (const warning of r.warnings) ctx.note(`${ctx.err.yellow("warning")} (${r.host}): ${warning}`);
    if (r.error) ctx.report(rebuildError(r.error), { host: r.host });
  }
  ctx.print(hostTable(report, (ok, text) => (ok ? ctx.out.green(text) : ctx.out.red(ctx.out.bold(text)))));
  const failed = report.hosts.filter((h) => !h.ok).length;
  const total = report.hosts.length;
  const verdict = failed === 0 ? ctx.out.green(`✓ ${total} host${total === 1 ? "" : "s"} built`) : ctx.out.red(`✗ ${failed} of ${total} hosts failed`);
  const out = report.out ? `; wrote ${report.out}/` : failed > 0 ? "; nothing was written" : "";
  ctx.print(`${verdict} in ${report.ms} ms on ${report.workers} worker${report.workers === 1 ? "" : "s"}${out}; report: ${reportFile}`);
}

/**
 * On a terminal: one status line rewritten in place (`[2/4] running: yoga, zephyrus`).
 * Elsewhere (CI logs): a plain line per finished host.
 */
class Progress {
  private readonly live: boolean;
  private readonly running = new Set<string>();
  private finishedCount = 0;

  constructor(
    private readonly ctx: Context,
    private readonly total: number,
    workers: number,
  ) {
    this.live = ctx.io.stderr.isTTY === true && ctx.format !== "json";
    if (ctx.format !== "json") ctx.note(ctx.err.dim(`compiling ${total} host${total === 1 ? "" : "s"} on ${workers} worker thread${workers === 1 ? "" : "s"}…`));
  }

  started(host: string): void {
    this.running.add(host);
    this.redraw();
  }

  finished(result: WorkerHostResult): void {
    this.running.delete(result.host);
    this.finishedCount++;
    if (this.ctx.format === "json") return;
    if (!this.live) this.ctx.note(`[${this.finishedCount}/${this.total}] ${result.host} ${result.ok ? "ok" : "failed"} (${result.ms} ms)`);
    this.redraw();
  }

  done(): void {
    if (this.live) this.ctx.io.stderr.write("\r\x1b[2K");
  }

  private redraw(): void {
    if (!this.live) return;
    const text = `[${this.finishedCount}/${this.total}] running: ${[...this.running].join(", ") || "…"}`;
    this.ctx.io.stderr.write(`\r\x1b[2K${this.ctx.err.dim(text)}`);
  }
}
