// The canary: every secret of every host gets a unique canary value in the local provider, then
// the whole fleet is built, verified, checked and materialized through the CLI. No canary may
// appear in an emitted file, on stdout or stderr, in an error; nor may the redactor have had to
// hide one ("[redacted]" in the output would mean a leak was masked, not absent).
//
// PANTHER_CANARY_PROJECT=<dir> points it at another project (e.g. test/fixtures/secrets-project).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadProject } from "../../src/cli/project.ts";
import { evaluateHost } from "../../src/compile/host.ts";
import { hostSecrets } from "../../src/secrets/host.ts";
import { redactedMark } from "../../src/secrets/redact.ts";
import { runCli, type CliRun } from "../helpers/cli.ts";

const repo = path.resolve(import.meta.dirname, "../..");
// The real fleet (flake.ts) by default: the "full build of all hosts".
const project = path.resolve(repo, process.env.PANTHER_CANARY_PROJECT ?? ".");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "panther-canary-"));
const secretsFile = path.join(work, "secrets.json");
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Every secret name any host needs, with a canary value; multi-line for keys, like real ones. */
async function canaries(): Promise<Record<string, string>> {
  const loaded = await loadProject(project);
  const values: Record<string, string> = {};
  for (const host of loaded.flake.hosts) {
    for (const entry of hostSecrets(evaluateHost(loaded, host.name).config)?.entries ?? []) {
      const token = `CANARY${Buffer.from(entry.name).toString("hex")}Z`;
      values[entry.name] = entry.name.includes("key") ? `-----BEGIN OPENSSH PRIVATE KEY-----\n${token}\n-----END OPENSSH PRIVATE KEY-----\n` : token;
    }
  }
  return values;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

function expectNoCanary(text: string, what: string): void {
  expect(text, what).not.toMatch(/CANARY[0-9a-f]+Z/);
  expect(text, what).not.toContain(redactedMark);
}

describe(`canary secrets through a full build of ${path.relative(repo, project) || "."}`, async () => {
  const values = await canaries();
  fs.writeFileSync(secretsFile, JSON.stringify(values), { mode: 0o600 });
  const env = { NO_COLOR: "1", PANTHER_SECRETS_FILE: secretsFile };
  const runs: Array<[string, CliRun]> = [];
  const run = async (args: string[]) => {
    const result = await runCli(["-C", project, ...args], { cwd: work, env });
    runs.push([args.join(" "), result]);
    return result;
  };

  test("every host uses secrets", () => {
    expect(Object.keys(values).length).toBeGreaterThan(3);
  });

  test("build --all --verify-secrets: nothing in the emitted files", async () => {
    const out = path.join(work, "out");
    const result = await run(["build", "--all", "--verify-secrets", "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const files = filesUnder(out);
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) expectNoCanary(fs.readFileSync(file, "utf8"), file);
    // What it emits instead: references.
    expect(fs.readFileSync(path.join(out, "hosts/yoga/default.nix"), "utf8")).toContain('reference = "op://');
  });

  test("secrets check, text and JSON", async () => {
    expect((await run(["secrets", "check", "--all"])).code).toBe(0);
    const json = await run(["--format", "json", "secrets", "check", "--all"]);
    expect(json.code).toBe(0);
    expect(json.stdout.trim().split("\n").map((l) => JSON.parse(l).type)).toContain("secret");
  });

  test("errors: a missing secret, an unknown host, no token", async () => {
    const partial = path.join(work, "partial.json");
    const [dropped, ...kept] = Object.keys(values).sort();
    fs.writeFileSync(partial, JSON.stringify(Object.fromEntries(kept.map((k) => [k, values[k]]))));
    const failed = await runCli(["-C", project, "build", "--all", "--verify-secrets", "--out", path.join(work, "out2")], { cwd: work, env: { ...env, PANTHER_SECRETS_FILE: partial } });
    runs.push(["build with a missing secret", failed]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`no \`${dropped}'`);
    expect(fs.existsSync(path.join(work, "out2"))).toBe(false);
    expect((await run(["secrets", "check", "nowhere"])).code).toBe(1);
    expect((await run(["secrets", "check", "--all", "--provider", "1password"])).code).toBe(1);
  });

  test("materialize writes values only into its folder", async () => {
    const loaded = await loadProject(project);
    for (const host of loaded.flake.hosts) {
      const install = (hostSecrets(evaluateHost(loaded, host.name).config)?.entries ?? []).filter((e) => e.delivery !== "opnix");
      if (install.length === 0) continue;
      const out = path.join(work, `install-${host.name}`);
      const result = await run(["secrets", "materialize", host.name, "--out", out]);
      expect(result.code, result.stderr).toBe(0);
      const written = filesUnder(out).map((f) => fs.readFileSync(f, "utf8")).sort();
      expect(written).toEqual(install.map((e) => values[e.name]!).sort());
      for (const file of filesUnder(out)) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(out).mode & 0o777).toBe(0o700);
    }
  });

  test("no canary in any line printed or any error", () => {
    expect(runs.length).toBeGreaterThan(5);
    for (const [what, result] of runs) {
      expectNoCanary(result.stdout, `${what} (stdout)`);
      expectNoCanary(result.stderr, `${what} (stderr)`);
    }
  });
});
