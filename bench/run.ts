// `npm run bench`: each workload in a fresh process (so peak memory is its own), best of 3 runs.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const measure = fileURLToPath(new URL("./measure.ts", import.meta.url));

interface Row { kind: string; n: number; ms: number; cpuMs?: number; peakRssMiB: number; heapGrowthMiB: number }

function best(kind: string, n: number): Row {
  const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(tsx, [measure, kind, String(n)], { encoding: "utf8" })) as Row);
  return runs.sort((a, b) => a.ms - b.ms)[0]!;
}

const rows = [100, 1000, 5000].map((n) => best("modules", n));
const floor = best("floor", 5000);
const extra = [floor, best("modules-warm", 5000), best("upstream-load", 0), best("host", 0), best("diff", 1000)];
// Main-thread CPU time: the part of the time that does not depend on what else the machine runs.
const line = (label: string, r: Row) =>
  `${label.padEnd(30)}${String(r.ms).padStart(9)}${String(r.cpuMs ?? "-").padStart(11)}${String(r.peakRssMiB).padStart(17)}${String(r.heapGrowthMiB).padStart(20)}`;
console.log("workload                      time (ms)   CPU (ms)   peak RSS (MiB)   heap growth (MiB)");
for (const r of rows) console.log(line(`${r.kind} N=${r.n}`, r));
const labels: Record<string, (n: number) => string> = {
  floor: (n) => `floor N=${n} (bench/floor.ts)`,
  "modules-warm": (n) => `modules N=${n}, warm`,
  "upstream-load": () => "load NixOS option data",
  host: () => "host hetzner-vps, cold",
  diff: (n) => `option records + diff N=${n}`,
};
for (const r of extra) console.log(line(labels[r.kind]!(r.n), r));
const [, mid, big] = rows;
console.log(`growth 1000 → 5000: ×${(big!.ms / mid!.ms).toFixed(2)} time for ×5 modules`);
// The floor ran in the same minute: the ratio says how much panther's features cost, whatever the machine's speed.
const cpuRatio = big!.cpuMs !== undefined && floor.cpuMs !== undefined ? `, ×${(big!.cpuMs / floor.cpuMs).toFixed(2)} CPU` : "";
console.log(`N=5000 against the floor: ×${(big!.ms / floor.ms).toFixed(2)} time${cpuRatio}`);

// Nix 2.8 on the same modules in the same minutes (bench/nix.ts): the machine's speed varies from
// minute to minute, the ratio much less. Needs nix-instantiate and a nixpkgs lib directory.
const nixLib = process.env.PANTHER_NIXPKGS_LIB;
if (!nixLib) {
  console.log("\nNix comparison skipped: set PANTHER_NIXPKGS_LIB to a nixpkgs lib directory (docs/benchmarks.md).");
} else {
  const nixRows = execFileSync(tsx, [fileURLToPath(new URL("./nix.ts", import.meta.url)), nixLib, "1000", "5000"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { n: number; ms: number; peakRssMiB?: number; sameResult: boolean });
  console.log("\nNix 2.8 lib.evalModules, same modules   time (ms)   peak RSS (MiB)   panther faster   same config");
  for (const r of nixRows) {
    const panther = rows.find((p) => p.n === r.n)!;
    console.log(
      `${`nix-instantiate --eval --strict N=${r.n}`.padEnd(38)}${String(r.ms).padStart(11)}${String(r.peakRssMiB ?? "-").padStart(17)}${`×${(r.ms / panther.ms).toFixed(1)}`.padStart(17)}${(r.sameResult ? "yes" : "NO").padStart(14)}`,
    );
  }
}

// `panther check` and `panther ci` through the launcher, wall clock (bench/check.ts).
const checkRows = execFileSync(tsx, [fileURLToPath(new URL("./check.ts", import.meta.url))], { encoding: "utf8" })
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as { case: string; ms: number; steps?: { rules: number; typecheck: number; hosts: number }; hosts?: string[] });
console.log("\ncommand                               wall (ms)   rules   types   hosts (ms)   hosts evaluated");
for (const r of checkRows) {
  const steps = r.steps ? `${String(r.steps.rules).padStart(8)}${String(r.steps.typecheck).padStart(8)}${String(r.steps.hosts).padStart(13)}` : " ".repeat(29);
  console.log(`${r.case.padEnd(38)}${String(r.ms).padStart(9)}${steps}   ${r.hosts ? r.hosts.join(", ") || "none" : ""}`);
}
