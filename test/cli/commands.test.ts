// The commands run in-process against test/fixtures/cli-project, with the compiler module
// replaced by deterministic fakes (evaluation uses the real evalModules on the fixture hosts).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Project } from "../../src/compile/project.ts";
import { runCli } from "../helpers/cli.ts";

const fake = vi.hoisted(() => ({
  /** Hosts whose compilation throws a PantherError. */
  failing: new Set<string>(),
  /** Hosts whose compilation throws a plain (internal) error. */
  crashing: new Set<string>(),
  /** Per host, text that goes into its default.nix. */
  revision: {} as Record<string, string>,
  /** Extra modules evaluated with a host. */
  extra: {} as Record<string, object[]>,
  compiled: [] as string[],
}));

vi.mock("../../src/compile/index.ts", async () => {
  const { PantherError, evalModules } = await import("../../src/lib/index.ts");
  const hostFile = (project: Project, host: string) => path.join(project.root, "hosts", `${host}.ts`);
  return {
    compileHost(project: Project, host: string) {
      fake.compiled.push(host);
      if (fake.crashing.has(host)) throw new TypeError("cannot read properties of undefined");
      if (fake.failing.has(host)) {
        throw new PantherError({
          code: "type-mismatch",
          message: `A definition for option \`networking.hostName' is not of type \`string'.`,
          optionPath: ["networking", "hostName"],
          locations: [{ file: hostFile(project, host), line: 8, column: 3, role: "definition" }],
        });
      }
      const files = [
        { path: `hosts/${host}/default.nix`, text: `{ ... }: { networking.hostName = "${host}"; } # ${fake.revision[host] ?? "1"}\n` },
        { path: `hosts/${host}/hardware.nix`, text: "{ }\n" },
      ];
      return { host, files, warnings: [], optionCount: 2, options: [] };
    },
    compileFlake(_project: Project, hosts: readonly string[]) {
      return { path: "flake.nix", text: `{ outputs = _: { hosts = [ ${hosts.map((h) => `"${h}"`).join(" ")} ]; }; }\n` };
    },
    evaluateHost(project: Project, host: string) {
      const def = project.flake.hosts.find((h) => h.name === host)!;
      return evalModules({ modules: [def.module, ...(fake.extra[host] ?? [])] });
    },
  };
});

const fixture = path.resolve(import.meta.dirname, "../fixtures/cli-project");
let base: string;
let out: string;

beforeEach(() => {
  fake.failing.clear();
  fake.crashing.clear();
  fake.revision = {};
  fake.extra = {};
  fake.compiled = [];
  base = fs.mkdtempSync(path.join(os.tmpdir(), "panther-cli-"));
  out = path.join(base, "out");
});

afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const cli = (args: readonly string[], options: { tty?: boolean; env?: Record<string, string> } = {}) => runCli(["-C", fixture, ...args], options);

function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      // The build history has its own tests (test/cli/history.test.ts).
      if (child === ".panther-history") continue;
      if (e.isDirectory()) walk(child);
      else files[child] = fs.readFileSync(path.join(dir, child), "utf8");
    }
  };
  walk("");
  return files;
}

describe("hosts", () => {
  test("--json is an array usable as a CI matrix", async () => {
    const run = await cli(["hosts", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { name: "alpha", system: "x86_64-linux", tags: ["server"], deployHostname: "alpha" },
      { name: "beta", system: "aarch64-linux", tags: ["laptop", "arm"], deployHostname: "beta.example.org" },
    ]);
  });

  test("text is a table", async () => {
    const run = await cli(["hosts"]);
    expect(run.stdout).toBe("NAME   SYSTEM         TAGS\nalpha  x86_64-linux   server\nbeta   aarch64-linux  laptop, arm\n");
  });

  test("the project is found from a subfolder of the working directory", async () => {
    const run = await runCli(["hosts", "--json"], { cwd: path.join(fixture, "hosts") });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(2);
  });

  test("no flake.ts anywhere above is an error naming -C", async () => {
    const run = await runCli(["hosts"], { cwd: base });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[project-not-found]: No flake.ts found");
    expect(run.stderr).toContain("panther -C <dir>");
  });
});

