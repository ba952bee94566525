// Nix 2.8 on the bench workload: nixpkgs `lib.evalModules` on the same modules (bench/nix-workload.ts),
// timed with `nix-instantiate --eval --strict`, and its result compared with panther's.
// Usage: tsx bench/nix.ts <nixpkgs lib directory> <n>... ; prints one JSON line per n.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evalModules } from "panther";
import { nixWorkload } from "./nix-workload.ts";
import { workload } from "./workload.ts";

const [libDir, ...counts] = process.argv.slice(2);
if (!libDir || !existsSync(join(libDir, "modules.nix"))) throw new Error(`not a nixpkgs lib directory: ${libDir}`);

/** GNU time gives the child's peak RSS; without it only time is reported. */
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface NixRun { ms: number; peakRssMiB?: number; stdout: string }

function run(file: string, json: boolean): NixRun {
  const args = ["--eval", "--strict", ...(json ? ["--json"] : []), file];
  const [cmd, argv] = gnuTime ? [gnuTime, ["-f", "%M", "nix-instantiate", ...args]] : ["nix-instantiate", args];
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`nix-instantiate failed:\n${result.stderr}`);
  const kib = gnuTime ? Number(result.stderr.trim().split("\n").at(-1)) : NaN;
  return { ms, peakRssMiB: Number.isFinite(kib) ? Math.round(kib / 1024) : undefined, stdout: result.stdout };
}

const dir = mkdtempSync(join(tmpdir(), "panther-bench-nix-"));
try {
  for (const n of counts.map(Number)) {
    const file = join(dir, `workload-${n}.nix`);
    const source = nixWorkload(n, libDir);
    writeFileSync(file, source);
    // Best of three, as for panther's rows; then once more with --json to compare the results.
    const best = [0, 1, 2].map(() => run(file, false)).sort((a, b) => a.ms - b.ms)[0]!;
    const nixJson = run(file, true).stdout.trim();
    const pantherJson = JSON.stringify(evalModules({ modules: workload(n) }).config);
    console.log(
      JSON.stringify({
        n,
        ms: Math.round(best.ms),
        peakRssMiB: best.peakRssMiB,
        sourceBytes: Buffer.byteLength(source),
        sameResult: nixJson === pantherJson,
      }),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
