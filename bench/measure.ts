// One measurement in a fresh process: evaluate and force a workload, print time and memory as JSON.
// Usage: tsx bench/measure.ts <kind> <n>

import { evalModules } from "panther";
import { workload } from "./workload.ts";
import flake from "../flake.ts";
import { compileHost } from "../src/compile/index.ts";
import { loadUpstreamData } from "../src/options/load.ts";
import { optionRecords } from "../src/history/options.ts";
import { diffSnapshots } from "../src/history/diff.ts";

const [kind = "modules", nArg = "1000"] = process.argv.slice(2);
const n = Number(nArg);
const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** The workloads: synthetic modules; loading the upstream option data; compiling a real host. */
const workloads: Record<string, () => () => string> = {
  modules: () => {
    const modules = workload(n);
    return () => JSON.stringify(evalModules({ modules }).config);
  },
  "upstream-load": () => () => String(loadUpstreamData("nixos").optionCount),
  host: () => () => compileHost({ root, flake, flakeFile: `${root}/flake.ts` }, "hetzner-vps").files[0]!.text,
  // What history and diff add to a build: option records of an evaluated workload, then a diff
  // against a copy with one value changed (evaluation itself is done before timing).
  diff: () => {
    const { config } = evalModules({ modules: workload(n) });
    JSON.stringify(config);
    return () => {
      const options = optionRecords(config, root);
      const changed = options.map((r, i) => (i === 0 ? { ...r, value: "changed" } : r));
      const diff = diffSnapshots({ options, files: new Map() }, { options: changed, files: new Map() });
      return JSON.stringify(diff.options);
    };
  },
};
const prepare = workloads[kind];
if (!prepare) throw new Error(`unknown workload ${kind}`);
const run = prepare();
const heapBefore = process.memoryUsage().heapUsed;
const start = process.hrtime.bigint();
const json = run();
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const heapAfter = process.memoryUsage().heapUsed;
console.log(
  JSON.stringify({
    kind,
    n,
    ms: Math.round(ms * 10) / 10,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapGrowthMiB: Math.round((heapAfter - heapBefore) / 1048576),
    outputBytes: json.length,
  }),
);
