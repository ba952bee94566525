// One measurement in a fresh process: evaluate and force a workload, print time and memory as JSON.
// Usage: tsx bench/measure.ts <kind> <n>

import { evalModules } from "panther";
import { workload } from "./workload.ts";

const [kind = "modules", nArg = "1000"] = process.argv.slice(2);
const n = Number(nArg);
if (kind !== "modules") throw new Error(`unknown workload ${kind}`);

const modules = workload(n);
const heapBefore = process.memoryUsage().heapUsed;
const start = process.hrtime.bigint();
const json = JSON.stringify(evalModules({ modules }).config);
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
