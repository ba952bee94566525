// `panther check` and `panther hooks` on a temporary git repository holding the check-project
// fixture (three hosts; alpha alone imports modules/web.ts), with the real compiler.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { hookMarker } from "../../src/cli/commands/hooks.ts";
import { runCli } from "../helpers/cli.ts";
import { tempProject, type TempProject } from "../helpers/temp-project.ts";

const fixture = path.resolve(import.meta.dirname, "../fixtures/check-project");
let project: TempProject;
let cache: string;

beforeAll(() => {
  cache = fs.mkdtempSync(path.join(os.tmpdir(), "panther-check-cache-"));
});
afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));
beforeEach(() => {
  project = tempProject(fixture, { git: true, cache });
});
afterEach(() => project.remove());

const check = (...args: string[]) => runCli(["check", ...args], { cwd: project.root });
/** modules/web.ts with its `port` option's description removed. */
const undescribed = () => project.read("modules/web.ts").replace(`, description: "Port to open."`, "");

interface Report {
  ok: boolean;
  typecheckReused: boolean;
  typecheckedFiles: number;
  typechecker: string | null;
  diagnostics: { code: string; file: string; line: number; column: number; message: string; hint?: string; host?: string }[];
  hosts: { host: string; ok: boolean; reason: string }[];
  changed: string[] | null;
}
const json = async (...args: string[]) => {
  const run = await check("--format", "json", ...args);
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
};

