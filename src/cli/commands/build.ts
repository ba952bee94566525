// `panther build`: compile hosts, and only if every one compiled, replace the output folder
// atomically with flake.nix and the hosts' files; report per host what changed and how long.

import path from "node:path";
import type { Command } from "commander";
import type { HostBuild, Project } from "../../compile/project.ts";
import { writeOutput, readOutputManifest, type OutputFile, type OutputResult } from "../../io/output.ts";
import { loadCompiler, type Compiler } from "../compiler.ts";
import { exitCodeFor, relativePath } from "../diagnostics.ts";
import { CliError } from "../errors.ts";
import { requireHost } from "../project.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";
import { providerOption, verifySecrets } from "./secrets.ts";
import type { ProviderName } from "../../secrets/providers/index.ts";

interface BuildOptions {
  readonly all?: boolean;
  readonly out?: string;
  readonly verifySecrets?: boolean;
  readonly provider?: ProviderName;
}

interface Compiled {
  readonly host: string;
  readonly build: HostBuild;
  readonly ms: number;
}

export function registerBuild(program: Command, io: CliIO, state: RunState): void {
  program
    .command("build")
    .description("compile hosts to Nix and write flake.nix and the hosts' files to the output folder")
    .argument("[hosts...]", "hosts to build (see `panther hosts`)")
    .option("--all", "build every host in flake.ts")
    .option("--out <dir>", "output folder (default: flake.ts outDir, else out/ in the project)")
    .option("--verify-secrets", "also resolve every secret the hosts need (as `panther secrets check`); write nothing if one is unreadable")
    .addOption(providerOption())
    .addHelpText(
      "after",
      [
        "",
        "Nothing is written unless every named host compiles; the output folder is then replaced",
        "in one step, and files whose content did not change keep their modification time.",
        "Building some hosts keeps the other hosts' files from the previous build.",
        "",
        "Examples:",
        "  $ panther build hetzner-vps",
        "  $ panther build --all --out result",
        "  $ panther build yoga zephyrus --format json",
      ].join("\n"),
    )
    .action(action(io, state, runBuild));
}

async function runBuild(ctx: Context, names: string[], opts: BuildOptions): Promise<number> {
  const project = await ctx.project();
  const hosts = selectHosts(project, names, opts.all === true);
  const compiler = await loadCompiler();
  const outDir = opts.out ? path.resolve(ctx.io.cwd, opts.out) : path.resolve(project.root, project.flake.outDir ?? "out");
  const compiled: Compiled[] = [];
  let failed = 0;
  hosts.forEach((host, i) => {
    const done = compileOne(ctx, compiler, project, host, i, hosts.length);
    if (done) compiled.push(done);
    else failed++;
  });
  const shownOut = relativePath(outDir, project.root);
  if (failed > 0) {
    const what = hosts.length === 1 ? "The host failed" : `${failed} of ${hosts.length} hosts failed`;
    if (ctx.format === "text") ctx.note(ctx.err.red(`${what}; nothing was written (${shownOut} is unchanged).`));
    return 1;
  }
  if (opts.verifySecrets && (await verifySecrets(ctx, project, hosts, opts.provider)) > 0) {
    if (ctx.format === "text") ctx.note(ctx.err.red(`Some secrets are unreadable; nothing was written (${shownOut} is unchanged).`));
    return 1;
  }
  const result = writeBuild(compiler, project, compiled, outDir);
  reportBuild(ctx, compiled, result, shownOut);
  return 0;
}

/** The named hosts (each checked, duplicates dropped) or, with --all, every host in order. */
function selectHosts(project: Project, names: readonly string[], all: boolean): string[] {
  if (all && names.length > 0) throw new CliError("usage", "Give host names or --all, not both.");
  if (all) return project.flake.hosts.map((h) => h.name);
  if (names.length === 0) {
    const list = project.flake.hosts.map((h) => h.name).join(", ");
    throw new CliError("usage", "Which hosts? Name them, or pass --all.", list ? `The hosts are: ${list}.` : undefined);
  }
  return [...new Set(names)].map((n) => requireHost(project, n).name);
}

