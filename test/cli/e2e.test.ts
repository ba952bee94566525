// End to end: the real launcher (bin/panther.js: tsx registration, then the CLI) in a child
// process, against the fixture project whose flake.ts imports "panther".

import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "../..");
const bin = path.join(repo, "bin", "panther.js");
const fixture = path.join(repo, "test", "fixtures", "cli-project");

async function panther(args: readonly string[], cwd = repo): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("bin/panther.js", () => {
  test("--help lists the commands", async () => {
    const result = await panther(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: panther [options] [command]");
    for (const command of ["build", "eval", "option", "hosts"]) expect(result.stdout).toMatch(new RegExp(`\\n  ${command} `));
  });

  test("hosts --json loads a flake.ts that imports panther", async () => {
    const result = await panther(["hosts", "--json"], fixture);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(result.stdout).map((h: { name: string }) => h.name)).toEqual(["alpha", "beta"]);
  });

  test("errors exit 1 with a rendered diagnostic", async () => {
    const result = await panther(["-C", fixture, "build", "gamma"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error[unknown-host]: There is no host `gamma' in flake.ts.");
  });
});
