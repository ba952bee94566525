// The optional faster type checker: tsgo from `@typescript/native-preview` (TypeScript's native
// port), used when the project has it installed. It runs as a child process over the project's
// tsconfig.json and reads the disk, so it serves only views whose content is the disk's.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { CheckDiagnostic } from "./diagnostic.ts";

export interface Tsgo {
  /** Its launcher script (`bin/tsgo`), run with this Node. */
  readonly bin: string;
  readonly version: string;
}

/** tsgo as the project would resolve `@typescript/native-preview`, or undefined. */
export function findTsgo(root: string): Tsgo | undefined {
  try {
    const manifestFile = createRequire(path.join(root, "package.json")).resolve("@typescript/native-preview/package.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { version?: string; bin?: Record<string, string> };
    const bin = manifest.bin?.tsgo;
    if (!bin || !manifest.version) return undefined;
    const file = path.resolve(path.dirname(manifestFile), bin);
    return fs.existsSync(file) ? { bin: file, version: manifest.version } : undefined;
  } catch {
    return undefined;
  }
}

export interface TsgoRun {
  readonly diagnostics: CheckDiagnostic[];
  /** Absolute paths of the program's files (`--listFiles`). */
  readonly files: string[];
}

/** `tsgo -p <root> --noEmit --incremental --pretty false --listFiles`, its output parsed. */
export function runTsgo(tsgo: Tsgo, root: string, buildInfo: string): TsgoRun {
  const args = [tsgo.bin, "-p", root, "--noEmit", "--incremental", "--tsBuildInfoFile", buildInfo, "--pretty", "false", "--listFiles"];
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  // 0: no errors; 1 and 2: errors reported (with or without output). Anything else is tsgo failing.
  if (run.error || (run.status !== 0 && run.status !== 1 && run.status !== 2)) {
    throw new Error(`tsgo failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}`);
  }
  return parseTsgoOutput(run.stdout, root);
}

const located = /^(.+)\((\d+),(\d+)\): (error|warning) TS(\d+): (.*)$/;
const global = /^(error|warning) TS(\d+): (.*)$/;

/** `file(line,col): error TSn: message` lines (continuations indented), and absolute file paths. */
export function parseTsgoOutput(output: string, root: string): TsgoRun {
  const diagnostics: CheckDiagnostic[] = [];
  const files: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const at = located.exec(line);
    const bare = at ? undefined : global.exec(line);
    if (at) {
      const file = path.relative(root, path.resolve(root, at[1]!)).split(path.sep).join("/");
      diagnostics.push({ code: `TS${at[5]}`, severity: at[4] as "error" | "warning", file, line: Number(at[2]), column: Number(at[3]), message: at[6]! });
    } else if (bare) {
      diagnostics.push({ code: `TS${bare[2]}`, severity: bare[1] as "error" | "warning", file: "tsconfig.json", message: bare[3]! });
    } else if (/^\s/.test(line) && line.trim() !== "" && diagnostics.length > 0) {
      const last = diagnostics[diagnostics.length - 1]!;
      diagnostics[diagnostics.length - 1] = { ...last, message: `${last.message}\n${line}` };
    } else if (path.isAbsolute(line)) files.push(line);
  }
  return { diagnostics, files };
}