describe("panther check", () => {
  test("type checker: an unchanged tree passes; a staged type error fails with its TS code; the fixed working tree passes", async () => {
    // One project for the three runs, so the second and third reuse the .tsbuildinfo.
    const clean = await check();
    expect(clean.stdout).toMatch(/✓ check passed \(rules \d+ ms; types \d+ ms \(\d+ files\); no host affected\)/);
    expect(clean.code).toBe(0);
    const original = project.read("modules/base.ts");
    project.write("modules/base.ts", original.replace('default: "UTC"', "default: 1"));
    project.git("add", "modules/base.ts");
    project.write("modules/base.ts", original);
    const staged = await check("--staged", "--no-eval", "--format", "compact");
    expect(staged.stdout).toMatch(/^modules\/base\.ts\(6,\d+\): error TS2322: Type 'number' is not assignable to type 'string'\.\n$/);
    expect(staged.code).toBe(1);
    expect((await check("--no-eval")).code).toBe(0);
  }, 180_000);

  test("type checker reuse: an unchanged tree reuses the last findings; a change to an imported file outside the tsconfig's include re-runs it", async () => {
    const first = await json("--no-eval");
    expect([first.code, first.report.typecheckReused]).toEqual([0, false]);
    const second = await json("--no-eval");
    expect([second.code, second.report.typecheckReused, second.report.typecheckedFiles]).toEqual([0, true, first.report.typecheckedFiles]);

    // lib/ is not in the fixture's include patterns: the type checker reads it only through the import.
    project.write("lib/port.ts", "export const webPort = 80;\n");
    project.write("modules/web.ts", project.read("modules/web.ts").replace('import { defineModule', 'import { webPort } from "../lib/port.ts";\nimport { defineModule').replace("default: 80,", "default: webPort,"));
    const imported = await json("--no-eval");
    expect([imported.code, imported.report.typecheckReused, imported.report.diagnostics]).toEqual([0, false, []]);
    expect((await json("--no-eval")).report.typecheckReused).toBe(true);

    project.write("lib/port.ts", 'export const webPort = "80";\n');
    const broken = await json("--no-eval");
    expect(broken.code).toBe(1);
    expect(broken.report.typecheckReused).toBe(false);
    expect(broken.report.diagnostics).toEqual([expect.objectContaining({ code: "TS2322", file: "modules/web.ts", line: 10, column: expect.any(Number) })]);
    // Unchanged again: the same finding, without building the program.
    const replayed = await json("--no-eval");
    expect([replayed.code, replayed.report.typecheckReused, replayed.report.diagnostics]).toEqual([1, true, broken.report.diagnostics]);
  }, 180_000);

  test("type checker reuse with --staged: the staged error is reported on every run; the working tree is checked anew", async () => {
    const original = project.read("modules/base.ts");
    project.write("modules/base.ts", original.replace('default: "UTC"', "default: 1"));
    project.git("add", "modules/base.ts");
    project.write("modules/base.ts", original);
    const staged = await json("--staged", "--no-eval");
    expect(staged.code).toBe(1);
    expect(staged.report.typecheckReused).toBe(false);
    expect(staged.report.diagnostics).toEqual([expect.objectContaining({ code: "TS2322", file: "modules/base.ts", line: 6 })]);
    const again = await json("--staged", "--no-eval");
    expect([again.code, again.report.typecheckReused, again.report.diagnostics]).toEqual([1, true, staged.report.diagnostics]);
    const tree = await json("--no-eval");
    expect([tree.code, tree.report.typecheckReused, tree.report.diagnostics]).toEqual([0, false, []]);
    // Staging the fix: the index now equals the tree the last run checked.
    project.git("add", "modules/base.ts");
    const fixed = await json("--staged", "--no-eval");
    expect([fixed.code, fixed.report.typecheckReused, fixed.report.diagnostics]).toEqual([0, true, []]);
  }, 180_000);

  test("a wrong definition is a type error: at its line in an object module, at the function in a function module", async () => {
    project.write(
      "modules/typo.ts",
      ['import { defineModule } from "panther";', "", "export default defineModule({", "  services: {", '    openssh: { enable: "yes" },', "  },", "});", ""].join("\n"),
    );
    project.write(
      "modules/computed.ts",
      ['import { defineModule } from "panther";', "", "export default defineModule(({ config }) => {", "  const name = config.networking.hostName;", "  return { services: { openssh: { ports: [name] } } };", "});", ""].join("\n"),
    );
    const { code, report } = await json("--no-eval");
    expect(code).toBe(1);
    expect(report.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ["TS2345", "modules/computed.ts", 3],
      ["TS2322", "modules/typo.ts", 5],
    ]);
    expect(report.diagnostics[0]!.message).toMatch(/Types of property 'ports' are incompatible/);
    expect(report.diagnostics[1]!.message).toMatch(/Type 'string' is not assignable to type '.*DefinedValue<boolean>/);
  }, 180_000);

  test("--checker auto uses an installed tsgo (here a stand-in printing its output format) and reuses its findings; --staged with unstaged edits uses the compiler API", async () => {
    const fake = path.join(project.root, "node_modules", "@typescript", "native-preview");
    fs.mkdirSync(path.join(fake, "bin"), { recursive: true });
    fs.writeFileSync(path.join(fake, "package.json"), JSON.stringify({ name: "@typescript/native-preview", version: "7.0.0-test", bin: { tsgo: "./bin/tsgo.cjs" } }));
    const runs = path.join(project.root, "tsgo-runs.log");
    fs.writeFileSync(
      path.join(fake, "bin", "tsgo.cjs"),
      [
        `require("node:fs").appendFileSync(${JSON.stringify(runs)}, process.argv.slice(2).join(" ") + "\\n");`,
        `process.stdout.write("modules/base.ts(6,5): error TS2322: Type 'number' is not assignable to type 'string'.\\n  The expected type comes from here.\\n" + ${JSON.stringify(path.join(project.root, "modules", "base.ts"))} + "\\n");`,
        "process.exitCode = 2;",
      ].join("\n"),
    );
    // Old enough for its mtime to be trusted: tsgo's files are stamped after it ran.
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(project.root, "modules", "base.ts"), past, past);
    const first = await json("--no-eval");
    expect([first.code, first.report.typechecker, first.report.typecheckReused, first.report.typecheckedFiles]).toEqual([1, "tsgo", false, 1]);
    expect(first.report.diagnostics).toEqual([
      expect.objectContaining({ code: "TS2322", file: "modules/base.ts", line: 6, column: 5, message: "Type 'number' is not assignable to type 'string'.\n  The expected type comes from here." }),
    ]);
    expect(fs.readFileSync(runs, "utf8")).toMatch(/^-p \S+ --noEmit --incremental --tsBuildInfoFile \S+check\.tsgo\.tsbuildinfo --pretty false --listFiles\n$/);
    const second = await json("--no-eval");
    expect([second.code, second.report.typechecker, second.report.typecheckReused, second.report.diagnostics]).toEqual([1, "tsgo", true, first.report.diagnostics]);
    project.write("modules/base.ts", `${project.read("modules/base.ts")}// touched\n`);
    expect((await json("--no-eval")).report.typecheckReused).toBe(false);
    expect(fs.readFileSync(runs, "utf8").split("\n").length - 1).toBe(2);
    // The index differs from the disk: tsgo would read the disk, so the compiler API checks the index.
    project.git("add", "modules/base.ts");
    project.write("modules/base.ts", `${project.read("modules/base.ts")}// unstaged\n`);
    const staged = await json("--staged", "--no-eval");
    expect([staged.code, staged.report.typechecker, staged.report.diagnostics]).toEqual([0, "tsc", []]);
    expect((await json("--no-eval", "--checker", "tsc")).report.typechecker).toBe("tsc");
  }, 180_000);

  test("--checker tsgo without @typescript/native-preview is a usage error", async () => {
    const run = await check("--checker", "tsgo");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("@typescript/native-preview is not installed");
  });

  test("text: a code frame, the rule code and the fix hint; exit 1", async () => {
    project.write("modules/web.ts", undescribed());
    const run = await check("--no-typecheck");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        "error[option-description]: An option without a description.",
        " --> modules/web.ts:9:15",
        "  |",
        "9 |         port: mkOption({ type: types.port, default: 80 }),",
        "  |               ^^^^^^^^",
        "hint: Add `description:",
      ].join("\n"),
    );
    expect(run.stdout).toMatch(/✗ check failed: 1 error \(rules \d+ ms; hosts ✓ alpha in \d+ ms\)/);
  });

  test("compact: one `file(line,col): error CODE: message` line per finding", async () => {
    project.write("modules/web.ts", undescribed());
    const run = await check("--no-typecheck", "--no-eval", "--format", "compact");
    expect(run).toEqual({ code: 1, stdout: "modules/web.ts(9,15): error option-description: An option without a description.\n", stderr: "" });
  });

  test("json: the findings, the changed files and the hosts checked with the reason", async () => {
    project.write("modules/web.ts", undescribed());
    const { code, report } = await json("--no-typecheck");
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.changed).toEqual(["modules/web.ts"]);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: "option-description", file: "modules/web.ts", line: 9, column: 15, severity: "error", hint: expect.stringContaining("description") }),
    ]);
    expect(report.hosts).toEqual([expect.objectContaining({ host: "alpha", ok: true, reason: "modules/web.ts" })]);
  });

  test("a change to a shared module evaluates every host; --all does even without changes", async () => {
    project.write("modules/base.ts", `${project.read("modules/base.ts")}// touched\n`);
    expect((await json("--no-typecheck")).report.hosts.map((h) => h.host)).toEqual(["alpha", "beta", "gamma"]);
    project.git("checkout", "modules/base.ts");
    expect((await json("--no-typecheck", "--all")).report.hosts.map((h) => [h.host, h.reason])).toEqual([
      ["alpha", "--all"],
      ["beta", "--all"],
      ["gamma", "--all"],
    ]);
  });

  test("an evaluation error of an affected host is a diagnostic with the host", async () => {
    project.write("hosts/beta/default.ts", project.read("hosts/beta/default.ts").replace('timeZone: "Europe/Paris"', "timeZone: 42 as unknown as string"));
    const { code, report } = await json("--no-typecheck");
    expect(code).toBe(1);
    expect(report.hosts.map((h) => [h.host, h.ok])).toEqual([["beta", false]]);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: "type-mismatch", file: "hosts/beta/default.ts", host: "beta" })]);
    expect(report.diagnostics[0]!.message).toContain("`demo.timeZone' is not of type `string'");
  });

  test("--staged checks the index, not the working tree", async () => {
    // Staged: the broken module. Working tree: fixed again.
    const original = project.read("modules/web.ts");
    project.write("modules/web.ts", undescribed());
    project.git("add", "modules/web.ts");
    project.write("modules/web.ts", original);
    const staged = await json("--staged", "--no-typecheck");
    expect(staged.code).toBe(1);
    expect(staged.report.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["option-description", "modules/web.ts", 9]]);
    expect(staged.report.changed).toEqual(["modules/web.ts"]);
    expect(staged.report.hosts.map((h) => h.host)).toEqual(["alpha"]);
    expect((await check("--no-typecheck")).code).toBe(0);
  });

  test("--staged evaluates hosts from the index: an unstaged fix does not hide a staged error", async () => {
    const original = project.read("hosts/alpha/default.ts");
    project.write("hosts/alpha/default.ts", original.replace("port: 8080", "port: 99999"));
    project.git("add", "hosts/alpha/default.ts");
    project.write("hosts/alpha/default.ts", original);
    const staged = await json("--staged", "--no-typecheck");
    expect(staged.report.hosts.map((h) => [h.host, h.ok])).toEqual([["alpha", false]]);
    expect(staged.report.diagnostics[0]).toMatchObject({ code: "type-mismatch", file: "hosts/alpha/default.ts", host: "alpha" });
  });

  test("--staged outside a git repository is a usage error", async () => {
    fs.rmSync(path.join(project.root, ".git"), { recursive: true });
    const run = await check("--staged");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[usage]: --staged checks the git index");
  });
});

