// The evaluation step of `panther check`: compile the chosen hosts (evaluation, host checks,
// emission) and parse every emitted .nix file; errors become diagnostics like the rules'.

import path from "node:path";
import { isPantherError } from "../core/errors.ts";
import type { EmittedFile, HostBuild, Project } from "../compile/project.ts";
import type { CheckDiagnostic } from "./diagnostic.ts";

/** The compiler functions evaluation needs (injected: the CLI loads the compiler lazily). */
export interface HostCompiler {
  compileHost(project: Project, host: string): HostBuild;
  compileFlake(project: Project, hosts: readonly string[]): EmittedFile;
}

/** A Nix parser for a set of files: the first syntax error found, with its file and position. */
export type NixParser = (files: readonly EmittedFile[]) => NixSyntaxProblem[];

export interface NixSyntaxProblem {
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface HostOutcome {
  readonly host: string;
  readonly ok: boolean;
  readonly files: number;
  readonly options: number;
  readonly ms: number;
}

export interface HostsCheck {
  readonly outcomes: HostOutcome[];
  readonly diagnostics: CheckDiagnostic[];
}

/**
 * Compile each host; a host's error does not stop the others. Emitted files (and flake.nix for
 * the hosts that compiled) are parsed; a parse error is a `nix-parse` diagnostic at the file's
 * path under the output folder (`outDir`, relative to the root).
 */
export function checkHosts(project: Project, hosts: readonly string[], compiler: HostCompiler, parse: NixParser, outDir = "out"): HostsCheck {
  const outcomes: HostOutcome[] = [];
  const diagnostics: CheckDiagnostic[] = [];
  const emitted: EmittedFile[] = [];
  for (const host of hosts) {
    const start = performance.now();
    try {
      const build = compiler.compileHost(project, host);
      emitted.push(...build.files);
      outcomes.push({ host, ok: true, files: build.files.length, options: build.optionCount, ms: elapsed(start) });
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      diagnostics.push(errorDiagnostic(error, project.root, host));
      outcomes.push({ host, ok: false, files: 0, options: 0, ms: elapsed(start) });
    }
  }
  const built = outcomes.filter((o) => o.ok).map((o) => o.host);
  if (built.length > 0) emitted.push(compiler.compileFlake(project, built));
  for (const problem of parse(emitted)) {
    diagnostics.push({
      code: "nix-parse",
      severity: "error",
      file: path.posix.join(outDir, problem.path),
      line: problem.line,
      column: problem.column,
      message: `Emitted Nix does not parse: ${problem.message}`,
      hint: "This is a bug in panther's emitter (or in a nixRaw() text); please report it with the host's modules.",
    });
  }
  return { outcomes, diagnostics };
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}

/** PantherError and the CLI's errors carry a code and locations; anything else is a bug. */
function isUserFacing(error: unknown): error is Error & { code: string; hint?: string } {
  return isPantherError(error) || (error instanceof Error && typeof (error as { code?: unknown }).code === "string" && "toJSON" in error);
}

/** A PantherError (or CliError) as a diagnostic at its first location. */
export function errorDiagnostic(error: Error & { code: string; hint?: string }, root: string, host?: string): CheckDiagnostic {
  const json = (error as unknown as { toJSON(): { locations?: { file: string; line?: number; column?: number }[] } }).toJSON();
  const first = json.locations?.[0];
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  const message = error.message.split(prefix).join("");
  const file = first ? relativeTo(root, first.file) : "flake.ts";
  return { code: error.code, severity: "error", file, line: first?.line, column: first?.column, message, hint: error.hint, host };
}

function relativeTo(root: string, file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(root, file);
  return rel.startsWith("..") ? file : rel.split(path.sep).join("/");
}
