// What every command runs with: the streams (injectable, so tests run the CLI in-process), the
// global options, colours per stream, the lazily loaded project, and error reporting.

import path from "node:path";
import type { Command } from "commander";
import type { Project } from "../compile/project.ts";
import { Redactor } from "../secrets/redact.ts";
import { colorsFor, exitCodeFor, renderDiagnostic, type Colors, type OutputFormat } from "./diagnostics.ts";
import { loadProject } from "./project.ts";

export interface OutStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIO {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

export interface GlobalOptions {
  readonly format: OutputFormat;
  /** false with `--no-color`. */
  readonly color: boolean;
  readonly project?: string;
}

export class Context {
  readonly out: Colors;
  readonly err: Colors;
  private loaded: Project | undefined;

  constructor(
    readonly io: CliIO,
    readonly options: GlobalOptions,
    /** Every secret value this run has seen; main() passes all output through it. */
    readonly redactor: Redactor = new Redactor(),
  ) {
    this.out = colorsFor(io.stdout, io.env, options.color);
    this.err = colorsFor(io.stderr, io.env, options.color);
  }

  get format(): OutputFormat {
    return this.options.format;
  }

  /** Where paths are shown relative to: the project root once known, else the working folder. */
  get root(): string {
    return this.loaded?.root ?? this.io.cwd;
  }

  async project(): Promise<Project> {
    this.loaded ??= await loadProject(path.resolve(this.io.cwd, this.options.project ?? "."));
    return this.loaded;
  }

  print(text: string): void {
    this.io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  note(text: string): void {
    this.io.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  /**
   * Report an error and give its exit code. Text goes to stderr; JSON goes to stdout, one object
   * per line, so that a consumer reads a single stream.
   */
  report(error: unknown, extra: Record<string, unknown> = {}): 1 | 2 {
    if (this.format === "json") this.io.stdout.write(renderDiagnostic(error, "json", { root: this.root, colors: this.out }, extra));
    else this.io.stderr.write(renderDiagnostic(error, "text", { root: this.root, colors: this.err }, extra));
    return exitCodeFor(error);
  }
}

/** Global options as commander parsed them (they may follow the subcommand). */
export function globalOptions(command: Command): GlobalOptions {
  const opts = command.optsWithGlobals<{ format?: OutputFormat; color?: boolean; project?: string }>();
  return { format: opts.format ?? "text", color: opts.color !== false, project: opts.project };
}

/** Holds the exit code of the command that ran (commander's action results are not returned). */
export interface RunState {
  exitCode: number;
  /** The run's redactor (see main()): the streams in `io` already pass through it. */
  redactor?: Redactor;
}

/**
 * Wrap a command body: build its context, run it, and turn any error into a report and an exit
 * code (1 for the user's errors, 2 for panther's own).
 */
export function action<A extends unknown[]>(
  io: CliIO,
  state: RunState,
  body: (ctx: Context, ...args: A) => Promise<number>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const ctx = new Context(io, globalOptions(command), state.redactor);
    try {
      state.exitCode = await body(ctx, ...(args.slice(0, -1) as A));
    } catch (error) {
      state.exitCode = ctx.report(error);
    }
  };
}