describe("panther hooks", () => {
  const hook = () => path.join(project.root, ".git", "hooks", "pre-commit");
  const hooks = (...args: string[]) => runCli(["hooks", ...args], { cwd: project.root });

  test("install writes an executable pre-commit hook that runs check --staged", async () => {
    fs.rmSync(hook(), { force: true });
    const run = await hooks("install");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("installed");
    const text = fs.readFileSync(hook(), "utf8");
    expect(text).toContain(hookMarker);
    expect(text).toContain("exec npx --no-install panther check --staged\n");
    expect(fs.statSync(hook()).mode & 0o111).toBe(0o111);
    expect((await hooks("install")).stdout).toContain("updated");
  });

  test("a foreign hook is refused without --force, and backed up with it", async () => {
    fs.mkdirSync(path.dirname(hook()), { recursive: true });
    fs.writeFileSync(hook(), "#!/bin/sh\nmy-linter\n", { mode: 0o755 });
    const refused = await hooks("install");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("error[hook-exists]");
    expect(fs.readFileSync(hook(), "utf8")).toBe("#!/bin/sh\nmy-linter\n");
    expect((await hooks("uninstall")).code).toBe(1);
    const forced = await hooks("install", "--force");
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(`${hook()}.panther-backup`, "utf8")).toBe("#!/bin/sh\nmy-linter\n");
    expect(fs.readFileSync(hook(), "utf8")).toContain(hookMarker);
    expect((await hooks("uninstall")).code).toBe(0);
    expect(fs.existsSync(hook())).toBe(false);
  });

  test("in a project below the repository's top folder, the hook changes into it first", async () => {
    const top = tempProject(fixture, { git: false });
    try {
      const sub = path.join(top.root, "fleet");
      fs.mkdirSync(sub);
      for (const entry of ["flake.ts", "hosts", "modules"]) fs.renameSync(path.join(top.root, entry), path.join(sub, entry));
      top.git("init", "-q");
      const run = await runCli(["hooks", "install"], { cwd: sub });
      expect(run.code).toBe(0);
      expect(fs.readFileSync(path.join(top.root, ".git", "hooks", "pre-commit"), "utf8")).toContain("cd fleet || exit 1\nexec npx");
    } finally {
      top.remove();
    }
  });
});
