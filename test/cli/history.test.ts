// Build history on copies of test/fixtures/diff-project: generations recorded by build, listed by
// history, restored by rollback (atomically), pruned by gc; and diff --from a git revision.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { copyProject, editProject, type Edits } from "../helpers/project-copy.ts";

let base: string;
let out: string;

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "panther-history-"));
  out = path.join(base, "out");
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(base, { recursive: true, force: true });
});

const env = { NO_COLOR: "1" };

async function inCopy(args: readonly string[], edits: Edits = {}) {
  return runCli(["-C", copyProject("diff-project", base, edits), ...args, "--out", out], { env });
}

async function build(edits: Edits = {}, hosts: readonly string[] = ["--all"]) {
  const run = await inCopy(["build", ...hosts], edits);
  expect(run.code).toBe(0);
  return run;
}

const port = (n: number): Edits => ({ "hosts/alpha.ts": [["port: 8080", `port: ${n}`]] });
const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");
const historyJSON = async () => JSON.parse((await inCopy(["history", "--json"])).stdout) as { hosts: { host: string; generations: Record<string, unknown>[] }[] };

/** Every file below `dir` with its content (the output folder as a reader sees it). */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else files[child] = fs.readFileSync(path.join(dir, child), "utf8");
    }
  };
  walk("");
  return files;
}

describe("generations", () => {
  test("each build that changes a host records a generation; an unchanged rebuild does not", async () => {
    expect((await build()).stdout).toMatch(/✓ alpha: 1 file \(1 changed, 0 unchanged\) in \d+ ms; generation 1\n/);
    expect((await build()).stdout).toMatch(/✓ alpha: .*; generation 1, unchanged\n/);
    const second = await build(port(9090), ["alpha"]);
    expect(second.stdout).toMatch(/✓ alpha: .*; generation 2\n/);
    const doc = await historyJSON();
    expect(doc.hosts.map((h) => [h.host, h.generations.map((g) => g.generation)])).toEqual([
      ["alpha", [1, 2]],
      ["beta", [1]],
    ]);
    const latest = doc.hosts[0]!.generations[1]!;
    expect(latest).toMatchObject({ generation: 2, current: true, source: null, restoredFrom: null, files: ["flake.nix", "hosts/alpha/default.nix"], optionCount: 8 });
    expect(latest.filesHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(doc.hosts[0]!.generations[0]!.filesHash).not.toBe(latest.filesHash);
  });

  test("records are deterministic, kept out of the flake's view, and hold the options with provenance", async () => {
    await build();
    const first = read(".panther-history/hosts/alpha/1.json");
    fs.rmSync(out, { recursive: true });
    await build();
    expect(read(".panther-history/hosts/alpha/1.json")).toBe(first);
    expect(read(".panther-history/.gitignore")).toBe("*\n");
    const record = JSON.parse(first);
    expect(record.options).toContainEqual({ path: ["panther", "web", "port"], value: 8080, priority: 100, definedAt: [{ file: "hosts/alpha.ts", line: 6 }] });
    expect(record.options).toContainEqual({ path: ["time", "timeZone"], value: "UTC", priority: 1000, definedAt: [{ file: "modules/base.ts", line: 4 }] });
    // The manifest of emitted files does not list the history.
    expect(Object.keys(JSON.parse(read(".panther-output")).files)).toEqual(["flake.nix", "hosts/alpha/default.nix", "hosts/beta/default.nix"]);
  });

  test("a git checkout records its revision and whether it was dirty", async () => {
    const dir = gitProject();
    const head = git(dir, ["rev-parse", "HEAD"]);
    expect((await runCli(["-C", dir, "build", "alpha"], { env })).code).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(dir, "out/.panther-history/hosts/alpha/1.json"), "utf8"));
    expect(record.source).toEqual({ revision: head, dirty: false });
    const dirty = gitProject();
    editProject(dirty, { "notes.txt": "not committed\n" });
    expect((await runCli(["-C", dirty, "build", "alpha"], { env })).code).toBe(0);
    const dirtyRecord = JSON.parse(fs.readFileSync(path.join(dirty, "out/.panther-history/hosts/alpha/1.json"), "utf8"));
    expect(dirtyRecord.source).toEqual({ revision: git(dirty, ["rev-parse", "HEAD"]), dirty: true });
  });

  test("history lists generations as text", async () => {
    await build();
    await build(port(9090), ["alpha"]);
    const run = await inCopy(["history", "alpha"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("alpha");
    expect(lines[1]).toMatch(/^ {3}1 {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}\(no git\) +sha256:[0-9a-f]{12} {2}8 options, 2 files$/);
    expect(lines[2]).toMatch(/^ {3}2 .* 8 options, 2 files {2}current$/);
    expect((await inCopy(["history", "gamma"])).stderr).toContain("error[unknown-host]");
  });

  test("a failed write leaves the output and its history as they were", async () => {
    await build();
    const before = tree(out);
    const real = fs.renameSync;
    vi.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (String(from).includes(".tmp-")) throw Object.assign(new Error("EBUSY: resource busy"), { code: "EBUSY" });
      return real(from, to);
    });
    const run = await inCopy(["build", "alpha"], port(9090));
    expect(run.code).toBe(1);
    expect(tree(out)).toEqual(before);
    expect(fs.readdirSync(base).filter((f) => f.startsWith("out"))).toEqual(["out"]);
  });
});

