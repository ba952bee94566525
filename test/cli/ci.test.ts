// `panther ci` on worker threads with the real compiler: the check-project fleet (three hosts)
// and ci-broken (the same plus a host that fails to evaluate).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { CiReport } from "../../src/ci/report.ts";
import { runCli } from "../helpers/cli.ts";

const fixtures = path.resolve(import.meta.dirname, "../fixtures");
let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "panther-ci-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ci = (fixture: string, args: string[] = [], env: Record<string, string> = {}) =>
  runCli(["-C", path.join(fixtures, fixture), "ci", "--out", path.join(tmp, "out"), "--report", path.join(tmp, "report.json"), ...args], { env });
const report = () => JSON.parse(fs.readFileSync(path.join(tmp, "report.json"), "utf8")) as CiReport;

describe("panther ci", () => {
  test("every host compiles in parallel: the table, the output flake and the report", async () => {
    const run = await ci("check-project", ["--jobs", "2"]);
    expect(run.code).toBe(0);
    const table = run.stdout.split("\n").slice(0, 4).map((l) => l.replace(/\d+ ms/, "N ms"));
    expect(table).toEqual([
      "HOST   STATUS  OPTIONS  FILES   TIME",
      "alpha  ok            5      1   N ms",
      "beta   ok            4      1   N ms",
      "gamma  ok            4      1   N ms",
    ].map((l) => expect.stringMatching(new RegExp(`^${l.replace(/ +/g, " +").replace("N ms", "\\d+ ms")}$`))));
    expect(run.stdout).toMatch(/✓ 3 hosts built in \d+ ms on 2 workers; wrote .*out\/; report: /);
    expect(run.stderr).toContain("compiling 3 hosts on 2 worker threads…");
    expect(run.stderr).toMatch(/\[3\/3\] \w+ ok \(\d+ ms\)/);
    expect(fs.readdirSync(path.join(tmp, "out", "hosts")).sort()).toEqual(["alpha", "beta", "gamma"]);
    expect(fs.readFileSync(path.join(tmp, "out", "flake.nix"), "utf8")).toContain("alpha");
    const r = report();
    expect(r).toMatchObject({ version: 1, ok: true, workers: 2 });
    expect(r.hosts.map((h) => [h.host, h.ok, h.options, h.files.map((f) => f.path)])).toEqual([
      ["alpha", true, 5, ["hosts/alpha/default.nix"]],
      ["beta", true, 4, ["hosts/beta/default.nix"]],
      ["gamma", true, 4, ["hosts/gamma/default.nix"]],
    ]);
    const text = fs.readFileSync(path.join(tmp, "out", "hosts", "alpha", "default.nix"), "utf8");
    expect(r.hosts[0]!.files[0]).toMatchObject({ bytes: Buffer.byteLength(text), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test("one failing host: exit 1, FAILED in the table, its error rendered, nothing written", async () => {
    const run = await ci("ci-broken");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^broken +FAILED +- +- +\d+ ms$/m);
    expect(run.stdout).toMatch(/^alpha +ok +5 +1 +\d+ ms$/m);
    expect(run.stdout).toContain("✗ 1 of 4 hosts failed");
    expect(run.stdout).toContain("nothing was written");
    expect(run.stderr).toContain("error[type-mismatch]: A definition for option `services.openssh.enable' is not of type `boolean'.");
    expect(run.stderr).toContain("--> hosts/broken.ts:4:16");
    expect(fs.existsSync(path.join(tmp, "out"))).toBe(false);
    const r = report();
    expect(r.ok).toBe(false);
    const broken = r.hosts.find((h) => h.host === "broken")!;
    expect(broken).toMatchObject({ ok: false, files: [], error: { code: "type-mismatch", locations: [{ file: "hosts/broken.ts", line: 4, column: 16 }] } });
  });

  test("in GitHub Actions each failure is also an ::error annotation", async () => {
    const run = await ci("ci-broken", ["--no-write"], { GITHUB_ACTIONS: "true" });
    const annotations = run.stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(annotations).toEqual([
      "::error file=hosts/broken.ts,line=4,col=16,title=type-mismatch (broken)::A definition for option `services.openssh.enable' is not of type `boolean'. Definition values:%0A- In `hosts/broken.ts:4:16': \"yes\"",
    ]);
    expect((await ci("ci-broken", ["--no-write"])).stdout).not.toContain("::error");
  });

  test("--format json prints the report, which is also the file's content", async () => {
    const run = await ci("check-project", ["--no-write", "--format", "json", "--jobs", "1"]);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as CiReport & { report: string };
    expect(printed.out).toBeNull();
    expect(printed.workers).toBe(1);
    expect({ ...printed, report: undefined }).toEqual({ ...report(), report: undefined });
    expect(run.stderr).toBe("");
  });

  test("--jobs must be a positive whole number", async () => {
    const run = await ci("check-project", ["--jobs", "0"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--jobs takes a positive whole number");
  });
});
