// Running the panther CLI in-process for tests: captured stdout/stderr, a chosen working folder,
// environment and terminal-ness, and the exit code main() returns.

import { main } from "../../src/cli/main.ts";
import type { CliIO, OutStream } from "../../src/cli/context.ts";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  /** Pretend both streams are terminals. */
  readonly tty?: boolean;
}

class Capture implements OutStream {
  text = "";
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export async function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  const io: CliIO = { stdout, stderr, cwd: options.cwd ?? process.cwd(), env: options.env ?? {} };
  const code = await main(["node", "panther", ...args], io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
