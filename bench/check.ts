// `panther check` and `panther ci` as a user runs them: the real launcher (bin/panther.js) in a
// child process, wall-clock time including Node and tsx start-up. Prints one JSON row per case.
// Usage: tsx bench/check.ts

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tempProject } from "../test/helpers/temp-project.ts";

const repo = fileURLToPath(new URL("..", import.meta.url));
const bin = path.join(repo, "bin", "panther.js");
const fixture = path.join(repo, "test", "fixtures", "check-project");

interface Row {
  readonly case: string;
  readonly ms: number;
  /** The check's own step timings (from --format json), when it is a check. */
  readonly steps?: { rules: number; typecheck: number; hosts: number };
  readonly hosts?: string[];
}

function panther(args: readonly string[], cwd: string): { ms: number; stdout: string } {
  const start = performance.now();
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "ignore"] });
  } catch (error) {
    throw new Error(`panther ${args.join(" ")} failed:\n${(error as { stdout?: string }).stdout ?? ""}`);
  }
  return { ms: Math.round(performance.now() - start), stdout };
}

function checkRow(name: string, args: readonly string[], cwd: string): Row {
  const { ms, stdout } = panther(["check", "--format", "json", ...args], cwd);
  const report = JSON.parse(stdout) as { ok: boolean; timings: Row["steps"]; hosts: { host: string }[] };
  if (!report.ok) throw new Error(`${name}: the check failed:\n${stdout}`);
  return { case: name, ms, steps: report.timings, hosts: report.hosts.map((h) => h.host) };
}

/** Best of `runs`, each after `prepare` (so every run sees a fresh change when it makes one). */
function best(runs: number, run: (i: number) => Row): Row {
  return Array.from({ length: runs }, (_, i) => run(i)).sort((a, b) => a.ms - b.ms)[0]!;
}

const project = tempProject(fixture, { git: true });
const rows: Row[] = [];
try {
  rows.push(checkRow("check, cold (no .tsbuildinfo)", [], project.root));
  rows.push(best(3, () => checkRow("check, unchanged tree", [], project.root)));
  const module = "modules/web.ts";
  const original = project.read(module);
  rows.push(
    best(3, (i) => {
      project.write(module, `${original}// touched ${i}\n`);
      return checkRow("check, one module touched", [], project.root);
    }),
  );
  rows.push(
    best(3, (i) => {
      project.write(module, `${original}// staged ${i}\n`);
      project.git("add", module);
      return checkRow("check --staged, one module staged", ["--staged"], project.root);
    }),
  );
  rows.push(best(3, () => checkRow("check --no-typecheck, one module", ["--no-typecheck"], project.root)));
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "panther-bench-")), "report.json");
  rows.push(best(3, () => ({ case: "ci, fixture fleet (3 hosts)", ...panther(["ci", "--no-write", "--report", report], project.root), stdout: undefined })));
  rows.push(best(3, () => ({ case: "ci, this repository's fleet", ...panther(["-C", repo, "ci", "--no-write", "--report", report], repo), stdout: undefined })));
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
} finally {
  project.remove();
}
for (const row of rows) console.log(JSON.stringify(row));
