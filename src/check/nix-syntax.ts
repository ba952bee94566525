// Parsing emitted Nix for `panther check`: with `nix-instantiate --parse` when it is installed
// (the real grammar), else in process with panther's lezer-based checker (an approximation,
// see src/emit/nix-parse.ts).

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EmittedFile } from "../compile/project.ts";
import { checkNixSyntax } from "../emit/nix-parse.ts";
import type { NixParser, NixSyntaxProblem } from "./hosts.ts";

export const parseWithLezer: NixParser = (files) =>
  files.flatMap((f): NixSyntaxProblem[] => {
    const result = checkNixSyntax(f.text);
    return result.ok ? [] : [{ path: f.path, line: result.line, column: result.column, message: result.message }];
  });

export function nixInstantiateAvailable(): boolean {
  return spawnSync("nix-instantiate", ["--version"], { stdio: "ignore" }).status === 0;
}

/**
 * One `nix-instantiate --parse` over all files (written to a temporary folder). Nix stops at the
 * first error, so at most one problem is reported per run.
 */
export const parseWithNix: NixParser = (files) => {
  if (files.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "panther-check-"));
  try {
    const paths = files.map((f) => {
      const target = path.join(dir, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.text);
      return target;
    });
    const result = spawnSync("nix-instantiate", ["--parse", ...paths], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NIX_PATH: "" } });
    if (result.status === 0) return [];
    const where = /at (\/[^\s:]+):(\d+):(\d+)/.exec(result.stderr);
    const message = result.stderr.split("\n").find((l) => l.startsWith("error:"))?.replace(/^error:\s*/, "") ?? result.stderr.trim();
    const file = where ? path.relative(dir, where[1]!).split(path.sep).join("/") : files[0]!.path;
    return [{ path: file, line: where ? Number(where[2]) : undefined, column: where ? Number(where[3]) : undefined, message }];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
