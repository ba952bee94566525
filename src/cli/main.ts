// The `panther` program: global options, the commands (one file each under commands/), and
// `main`, which runs it in-process against injectable streams and returns the exit code.

import fs from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { registerBuild } from "./commands/build.ts";
import { registerEval } from "./commands/eval.ts";
import { registerHosts } from "./commands/hosts.ts";
import { registerOption } from "./commands/option.ts";
import { colorsFor } from "./diagnostics.ts";
import { registerSecrets } from "./commands/secrets.ts";
import { processIO, type CliIO, type RunState } from "./context.ts";
import { tokenVariable } from "../secrets/providers/onepassword.ts";
import { redactingStream, Redactor } from "../secrets/redact.ts";

function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return manifest.version ?? "0.0.0";
}

/** A fresh program (commander keeps parse state, so one per run). */
export function createProgram(io: CliIO, state: RunState, argv: readonly string[] = []): Command {
  // Usage errors are printed by commander before our options are parsed; colour them by env and TTY.
  const errColors = colorsFor(io.stderr, io.env, !argv.includes("--no-color"));
  const program = new Command("panther")
    .description("Compile typed TypeScript NixOS modules to a Nix flake.")
    .version(packageVersion(), "-V, --version", "print panther's version")
    .helpOption("-h, --help", "show help")
    .addOption(new Option("--format <format>", "how errors and reports are printed").choices(["text", "json"]).default("text"))
    .option("--no-color", "never colour the output (NO_COLOR and FORCE_COLOR are honoured too)")
    .option("-C, --project <dir>", "run as if started in <dir> (the project is the nearest folder above with flake.ts)")
    .showHelpAfterError("(run `panther <command> --help` for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: (text, write) => write(errColors.red(text)),
    })
    .addHelpText(
      "after",
      ["", "Examples:", "  $ panther hosts", "  $ panther build hetzner-vps", "  $ panther option yoga services.openssh.enable", "  $ panther build --all --format json"].join(
        "\n",
      ),
    );
  // Subcommands copy the output and exit settings above when they are created.
  registerBuild(program, io, state);
  registerEval(program, io, state);
  registerOption(program, io, state);
  registerHosts(program, io, state);
  registerSecrets(program, io, state);
  return program;
}

/**
 * Run panther with `argv` in process.argv form (`[node, script, ...args]`) and return the exit
 * code: 0 success, 1 a user error (bad modules, unknown host, failed build, usage), 2 a bug.
 */
export async function main(argv: readonly string[] = process.argv, rawIO: CliIO = processIO()): Promise<number> {
  // Everything printed passes through the redactor, which knows the token and every value resolved.
  const redactor = new Redactor();
  const token = rawIO.env[tokenVariable];
  if (token) redactor.add(token);
  const io: CliIO = { ...rawIO, stdout: redactingStream(rawIO.stdout, redactor), stderr: redactingStream(rawIO.stderr, redactor) };
  const state: RunState = { exitCode: 0, redactor };
  const program = createProgram(io, state, argv);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    // --help and --version end parsing by throwing with exit code 0; usage errors with 1.
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
  return state.exitCode;
}
