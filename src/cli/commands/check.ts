// `panther check`: the pre-commit gate (src/check/run.ts does the work). Prints the findings as
// code frames, JSON, or `file(line,col): error CODE: message` lines; exit 1 when any is an error.

import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { formatCompact, type CheckDiagnostic } from "../../check/diagnostic.ts";
import type { CheckReport } from "../../check/run.ts";
import { isGitRepository } from "../../check/sources.ts";
import { findTsgo, type Tsgo } from "../../check/tsgo.ts";
import { loadCompiler } from "../compiler.ts";
import { codeFrame, type Colors } from "../diagnostics.ts";
import { CliError } from "../errors.ts";
import { findProjectRoot, loadProject } from "../project.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

interface CheckFlags {
  readonly staged?: boolean;
  readonly all?: boolean;
  readonly typecheck: boolean;
  readonly eval: boolean;
  readonly checker: string;
}

export function registerCheck(program: Command, io: CliIO, state: RunState): void {
  program
    .command("check")
    .description("type-check, lint and evaluate what changed (the pre-commit gate)")
    .option("--staged", "check what is staged in git (for a pre-commit hook) instead of the working tree")
    .option("--all", "evaluate every host, not only the ones the change affects")
    .option("--no-typecheck", "skip the TypeScript type checker")
    .option("--no-eval", "skip evaluating hosts and parsing their Nix")
    .option("--checker <name>", "type checker: tsc (the compiler API), tsgo (@typescript/native-preview, when installed), or auto", "auto")
    .addHelpText(
      "after",
      [
        "",
        "Steps: structural rules (module-export, module-io, module-imports-host, option-description,",
        "option-any, unknown-secret), the TypeScript type checker (incremental), then every host whose",
        "import graph contains a changed file is evaluated and emitted, and the emitted Nix parsed.",
        "The type checker is skipped when no file its last run read has changed (its findings are",
        "reused). --checker auto uses tsgo when the project has @typescript/native-preview installed",
        "and the files checked are the disk's (not with --staged while the index differs from it).",
        "Formats (--format): text (code frames), json (one report object), compact",
        "(`file(line,col): error CODE: message` lines for editors and CI problem matchers).",
        "Exit status: 0 no errors, 1 errors found, 2 a bug in panther.",
        "",
        "Examples:",
        "  $ panther check",
        "  $ panther check --staged            # what `git commit` would record",
        "  $ panther check --all --format compact",
      ].join("\n"),
    )
    .action(action(io, state, runCheckCommand));
}

async function runCheckCommand(ctx: Context, flags: CheckFlags): Promise<number> {
  const format = ctx.format;
  const root = findProjectRoot(path.resolve(ctx.io.cwd, ctx.options.project ?? "."));
  if (flags.staged && !isGitRepository(root)) throw new CliError("usage", "--staged checks the git index, but the project is not in a git repository.");
  const tsgo = chooseTsgo(flags.checker, root);
  // Loaded on use: the checker brings TypeScript and ts-morph, about a second of start-up that
  // every other command would otherwise pay.
  const { runCheck } = await import("../../check/run.ts");
  const { nixInstantiateAvailable, parseWithLezer, parseWithNix } = await import("../../check/nix-syntax.ts");
  const report = await runCheck({
    root,
    staged: flags.staged === true,
    all: flags.all === true,
    typecheck: flags.typecheck,
    evaluate: flags.eval,
    cacheDir: cacheDir(root),
    ...(tsgo ? { tsgo } : {}),
    loadProject,
    compiler: loadCompiler,
    parseNix: nixInstantiateAvailable() ? parseWithNix : parseWithLezer,
  });
  if (format === "json") ctx.print(JSON.stringify(reportJSON(report, flags)));
  else if (format === "compact") for (const d of report.diagnostics) ctx.print(formatCompact(d));
  else ctx.print(renderText(report, root, ctx.out));
  return report.ok ? 0 : 1;
}

function chooseTsgo(checker: string, root: string): Tsgo | undefined {
  if (checker === "tsc") return undefined;
  if (checker !== "auto" && checker !== "tsgo") throw new CliError("usage", `--checker must be tsc, tsgo or auto, not ${JSON.stringify(checker)}.`);
  const found = findTsgo(root);
  if (checker === "tsgo" && !found) throw new CliError("usage", "--checker tsgo: @typescript/native-preview is not installed in the project (npm install -D @typescript/native-preview).");
  return found;
}

/** node_modules/.cache/panther (the convention of babel, eslint, …), else .panther/cache. */
export function cacheDir(root: string): string {
  const modules = path.join(root, "node_modules");
  return fs.existsSync(modules) ? path.join(modules, ".cache", "panther") : path.join(root, ".panther", "cache");
}

function reportJSON(report: CheckReport, flags: CheckFlags): Record<string, unknown> {
  return {
    ok: report.ok,
    staged: flags.staged === true,
    diagnostics: report.diagnostics,
    changed: report.changed,
    hosts: report.hosts.map((h) => ({ ...h, reason: report.reasons[h.host] })),
    typecheckedFiles: report.typecheckedFiles,
    typecheckReused: report.typecheckReused,
    typechecker: report.typechecker,
    timings: report.timings,
  };
}

// ---------------------------------------------------------------- text

function renderText(report: CheckReport, root: string, c: Colors): string {
  const sources = { line: (file: string, line: number) => report.view.read(file)?.split("\n")[line - 1]?.replace(/\r$/, "") };
  const blocks = report.diagnostics.map((d) => renderDiagnostic(d, root, c, sources));
  blocks.push(summary(report, c));
  return blocks.join("\n");
}

function renderDiagnostic(d: CheckDiagnostic, root: string, c: Colors, sources: { line(file: string, line: number): string | undefined }): string {
  const color = d.severity === "error" ? c.red : c.yellow;
  const host = d.host ? ` (host ${d.host})` : "";
  const [headline = "", ...rest] = d.message.split("\n");
  const parts = [`${c.bold(color(`${d.severity}[${d.code}]`))}${c.bold(`: ${headline}`)}${host}`];
  parts.push(codeFrame({ file: path.join(root, d.file), line: d.line, column: d.column, role: "" }, { root, colors: c }, sources));
  if (rest.length > 0) parts.push(rest.join("\n").trim());
  if (d.hint) parts.push(`${c.bold(c.cyan("hint"))}: ${d.hint}`);
  return `${parts.join("\n")}\n`;
}

function summary(report: CheckReport, c: Colors): string {
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = report.diagnostics.length - errors;
  const steps = [`rules ${report.timings.rules} ms`];
  if (report.typecheckedFiles > 0) steps.push(`types ${report.timings.typecheck} ms (${report.typecheckedFiles} files${report.typechecker === "tsgo" ? ", tsgo" : ""}${report.typecheckReused ? ", unchanged" : ""})`);
  if (report.hosts.length > 0) {
    const hosts = report.hosts.map((h) => `${h.ok ? c.green("✓") : c.red("✗")} ${h.host}`).join(" ");
    steps.push(`hosts ${hosts} in ${report.timings.hosts} ms`);
  } else steps.push("no host affected");
  const counts = [`${errors} error${errors === 1 ? "" : "s"}`];
  if (warnings > 0) counts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  const verdict = report.ok ? c.green(`✓ check passed`) : c.red(`✗ check failed: ${counts.join(", ")}`);
  return `${verdict} (${steps.join("; ")})`;
}