describe("build", () => {
  test("writes flake.nix and every host's files, exit 0", async () => {
    const run = await cli(["build", "--all", "--out", out]);
    expect(run.code).toBe(0);
    expect(Object.keys(tree(out)).sort()).toEqual([".panther-output", "flake.nix", "hosts/alpha/default.nix", "hosts/alpha/hardware.nix", "hosts/beta/default.nix", "hosts/beta/hardware.nix"]);
    expect(tree(out)["flake.nix"]).toContain('hosts = [ "alpha" "beta" ]');
    expect(fs.readdirSync(path.join(out, ".panther-history", "hosts"))).toEqual(["alpha", "beta"]);
    expect(run.stdout).toMatch(/✓ alpha: 2 files \(2 changed, 0 unchanged\) in \d+ ms; generation 1\n/);
    expect(run.stdout).toMatch(/✓ beta: 2 files \(2 changed, 0 unchanged\) in \d+ ms/);
    // Not a terminal: progress lines are plain lines, without cursor control.
    expect(run.stderr).toBe("[1/2] building alpha…\n[2/2] building beta…\n");
  });

  test("on a terminal progress is rewritten in place", async () => {
    const run = await cli(["build", "--all", "--out", out], { tty: true, env: { NO_COLOR: "1" } });
    expect(run.stderr).toContain("\r\x1b[2K[2/2] building beta…\r\x1b[2K");
    expect(run.stdout).not.toMatch(/\x1b\[3\dm/);
  });

  test("a rebuild reports unchanged files and leaves them untouched", async () => {
    await cli(["build", "--all", "--out", out]);
    const inode = fs.statSync(path.join(out, "hosts/alpha/default.nix")).ino;
    fake.revision.beta = "2";
    const run = await cli(["build", "--all", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/alpha: 2 files \(0 changed, 2 unchanged\)/);
    expect(run.stdout).toMatch(/beta: 2 files \(1 changed, 1 unchanged\)/);
    expect(fs.statSync(path.join(out, "hosts/alpha/default.nix")).ino).toBe(inode);
  });

  test("a failing host is reported, the others still compile, nothing is written, exit 1", async () => {
    await cli(["build", "--all", "--out", out]);
    const before = tree(out);
    fake.failing.add("alpha");
    fake.revision.beta = "2";
    const run = await cli(["build", "--all", "--out", out]);
    expect(run.code).toBe(1);
    expect(fake.compiled).toEqual(["alpha", "beta", "alpha", "beta"]);
    expect(run.stderr).toContain("error[type-mismatch]: A definition for option `networking.hostName' is not of type `string'.");
    expect(run.stderr).toContain("--> hosts/alpha.ts:8:3");
    expect(run.stderr).toContain("1 of 2 hosts failed; nothing was written");
    expect(tree(out)).toEqual(before);
  });

  test("--format json prints one object per line: errors and host results", async () => {
    fake.failing.add("beta");
    const run = await cli(["build", "--all", "--out", out, "--format", "json"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ host: "beta", code: "type-mismatch", locations: [expect.objectContaining({ file: "hosts/beta.ts", line: 8 })] }),
      expect.objectContaining({ type: "host", host: "beta", ok: false }),
    ]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("building one host keeps the other hosts' files and flake.nix lists both", async () => {
    await cli(["build", "--all", "--out", out]);
    fake.revision.alpha = "2";
    const run = await cli(["build", "alpha", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const files = tree(out);
    expect(files["hosts/alpha/default.nix"]).toContain("# 2");
    expect(files["hosts/beta/default.nix"]).toContain("# 1");
    expect(files["flake.nix"]).toContain('hosts = [ "alpha" "beta" ]');
    expect(run.stdout).toContain("2 kept from other hosts");
  });

  test("an unknown host is an error with a suggestion; nothing is compiled", async () => {
    const run = await cli(["build", "alpah", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[unknown-host]: There is no host `alpah' in flake.ts.");
    expect(run.stderr).toContain("hint: Did you mean `alpha'?");
    expect(fake.compiled).toEqual([]);
  });

  test("no hosts and no --all is a usage error", async () => {
    const run = await cli(["build", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Which hosts? Name them, or pass --all.");
  });

  test("a foreign output folder is refused", async () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "thesis.tex"), "\\begin{document}\n");
    const run = await cli(["build", "--all", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[foreign-output-dir]");
    expect(fs.readdirSync(out)).toEqual(["thesis.tex"]);
  });

  test("a bug in the compiler is an internal error, exit 2", async () => {
    fake.crashing.add("alpha");
    const run = await cli(["build", "--all", "--out", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/internal error: TypeError: cannot read properties of undefined\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("option", () => {
  test("lists every definition with file:line and priority, the winner marked", async () => {
    const run = await cli(["option", "alpha", "demo.web.port"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("demo.web.port");
    expect(run.stdout).toMatch(/Value: +8443\n/);
    expect(run.stdout).toContain("Type:        16 bit unsigned integer; between 0 and 65535 (both inclusive)");
    expect(run.stdout).toContain("Description: Port to listen on.");
    expect(run.stdout).toContain("Declared in:\n  modules/web.ts:5");
    const defs = lines.filter((l) => /^  [★ ] \S+:\d+/.test(l));
    expect(defs).toEqual([
      expect.stringMatching(/^    modules\/web\.ts:5 +priority 1500 \(option default\) +80$/),
      expect.stringMatching(/^    hosts\/alpha\.ts:6 +priority 1000 \(mkDefault\) +8000$/),
      expect.stringMatching(/^  ★ hosts\/alpha\.ts:8 +priority 50 \(mkForce\) +8443$/),
    ]);
  });

  test("--json has the definitions with relative files and the winner", async () => {
    const run = await cli(["option", "alpha", "demo.web.port", "--json"]);
    const data = JSON.parse(run.stdout);
    expect(data).toMatchObject({ option: "demo.web.port", value: 8443, default: 80, declarations: [{ file: "modules/web.ts", line: 5 }] });
    expect(data.definitions.filter((d: { winning: boolean }) => d.winning)).toEqual([{ file: "hosts/alpha.ts", line: 8, value: 8443, priority: 50, order: 1000, winning: true }]);
  });

  test("a conflict still lists the definitions, then the error; exit 1", async () => {
    fake.extra.beta = [{ demo: { web: { port: 1 } } }, { demo: { web: { port: 2 } } }];
    const run = await cli(["option", "beta", "demo.web.port"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Value:       «error, see below»");
    expect(run.stdout).toMatch(/Definitions \(3\)/);
    expect(run.stdout.match(/★/g)).toHaveLength(3);
    expect(run.stderr).toContain("error[conflicting-definitions]");
    const json = await cli(["option", "beta", "demo.web.port", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: "conflicting-definitions" });
  });

  test("packages show as pkgs.x", async () => {
    const run = await cli(["option", "beta", "demo.web.package"]);
    expect(run.stdout).toMatch(/Value: +pkgs\.nginx\n/);
  });

  test("an unknown path says what the siblings are called", async () => {
    const run = await cli(["option", "alpha", "demo.web.prot"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[unknown-option]: The option `demo.web.prot' does not exist: there is no `prot' under `demo.web'.");
    expect(run.stderr).toContain("hint: Did you mean `demo.web.port'?");
  });

  test("a namespace lists what it contains", async () => {
    const run = await cli(["option", "alpha", "demo.web"]);
    expect(run.stdout).toBe("demo.web is a namespace containing:\n  enable\n  package\n  port\n");
  });
});

describe("eval", () => {
  test("an option's value, default included, as JSON when not a terminal; packages as pkgs.x", async () => {
    const run = await cli(["eval", "beta", "demo.web.package"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toBe("pkgs.nginx");
    expect(JSON.parse((await cli(["eval", "beta", "demo.web.port"])).stdout)).toBe(80);
  });

  test("a namespace shows what the modules define below it", async () => {
    const run = await cli(["eval", "alpha", "demo.web"]);
    expect(JSON.parse(run.stdout)).toEqual({ enable: true, port: 8443 });
  });

  test("Nix-looking text on a terminal", async () => {
    const run = await cli(["eval", "alpha", "networking"], { tty: true });
    expect(run.stdout).toBe('{\n  firewall = {\n    allowedTCPPorts = [ 8443 ];\n  };\n  hostName = "alpha";\n}\n');
    expect((await cli(["eval", "beta", "demo.web.package"], { tty: true })).stdout).toBe("pkgs.nginx\n");
  });

  test("the whole configuration", async () => {
    const run = await cli(["eval", "beta", "--json"]);
    expect(JSON.parse(run.stdout)).toEqual({ networking: { hostName: "beta" } });
  });

  test("a path inside an option's value", async () => {
    const run = await cli(["eval", "alpha", "networking.firewall.allowedTCPPorts.0"]);
    expect(JSON.parse(run.stdout)).toBe(8443);
  });

  test("an unknown path suggests the closest name", async () => {
    const run = await cli(["eval", "alpha", "networking.hostname"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("hint: Did you mean `networking.hostName'?");
  });

  test("an unknown host", async () => {
    const run = await cli(["eval", "gamma"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[unknown-host]");
  });
});

describe("the program", () => {
  test("--version and --help exit 0", async () => {
    const version = await runCli(["--version"]);
    expect(version).toMatchObject({ code: 0, stdout: "0.1.0\n" });
    const help = await runCli(["build", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:\n  $ panther build hetzner-vps");
  });

  test("every command has a description and an example", async () => {
    for (const command of ["build", "eval", "option", "hosts"]) {
      const help = await runCli([command, "--help"]);
      expect(help.stdout).toMatch(/\n\n[a-z].+\n/);
      expect(help.stdout).toContain(`$ panther ${command}`);
    }
  });

  test("an unknown command or option is a usage error, exit 1", async () => {
    expect((await runCli(["frobnicate"])).code).toBe(1);
    const run = await runCli(["build", "--bogus"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown option '--bogus'");
  });

  test("colour: FORCE_COLOR colours a pipe, --no-color and NO_COLOR win", async () => {
    const ansi = /\x1b\[\d+m/;
    expect((await cli(["build", "gamma"], { env: { FORCE_COLOR: "1" } })).stderr).toMatch(ansi);
    expect((await cli(["build", "gamma", "--no-color"], { env: { FORCE_COLOR: "1" }, tty: true })).stderr).not.toMatch(ansi);
    expect((await cli(["build", "gamma"], { env: { NO_COLOR: "1" }, tty: true })).stderr).not.toMatch(ansi);
    expect((await cli(["build", "gamma"], { tty: true })).stderr).toMatch(ansi);
    expect((await cli(["build", "gamma"])).stderr).not.toMatch(ansi);
  });

  test("global options may follow the command", async () => {
    const run = await runCli(["hosts", "--format", "json", "-C", fixture]);
    expect(JSON.parse(run.stdout)).toHaveLength(2);
  });
});
