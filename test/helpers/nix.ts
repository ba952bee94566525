// Test-only access to a real Nix (nix-instantiate): availability gate and
// helpers to parse or evaluate text. Never used by panther itself.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let available: boolean | undefined;

/** Is `nix-instantiate` on PATH? */
export function nixAvailable(): boolean {
  available ??= spawnSync("nix-instantiate", ["--version"], { stdio: "ignore" }).status === 0;
  return available;
}

/**
 * Should Nix-backed tests run? They are skipped when Nix is missing, unless
 * PANTHER_REQUIRE_NIX=1, in which case they run and fail (see requireNix).
 * Use as `describe.skipIf(!runNixTests())(...)`.
 */
export function runNixTests(): boolean {
  return nixAvailable() || process.env.PANTHER_REQUIRE_NIX === "1";
}

/** Throws when Nix is missing; call it at the start of every Nix-backed test (or in beforeAll). */
export function requireNix(): void {
  if (!nixAvailable()) {
    throw new Error("nix-instantiate is not on PATH, and PANTHER_REQUIRE_NIX=1 requires the Nix-backed tests");
  }
}

export type NixParseOutcome = { readonly ok: true; readonly ast: string } | { readonly ok: false; readonly error: string };

/** `nix-instantiate --parse` of `text` written to a file (so size is no issue). */
export function nixParse(text: string): NixParseOutcome {
  const result = runOnFile(text, ["--parse"]);
  return result.status === 0 ? { ok: true, ast: result.stdout } : { ok: false, error: result.stderr };
}

/** `nix-instantiate --eval --strict --json` of `expr`, parsed; throws with Nix's message on failure. */
export function nixEvalJson(expr: string): unknown {
  const result = runOnFile(expr, ["--eval", "--strict", "--json"]);
  if (result.status !== 0) throw new Error(`nix-instantiate --eval failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as unknown;
}

interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runOnFile(text: string, args: readonly string[]): RunResult {
  requireNix();
  const dir = mkdtempSync(join(tmpdir(), "panther-nix-"));
  try {
    const file = join(dir, "expr.nix");
    writeFileSync(file, text);
    const result = spawnSync("nix-instantiate", [...args, file], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NIX_PATH: "" },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