/** Compile one host; its error is reported here so that the other hosts still build. */
function compileOne(ctx: Context, compiler: Compiler, project: Project, host: string, index: number, total: number): Compiled | undefined {
  const progress = new Progress(ctx, index, total, host);
  const start = performance.now();
  try {
    const build = compiler.compileHost(project, host);
    progress.clear();
    return { host, build, ms: Math.round(performance.now() - start) };
  } catch (error) {
    progress.clear();
    // A bug in panther stops the build (exit 2); a mistake in this host's modules does not.
    if (exitCodeFor(error) === 2) throw error;
    ctx.report(error, { host });
    if (ctx.format === "text") ctx.note(`${ctx.err.red("✗")} ${host} failed (${Math.round(performance.now() - start)} ms)`);
    else ctx.print(JSON.stringify({ type: "host", host, ok: false, ms: Math.round(performance.now() - start) }));
    return undefined;
  }
}

/**
 * `[2/4] building zephyrus…` while several hosts build. On a terminal it is one line rewritten
 * in place and erased when the host is done; elsewhere (CI logs) each is a plain line.
 */
class Progress {
  private readonly live: boolean;

  constructor(
    private readonly ctx: Context,
    index: number,
    total: number,
    host: string,
  ) {
    this.live = ctx.io.stderr.isTTY === true;
    if (total < 2 || ctx.format === "json") {
      this.live = false;
      return;
    }
    const text = `[${index + 1}/${total}] building ${host}…`;
    ctx.io.stderr.write(this.live ? `\r\x1b[2K${ctx.err.dim(text)}` : `${text}\n`);
  }

  clear(): void {
    if (this.live) this.ctx.io.stderr.write("\r\x1b[2K");
  }
}

/** flake.nix lists the hosts present in the new output: the ones built now and the ones kept. */
function writeBuild(compiler: Compiler, project: Project, compiled: readonly Compiled[], outDir: string): OutputResult {
  const built = new Set(compiled.map((c) => c.host));
  const previousOwners = new Set([...readOutputManifest(outDir).values()].filter((o): o is string => o !== null));
  const kept = project.flake.hosts.map((h) => h.name).filter((n) => !built.has(n) && previousOwners.has(n));
  const present = project.flake.hosts.map((h) => h.name).filter((n) => built.has(n) || kept.includes(n));
  const flake = compiler.compileFlake(project, present);
  const files: OutputFile[] = [flake, ...compiled.flatMap((c) => c.build.files.map((f) => ({ ...f, owner: c.host })))];
  return writeOutput(outDir, files, { keep: kept });
}

function reportBuild(ctx: Context, compiled: readonly Compiled[], result: OutputResult, shownOut: string): void {
  const written = new Set(result.written);
  for (const { host, build, ms } of compiled) {
    const changed = build.files.filter((f) => written.has(f.path)).length;
    const unchanged = build.files.length - changed;
    if (ctx.format === "json") {
      ctx.print(JSON.stringify({ type: "host", host, ok: true, files: build.files.length, changed, unchanged, ms, warnings: build.warnings }));
      continue;
    }
    for (const warning of build.warnings) ctx.note(`${ctx.err.yellow("warning")} (${host}): ${warning}`);
    const files = `${build.files.length} file${build.files.length === 1 ? "" : "s"}`;
    ctx.print(`${ctx.out.green("✓")} ${host}: ${files} (${changed} changed, ${unchanged} unchanged) in ${ms} ms`);
  }
  if (ctx.format === "json") {
    ctx.print(JSON.stringify({ type: "output", out: shownOut, written: result.written, unchanged: result.unchanged.length, removed: result.removed, kept: result.kept.length }));
    return;
  }
  const parts = [`${result.written.length} written`, `${result.unchanged.length} unchanged`];
  if (result.removed.length > 0) parts.push(`${result.removed.length} removed`);
  if (result.kept.length > 0) parts.push(`${result.kept.length} kept from other hosts`);
  ctx.print(`${ctx.out.bold(`Wrote ${shownOut}/`)}: ${parts.join(", ")}`);
}
