// `panther diff` on copies of test/fixtures/diff-project: build one copy, edit another, compare.
// Every copy writes to and reads from the same output folder (--out), as one project would.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { copyProject, type Edits } from "../helpers/project-copy.ts";

let base: string;
let out: string;

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "panther-diff-"));
  out = path.join(base, "out");
});

afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const noColor = { NO_COLOR: "1" };

/** Run panther in a fresh copy of the fixture with `edits` applied. */
async function inCopy(args: readonly string[], edits: Edits = {}, options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const dir = copyProject("diff-project", base, edits);
  return runCli(["-C", dir, ...args, "--out", out], { env: noColor, ...options });
}

async function built(edits: Edits = {}, hosts: readonly string[] = ["--all"]) {
  const run = await inCopy(["build", ...hosts], edits);
  expect(run.code).toBe(0);
  return run;
}

const port9090: Edits = { "hosts/alpha.ts": [["port: 8080", "port: 9090"]] };

describe("panther diff against the last build", () => {
  test("no change: exit 0, nothing printed", async () => {
    await built();
    expect(await inCopy(["diff", "alpha"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await inCopy(["diff", "--all"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  test("an option changed: old and new values, where it is defined now, then the file diff", async () => {
    await built();
    const run = await inCopy(["diff", "alpha"], port9090);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "diff alpha: last build (generation 1) → working tree
      ~ networking.firewall.allowedTCPPorts = [ 8080 ] → [ 9090 ]
          at modules/web.ts:4
      ~ panther.web.port = 8080 → 9090
          at hosts/alpha.ts:6

      --- a/hosts/alpha/default.nix
      +++ b/hosts/alpha/default.nix
      @@ -4,7 +4,7 @@
       { config, lib, pkgs, ... }:
       {
         networking = {
      -    firewall.allowedTCPPorts = [ 8080 ];
      +    firewall.allowedTCPPorts = [ 9090 ];
           hostName = lib.mkDefault "alpha";
         };
         nixpkgs.hostPlatform = lib.mkDefault "x86_64-linux";
      "
    `);
  });

  test("an option added and one removed, across hosts with --all", async () => {
    await built();
    const edits: Edits = {
      "modules/base.ts": [["services: { openssh: { enable: true } },", "services: { fail2ban: { enable: true } },"]],
    };
    const run = await inCopy(["diff", "--all"], edits);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "diff alpha: last build (generation 1) → working tree
      + services.fail2ban.enable = true
          at modules/base.ts:4
      - services.openssh.enable = true
          was at modules/base.ts:4

      --- a/hosts/alpha/default.nix
      +++ b/hosts/alpha/default.nix
      @@ -9,8 +9,8 @@
         };
         nixpkgs.hostPlatform = lib.mkDefault "x86_64-linux";
         services = {
      +    fail2ban.enable = true;
           nginx.enable = true;
      -    openssh.enable = true;
         };
         time.timeZone = lib.mkDefault "UTC";
       }

      diff beta: last build (generation 1) → working tree
      + services.fail2ban.enable = true
          at modules/base.ts:4
      - services.openssh.enable = true
          was at modules/base.ts:4

      --- a/hosts/beta/default.nix
      +++ b/hosts/beta/default.nix
      @@ -5,6 +5,6 @@
       {
         networking.hostName = lib.mkDefault "beta";
         nixpkgs.hostPlatform = lib.mkDefault "x86_64-linux";
      -  services.openssh.enable = true;
      +  services.fail2ban.enable = true;
         time.timeZone = lib.mkDefault "UTC";
       }
      "
    `);
  });

  test("a priority changed: the value stays, the winning priority is shown", async () => {
    await built();
    const run = await inCopy(["diff", "beta"], { "modules/base.ts": [["mkDefault(\"UTC\")", "mkForce(\"UTC\")"], ["import { defineModule, mkDefault }", "import { defineModule, mkForce }"]] });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "diff beta: last build (generation 1) → working tree
      ~ time.timeZone = "UTC"
          at modules/base.ts:4, priority 1000 (mkDefault) → 50 (mkForce)

      --- a/hosts/beta/default.nix
      +++ b/hosts/beta/default.nix
      @@ -6,5 +6,5 @@
         networking.hostName = lib.mkDefault "beta";
         nixpkgs.hostPlatform = lib.mkDefault "x86_64-linux";
         services.openssh.enable = true;
      -  time.timeZone = lib.mkDefault "UTC";
      +  time.timeZone = lib.mkForce "UTC";
       }
      "
    `);
  });

  test("a definition moved to another module with the same effect: exit 0, no output; --provenance says where", async () => {
    await built();
    const moved: Edits = {
      "modules/ssh.ts": 'import { defineModule } from "panther";\n\nexport default defineModule({\n  services: { openssh: { enable: true } },\n});\n',
      "modules/base.ts": [
        ['import { defineModule, mkDefault } from "panther";', 'import { defineModule, mkDefault } from "panther";\nimport ssh from "./ssh.ts";'],
        ["  services: { openssh: { enable: true } },", "  imports: [ssh],"],
      ],
    };
    expect(await inCopy(["diff", "--all"], moved)).toEqual({ code: 0, stdout: "", stderr: "" });
    const verbose = await inCopy(["diff", "beta", "--provenance"], moved);
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toMatchInlineSnapshot(`
      "diff beta: last build (generation 1) → working tree
      · services.openssh.enable: defined at modules/ssh.ts:3 (was modules/base.ts:4), same value
      · time.timeZone: defined at modules/base.ts:5 (was modules/base.ts:4), same value
      · hosts/beta/default.nix: only its header comment changed
      "
    `);
    const json = JSON.parse((await inCopy(["diff", "beta", "--json"], moved)).stdout);
    expect(json.differences).toBe(false);
    // The added import line moves base.ts's module down a line: provenance too, no effect either.
    expect(json.hosts[0].moved).toEqual([
      { path: "services.openssh.enable", loc: ["services", "openssh", "enable"], old: [{ file: "modules/base.ts", line: 4 }], new: [{ file: "modules/ssh.ts", line: 3 }] },
      { path: "time.timeZone", loc: ["time", "timeZone"], old: [{ file: "modules/base.ts", line: 4 }], new: [{ file: "modules/base.ts", line: 5 }] },
    ]);
    // The generated header lists the source files, so it changes; the Nix below it does not.
    expect(json.hosts[0].headerOnly).toEqual(["hosts/beta/default.nix"]);
  });

  test("--stat: one line per host that differs", async () => {
    await built();
    const run = await inCopy(["diff", "--all", "--stat"], port9090);
    expect(run).toEqual({ code: 1, stdout: "alpha: 2 options (+0 ~2 -0), 1 file (+1 -1)\n", stderr: "" });
  });

  test("--json: the whole comparison as one document", async () => {
    await built();
    const run = await inCopy(["diff", "alpha", "--json"], port9090);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ from: { kind: "last-build" }, to: "working tree", differences: true });
    expect(doc.hosts).toHaveLength(1);
    expect(doc.hosts[0]).toMatchObject({ host: "alpha", fromGeneration: 1, inOld: true, inNew: true, differences: true, moved: [], headerOnly: [] });
    expect(doc.hosts[0].options).toEqual([
      {
        change: "changed",
        path: "networking.firewall.allowedTCPPorts",
        loc: ["networking", "firewall", "allowedTCPPorts"],
        old: { value: [8080], priority: 100, definedAt: [{ file: "modules/web.ts", line: 4 }] },
        new: { value: [9090], priority: 100, definedAt: [{ file: "modules/web.ts", line: 4 }] },
      },
      {
        change: "changed",
        path: "panther.web.port",
        loc: ["panther", "web", "port"],
        old: { value: 8080, priority: 100, definedAt: [{ file: "hosts/alpha.ts", line: 6 }] },
        new: { value: 9090, priority: 100, definedAt: [{ file: "hosts/alpha.ts", line: 6 }] },
      },
    ]);
    expect(doc.hosts[0].files).toEqual([
      {
        path: "hosts/alpha/default.nix",
        status: "modified",
        added: 1,
        removed: 1,
        hunks: [expect.objectContaining({ lines: expect.arrayContaining(["-    firewall.allowedTCPPorts = [ 8080 ];", "+    firewall.allowedTCPPorts = [ 9090 ];"]) })],
      },
    ]);
  });

  test("colours on a terminal, none with NO_COLOR", async () => {
    await built();
    const coloured = await inCopy(["diff", "alpha"], port9090, { tty: true, env: {} });
    expect(coloured.stdout).toContain("\x1b[32m+    firewall.allowedTCPPorts = [ 9090 ];\x1b[39m");
    const plain = await inCopy(["diff", "alpha"], port9090, { tty: true, env: noColor });
    expect(plain.stdout).not.toContain("\x1b[");
  });

  test("a host never built is compared with nothing: every option is added", async () => {
    await built({}, ["beta"]);
    const run = await inCopy(["diff", "alpha", "--stat"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^alpha: 8 options \(\+8 ~0 -0\), 2 files \(\+\d+ -0\)\n$/);
    const doc = JSON.parse((await inCopy(["diff", "alpha", "--json"])).stdout);
    expect(doc.hosts[0]).toMatchObject({ fromGeneration: null, inOld: false, inNew: true });
    expect(doc.hosts[0].files.map((f: { path: string; status: string }) => [f.path, f.status])).toEqual([["flake.nix", "added"], ["hosts/alpha/default.nix", "added"]]);
  });
});

describe("exit status 2: trouble", () => {
  test("--help is not trouble", async () => {
    const help = await runCli(["diff", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit status: 0 no differences, 1 differences, 2 trouble");
  });

  test("an unknown host, a missing argument, an unknown flag", async () => {
    await built();
    const unknown = await inCopy(["diff", "gamma"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error[unknown-host]");
    expect((await inCopy(["diff"])).code).toBe(2);
    expect((await inCopy(["diff", "alpha", "--bogus"])).code).toBe(2);
  });

  test("a module that no longer evaluates", async () => {
    await built();
    const run = await inCopy(["diff", "alpha"], { "hosts/alpha.ts": [["port: 8080", 'port: "eighty"']] });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("error[type-mismatch]");
  });
});

describe("panther diff --from <generation>", () => {
  test("compares with that generation; an unknown one is trouble", async () => {
    await built();
    await built(port9090);
    expect((await inCopy(["diff", "alpha", "--from", "1"])).code).toBe(0);
    const second = await inCopy(["diff", "alpha", "--from", "2", "--stat"]);
    expect(second).toEqual({ code: 1, stdout: "alpha: 2 options (+0 ~2 -0), 1 file (+1 -1)\n", stderr: "" });
    const text = await inCopy(["diff", "alpha", "--from", "2"]);
    expect(text.stdout.split("\n")[0]).toBe("diff alpha: generation 2 → working tree");
    const missing = await inCopy(["diff", "alpha", "--from", "7"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("alpha has no generation 7.");
    expect(missing.stderr).toContain("Its generations are 1, 2");
  });
});