describe("rollback", () => {
  test("restores a generation's files in one replacement, keeps other hosts, records it", async () => {
    await build();
    const first = read("hosts/alpha/default.nix");
    const beta = read("hosts/beta/default.nix");
    await build(port(9090), ["alpha"]);
    expect(read("hosts/alpha/default.nix")).toContain("[ 9090 ]");
    const run = await inCopy(["rollback", "alpha", "1"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/^✓ alpha: restored generation 1 in .*out\/ \(1 file changed\); recorded as generation 3\n$/);
    expect(read("hosts/alpha/default.nix")).toBe(first);
    expect(read("hosts/beta/default.nix")).toBe(beta);
    expect(read("flake.nix")).toContain("alpha");
    const alpha = (await historyJSON()).hosts[0]!.generations;
    expect(alpha.map((g) => [g.generation, g.restoredFrom])).toEqual([
      [1, null],
      [2, null],
      [3, 1],
    ]);
    expect(alpha[2]!.filesHash).toBe(alpha[0]!.filesHash);
    // The restored generation is now the last build: the working tree (port 9090) differs from it.
    expect((await inCopy(["diff", "alpha", "--stat"], port(9090))).stdout).toBe("alpha: 2 options (+0 ~2 -0), 1 file (+1 -1)\n");
    expect((await inCopy(["diff", "alpha"])).code).toBe(0);
  });

  test("an interrupted rollback changes nothing", async () => {
    await build();
    await build(port(9090), ["alpha"]);
    const before = tree(out);
    const real = fs.renameSync;
    vi.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (String(from).includes(".tmp-")) throw Object.assign(new Error("EBUSY: resource busy"), { code: "EBUSY" });
      return real(from, to);
    });
    const run = await inCopy(["rollback", "alpha", "1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("previous output was left as it was");
    expect(tree(out)).toEqual(before);
  });

  test("an unknown generation or a bad number is an error", async () => {
    await build();
    const run = await inCopy(["rollback", "alpha", "5"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("alpha has no generation 5.");
    expect((await inCopy(["rollback", "alpha", "two"])).stderr).toContain("`two' is not a generation number");
  });
});

describe("gc", () => {
  test("keeps the newest generations and deletes the stored files nothing refers to", async () => {
    await build();
    await build(port(9090), ["alpha"]);
    await build(port(9091), ["alpha"]);
    const objects = () => Object.keys(tree(path.join(out, ".panther-history/objects"))).length;
    // flake.nix (shared), beta, and alpha's three versions.
    expect(objects()).toBe(5);
    const before = Object.fromEntries(Object.entries(tree(out)).filter(([f]) => !f.startsWith(".panther-history/")));
    const run = await inCopy(["gc", "--keep", "1"]);
    expect(run).toMatchObject({ code: 0, stdout: "Removed 2 generations (alpha: 1, 2) and 2 stored files.\n" });
    expect(objects()).toBe(3);
    expect((await historyJSON()).hosts.map((h) => [h.host, h.generations.map((g) => g.generation)])).toEqual([
      ["alpha", [3]],
      ["beta", [1]],
    ]);
    // The output itself is untouched, and the kept generation still loads.
    expect(Object.fromEntries(Object.entries(tree(out)).filter(([f]) => !f.startsWith(".panther-history/")))).toEqual(before);
    expect((await inCopy(["diff", "alpha", "--from", "3"], port(9091))).code).toBe(0);
    expect((await inCopy(["diff", "alpha", "--from", "1"])).code).toBe(2);
    // The next build continues the numbering.
    expect((await build({}, ["alpha"])).stdout).toMatch(/generation 4\n/);
  });

  test("--keep must be at least 1", async () => {
    await build();
    const run = await inCopy(["gc", "--keep", "0"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("at least 1");
  });
});

// ---------------------------------------------------------------- git

function git(dir: string, args: readonly string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org", GIT_CONFIG_GLOBAL: "/dev/null" },
  }).trim();
}

/** A copy of the fixture as a git repository with one commit (node_modules and out ignored). */
function gitProject(): string {
  const dir = copyProject("diff-project", base, { ".gitignore": "node_modules\nout\n" });
  git(dir, ["init", "--quiet", "--initial-branch=main"]);
  git(dir, ["add", "."]);
  git(dir, ["commit", "--quiet", "-m", "fixture"]);
  return dir;
}

describe("diff --from <git revision>", () => {
  test("compiles the revision in a temporary worktree and leaves the user's tree alone", async () => {
    const dir = gitProject();
    editProject(dir, { "modules/web.ts": [["default: 80", "default: 81"]] });
    git(dir, ["commit", "--quiet", "-am", "default port 81"]);
    editProject(dir, port(9090));
    const status = git(dir, ["status", "--porcelain"]);
    const head = git(dir, ["rev-parse", "HEAD"]);
    const run = await runCli(["-C", dir, "diff", "alpha", "--from", "HEAD~1", "--stat"], { env });
    expect(run).toEqual({ code: 1, stdout: "alpha: 2 options (+0 ~2 -0), 1 file (+1 -1)\n", stderr: "" });
    const text = await runCli(["-C", dir, "diff", "alpha", "--from", "main"], { env });
    expect(text.stdout.split("\n")[0]).toBe(`diff alpha: main (${head.slice(0, 12)}) → working tree`);
    expect(text.stdout).toContain("~ panther.web.port = 8080 → 9090");
    // Nothing changed in the user's repository: same status, HEAD, and no worktree left behind.
    expect(git(dir, ["status", "--porcelain"])).toBe(status);
    expect(git(dir, ["rev-parse", "HEAD"])).toBe(head);
    expect(git(dir, ["worktree", "list"]).split("\n")).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  test("--all covers hosts that exist on only one side; a bad revision is trouble", async () => {
    const dir = gitProject();
    editProject(dir, { "flake.ts": [['    { name: "beta", system: "x86_64-linux", module: beta },\n', ""]] });
    const run = await runCli(["-C", dir, "diff", "--all", "--from", "HEAD", "--json"], { env });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.from).toMatchObject({ kind: "git", ref: "HEAD", revision: git(dir, ["rev-parse", "HEAD"]) });
    expect(doc.hosts.map((h: Record<string, unknown>) => [h.host, h.inOld, h.inNew, h.differences])).toEqual([
      ["alpha", true, true, true],
      ["beta", true, false, true],
    ]);
    expect(doc.hosts[1].options.every((o: { change: string }) => o.change === "removed")).toBe(true);
    const bad = await runCli(["-C", dir, "diff", "alpha", "--from", "no-such-branch"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("`no-such-branch' is not a commit");
  });
});
