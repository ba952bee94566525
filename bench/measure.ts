// One measurement in a fresh process: evaluate and force a workload, print time and memory as JSON.
// Usage: tsx bench/measure.ts <kind> <n>

import { readFileSync } from "node:fs";

// Each workload imports only what it uses, so that a workload's heap (and the garbage collector's
// work on it) holds nothing another workload needs: evaluating modules does not load the compiler.

const [kind = "modules", nArg = "1000"] = process.argv.slice(2);
const n = Number(nArg);
const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** The workloads: synthetic modules; loading the upstream option data; compiling a real host. */
const workloads: Record<string, () => Promise<() => string>> = {
  modules: async () => {
    const { evalModules } = await import("panther");
    const { workload } = await import("./workload.ts");
    const modules = workload(n);
    return () => JSON.stringify(evalModules({ modules }).config);
  },
  // The second evaluation in a process, as for the second host of `panther build --all`: the same
  // shape of modules was evaluated once before (V8 has compiled panther's code and knows the
  // modules' shapes), then a new set of modules is evaluated and forced.
  "modules-warm": async () => {
    const { evalModules } = await import("panther");
    const { workload } = await import("./workload.ts");
    JSON.stringify(evalModules({ modules: workload(n) }).config);
    const modules = workload(n);
    return () => JSON.stringify(evalModules({ modules }).config);
  },
  // The same merge with nothing else (bench/floor.ts): the machine's floor for the workload.
  floor: async () => {
    const { floorEvaluation } = await import("./floor.ts");
    const { workload } = await import("./workload.ts");
    const modules = workload(n);
    return () => floorEvaluation(modules);
  },
  "upstream-load": async () => {
    const { loadUpstreamData } = await import("../src/options/load.ts");
    return () => String(loadUpstreamData("nixos").optionCount);
  },
  host: async () => {
    const { default: flake } = await import("../flake.ts");
    const { compileHost } = await import("../src/compile/index.ts");
    return () => compileHost({ root, flake, flakeFile: `${root}/flake.ts` }, "hetzner-vps").files[0]!.text;
  },
  // What history and diff add to a build: option records of an evaluated workload, then a diff
  // against a copy with one value changed (evaluation itself is done before timing).
  diff: async () => {
    const { evalModules } = await import("panther");
    const { workload } = await import("./workload.ts");
    const { optionRecords } = await import("../src/history/options.ts");
    const { diffSnapshots } = await import("../src/history/diff.ts");
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
const run = await prepare();

/**
 * CPU time of this (the main) thread in milliseconds, from Linux's scheduler statistics, or
 * undefined elsewhere. Unlike wall time it does not count the time the thread waited for a CPU,
 * so it varies much less on a shared machine; the garbage collector's and the JIT compiler's
 * helper threads are not in it (their work shows in wall time only when the main thread waits).
 */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e6;
  } catch {
    return undefined;
  }
}

const heapBefore = process.memoryUsage().heapUsed;
const cpuBefore = threadCpuMs();
const start = process.hrtime.bigint();
const json = run();
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpuAfter = threadCpuMs();
const heapAfter = process.memoryUsage().heapUsed;
console.log(
  JSON.stringify({
    kind,
    n,
    ms: Math.round(ms * 10) / 10,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : Math.round((cpuAfter - cpuBefore) * 10) / 10,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapGrowthMiB: Math.round((heapAfter - heapBefore) / 1048576),
    outputBytes: json.length,
  }),
);
