// wrong-vendor: hardware settings that contradict the host's facts (Intel GPU parameters on an AMD
// laptop, NVIDIA settings without an NVIDIA GPU, PRIME bus ids that are not the GPUs' addresses,
// the other vendor's microcode or KVM module). Each finding names the definitions and the facts file.
// Hosts without facts get no findings: there is nothing to compare with.

import type { RelatedLocation } from "../../core/errors.ts";
import { definedOptions } from "../../core/eval.ts";
import { isPackage } from "../../core/package.ts";
import { showOption } from "../../core/errors.ts";
import type { GpuVendor, HostFacts } from "../../facts/types.ts";
import { registerHostChecks, type Finding, type HostCheck } from "./index.ts";
import { definitionSites, siteLocations, type Site } from "./sites.ts";

const vendorNames: Record<GpuVendor, string> = { amd: "AMD", intel: "Intel", nvidia: "NVIDIA", other: "other" };

function factsLocation(facts: HostFacts, detail: string): RelatedLocation {
  return { file: facts.source, role: "facts", detail };
}

function gpuSummary(facts: HostFacts): string {
  return facts.gpus.length ? facts.gpus.map((g) => `${vendorNames[g.vendor]} ${g.pciId} at ${g.busId}`).join(", ") : "no GPU";
}

/** Definition sites of `path` whose value is true / a non-empty value / a list holding a matching item. */
function sitesWhere(config: unknown, path: readonly string[], test: (value: unknown) => boolean): Site[] {
  return definitionSites(config, path).filter((s) => test(s.value));
}

const listHas = (match: (item: unknown) => boolean) => (value: unknown) => Array.isArray(value) && value.some(match);
const isTrue = (value: unknown) => value === true;

interface Rule {
  readonly path: readonly string[];
  readonly test: (value: unknown) => boolean;
  /** What the definition asks for, e.g. "i915 kernel parameters". */
  readonly what: string;
}

function finding(rule: Rule, sites: readonly Site[], message: string, facts: HostFacts, factDetail: string, hint?: string): Finding {
  return {
    severity: "error",
    code: "wrong-vendor",
    message,
    optionPath: rule.path,
    locations: [...siteLocations(sites, "definition", rule.what), factsLocation(facts, factDetail)],
    ...(hint ? { hint } : {}),
  };
}

const kernelModuleLists = [["boot", "kernelModules"], ["boot", "initrd", "kernelModules"], ["boot", "initrd", "availableKernelModules"]] as const;
const intelVaapi = new Set(["intel-media-driver", "intel-vaapi-driver", "vaapiIntel", "intel-media-sdk", "vpl-gpu-rt"]);

/** Settings that only make sense with a GPU of `vendor`. */
function gpuRules(vendor: GpuVendor): Rule[] {
  switch (vendor) {
    case "intel":
      return [
        { path: ["boot", "kernelParams"], test: listHas((p) => typeof p === "string" && p.startsWith("i915.")), what: "i915 kernel parameters" },
        ...kernelModuleLists.map((path) => ({ path, test: listHas((m) => m === "i915"), what: "the i915 module" })),
        {
          path: ["hardware", "graphics", "extraPackages"],
          test: listHas((p) => isPackage(p) && intelVaapi.has(p.attrPath.at(-1)!)),
          what: "an Intel VA-API driver",
        },
        { path: ["environment", "sessionVariables", "LIBVA_DRIVER_NAME"], test: (v) => v === "iHD" || v === "i965", what: "an Intel VA-API driver" },
      ];
    case "nvidia":
      return [
        { path: ["services", "xserver", "videoDrivers"], test: listHas((d) => d === "nvidia"), what: "the NVIDIA X driver" },
        ...kernelModuleLists.map((path) => ({ path, test: listHas((m) => typeof m === "string" && /^nvidia(_drm|_modeset|_uvm)?$/.test(m)), what: "the nvidia module" })),
      ];
    case "amd":
      return [
        ...kernelModuleLists.map((path) => ({ path, test: listHas((m) => m === "amdgpu"), what: "the amdgpu module" })),
        { path: ["hardware", "amdgpu", "initrd", "enable"], test: isTrue, what: "amdgpu in the initrd" },
        { path: ["services", "xserver", "videoDrivers"], test: listHas((d) => d === "amdgpu"), what: "the amdgpu X driver" },
      ];
    case "other":
      return [];
  }
}

/** Every set `hardware.nvidia.*` option (besides false and null, which ask for nothing), as one finding. */
function nvidiaOptionFindings(config: unknown, facts: HostFacts): Finding[] {
  const defined = definedOptions(config);
  if (!defined) return [];
  const sites: Site[] = [];
  const names: string[] = [];
  for (const view of defined.options) {
    const loc = view.loc.slice(defined.prefix.length);
    if (loc[0] !== "hardware" || loc[1] !== "nvidia" || !view.isDefined) continue;
    const set = definitionSites(config, loc).filter((s) => s.value !== false && s.value !== null && s.value !== "");
    if (set.length === 0) continue;
    sites.push(...set);
    names.push(showOption(loc));
  }
  if (sites.length === 0) return [];
  const rule: Rule = { path: ["hardware", "nvidia"], test: () => true, what: "an NVIDIA setting" };
  const message = `${names.map((n) => `\`${n}'`).join(", ")} configure${names.length === 1 ? "s" : ""} an NVIDIA GPU, but the host has none (${gpuSummary(facts)}).`;
  return [finding(rule, sites, message, facts, `GPUs: ${gpuSummary(facts)}`)];
}

const primeOptions: readonly [string, GpuVendor][] = [
  ["nvidiaBusId", "nvidia"],
  ["intelBusId", "intel"],
  ["amdgpuBusId", "amd"],
];

/** "PCI:01:00:0" and "PCI:1:0:0" are the same address: compare numbers, not text. */
function normalBusId(id: string): string | undefined {
  const m = /^PCI:(\d+)(?:@(\d+))?:(\d+):(\d+)$/.exec(id);
  return m ? [m[1], m[2] ?? "0", m[3], m[4]].map(Number).join(":") : undefined;
}

function primeFindings(config: unknown, facts: HostFacts): Finding[] {
  const out: Finding[] = [];
  for (const [option, vendor] of primeOptions) {
    const path = ["hardware", "nvidia", "prime", option];
    const expected = facts.gpus.filter((g) => g.vendor === vendor).map((g) => g.busId);
    const wrong = definitionSites(config, path).filter(
      (s) => typeof s.value === "string" && s.value !== "" && !expected.some((id) => normalBusId(id) === normalBusId(s.value as string)),
    );
    if (wrong.length === 0) continue;
    const given = [...new Set(wrong.map((s) => JSON.stringify(s.value)))].join(", ");
    const message = expected.length
      ? `\`${showOption(path)}' is ${given}, but the ${vendorNames[vendor]} GPU in the facts is at ${expected.join(", ")}.`
      : `\`${showOption(path)}' is ${given}, but the facts show no ${vendorNames[vendor]} GPU (${gpuSummary(facts)}).`;
    out.push(
      finding({ path, test: () => true, what: "a PRIME bus id" }, wrong, message, facts, `GPUs: ${gpuSummary(facts)}`, "Leave the bus ids to panther.hardware.nvidia, which reads them from the facts."),
    );
  }
  return out;
}

function cpuFindings(config: unknown, facts: HostFacts): Finding[] {
  const vendor = facts.cpu.vendor;
  if (vendor === "other") return [];
  const other = vendor === "amd" ? "intel" : "amd";
  const detail = `CPU: ${facts.cpu.model}`;
  const rules: Rule[] = [
    { path: ["hardware", "cpu", other, "updateMicrocode"], test: isTrue, what: `${vendorNames[other]} microcode` },
    ...kernelModuleLists.map((path) => ({ path, test: listHas((m) => m === `kvm-${other}`), what: `the kvm-${other} module` })),
  ];
  return rules.flatMap((rule) => {
    const sites = sitesWhere(config, rule.path, rule.test);
    if (sites.length === 0) return [];
    return [finding(rule, sites, `\`${showOption(rule.path)}' asks for ${rule.what}, but the host's CPU is ${vendorNames[vendor]} (${facts.cpu.model}).`, facts, detail)];
  });
}

function gpuFindings(config: unknown, facts: HostFacts): Finding[] {
  const absent = (["intel", "nvidia", "amd"] as const).filter((v) => !facts.gpus.some((g) => g.vendor === v));
  return absent.flatMap((vendor) =>
    gpuRules(vendor).flatMap((rule) => {
      const sites = sitesWhere(config, rule.path, rule.test);
      if (sites.length === 0) return [];
      const message = `\`${showOption(rule.path)}' asks for ${rule.what}, but the host has no ${vendorNames[vendor]} GPU (${gpuSummary(facts)}).`;
      return [finding(rule, sites, message, facts, `GPUs: ${gpuSummary(facts)}`)];
    }),
  );
}

export const hardwareVendorCheck: HostCheck = {
  name: "hardware-vendor",
  description: "Hardware settings (GPU drivers and parameters, PRIME bus ids, microcode, KVM) must match the vendors in the host's facts.",
  *run({ config, facts }) {
    if (!facts) return;
    yield* cpuFindings(config, facts);
    yield* gpuFindings(config, facts);
    if (!facts.gpus.some((g) => g.vendor === "nvidia")) yield* nvidiaOptionFindings(config, facts);
    else yield* primeFindings(config, facts);
  },
};

registerHostChecks(hardwareVendorCheck);
