// The wrong-vendor host check: hardware settings that contradict the facts fail compileHost with
// the file:line of each offending definition and the facts file.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defineModule, mkIf, pkgs, type HostFacts, type Module } from "panther";
import { facts as yoga } from "../../hosts/yoga/facts.ts";
import { facts as zephyrus } from "../../hosts/zephyrus/facts.ts";
import { compileHost } from "../../src/compile/index.ts";
import { hostProject } from "../helpers/host.ts";
import { thrownBy } from "../helpers/errors.ts";

const thisFile = fileURLToPath(import.meta.url);
const lines = readFileSync(thisFile, "utf8").split("\n");
/** The line of this file that holds `marker` (each fixture module's defineModule call carries one). */
function lineOf(marker: string): number {
  const index = lines.findIndex((l) => l.includes(`// ${marker}`));
  if (index < 0) throw new Error(`no line marked ${marker}`);
  return index + 1;
}

function wrongVendor(module: Module, facts: HostFacts) {
  const error = thrownBy(() => compileHost(hostProject(module, facts), "machine"));
  expect(error.code).toBe("wrong-vendor");
  return error;
}

function expectLocations(error: ReturnType<typeof wrongVendor>, markers: readonly string[], facts: HostFacts): void {
  const definitions = error.locations.filter((l) => l.role === "definition").map((l) => `${l.file}:${l.line}`);
  expect(definitions).toEqual(markers.map((m) => `${thisFile}:${lineOf(m)}`));
  expect(error.locations.filter((l) => l.role === "facts").map((l) => l.file)).toContain(facts.source);
}

const i915Params = defineModule({ boot: { kernelParams: ["quiet", "i915.enable_psr=1"] } }); // i915-params
const iHD = defineModule({ hardware: { graphics: { extraPackages: [pkgs["intel-media-driver"]] } } }); // ihd
const libvaName = defineModule({ environment: { sessionVariables: { LIBVA_DRIVER_NAME: "iHD" } } }); // libva
const nvidiaDriver = defineModule({ services: { xserver: { videoDrivers: ["nvidia"] } } }); // nvidia-driver
const nvidiaOpen = defineModule({ hardware: { nvidia: { open: true, modesetting: { enable: true } } } }); // nvidia-open
const wrongPrime = defineModule({ hardware: { nvidia: { prime: { nvidiaBusId: "PCI:2:0:0", intelBusId: "PCI:0:2:0" } } } }); // wrong-prime
const samePrime = defineModule({ hardware: { nvidia: { prime: { nvidiaBusId: "PCI:01:00:0", intelBusId: "PCI:0:2:0" } } } }); // same-prime
const amdPrime = defineModule({ hardware: { nvidia: { prime: { nvidiaBusId: "PCI:1:0:0", amdgpuBusId: "PCI:4:0:0" } } } }); // amd-prime
const intelMicrocode = defineModule({ hardware: { cpu: { intel: { updateMicrocode: true } } } }); // intel-microcode
const amdMicrocode = defineModule({ hardware: { cpu: { amd: { updateMicrocode: true } } } }); // amd-microcode
const kvmIntel = defineModule({ boot: { kernelModules: ["kvm-intel"] } }); // kvm-intel
const kvmAmd = defineModule({ boot: { kernelModules: ["kvm-amd"] } }); // kvm-amd
const amdgpuInitrd = defineModule({ boot: { initrd: { kernelModules: ["amdgpu"] } } }); // amdgpu-initrd
const amdgpuOption = defineModule({ hardware: { amdgpu: { initrd: { enable: true } } } }); // amdgpu-option
const skipped = defineModule({ boot: { kernelParams: mkIf(false, ["i915.enable_psr=1"]) } });

describe("wrong-vendor", () => {
  it("i915 kernel parameters on a host without an Intel GPU", () => {
    const error = wrongVendor(i915Params, yoga);
    expect(error.message).toBe("`boot.kernelParams' asks for i915 kernel parameters, but the host has no Intel GPU (AMD 1002:1114 at PCI:4:0:0).");
    expectLocations(error, ["i915-params"], yoga);
  });
  it("Intel VA-API drivers on a host without an Intel GPU, every definition listed", () => {
    const error = wrongVendor(defineModule({ imports: [iHD, libvaName] }), yoga);
    expect(error.message).toContain("2 host checks failed");
    expect(error.message).toContain("`hardware.graphics.extraPackages' asks for an Intel VA-API driver");
    expect(error.message).toContain("`environment.sessionVariables.LIBVA_DRIVER_NAME' asks for an Intel VA-API driver");
    expectLocations(error, ["ihd", "libva"], yoga);
  });
  it("the NVIDIA driver and hardware.nvidia settings without an NVIDIA GPU", () => {
    const driver = wrongVendor(nvidiaDriver, yoga);
    expect(driver.message).toBe("`services.xserver.videoDrivers' asks for the NVIDIA X driver, but the host has no NVIDIA GPU (AMD 1002:1114 at PCI:4:0:0).");
    expectLocations(driver, ["nvidia-driver"], yoga);
    const options = wrongVendor(nvidiaOpen, yoga);
    expect(options.message).toBe(
      "`hardware.nvidia.modesetting.enable', `hardware.nvidia.open' configure an NVIDIA GPU, but the host has none (AMD 1002:1114 at PCI:4:0:0).",
    );
    expectLocations(options, ["nvidia-open", "nvidia-open"], yoga);
  });
  it("PRIME bus ids that are not the facts' addresses", () => {
    const error = wrongVendor(wrongPrime, zephyrus);
    expect(error.message).toBe("`hardware.nvidia.prime.nvidiaBusId' is \"PCI:2:0:0\", but the NVIDIA GPU in the facts is at PCI:1:0:0.");
    expectLocations(error, ["wrong-prime"], zephyrus);
    const amd = wrongVendor(amdPrime, zephyrus);
    expect(amd.message).toBe(
      "`hardware.nvidia.prime.amdgpuBusId' is \"PCI:4:0:0\", but the facts show no AMD GPU (NVIDIA 10de:24a0 at PCI:1:0:0, Intel 8086:46a6 at PCI:0:2:0).",
    );
    expectLocations(amd, ["amd-prime"], zephyrus);
  });
  it("accepts the facts' bus ids, however zero-padded", () => {
    expect(compileHost(hostProject(samePrime, zephyrus), "machine").files).toHaveLength(1);
  });
  it("the other vendor's microcode", () => {
    const onAmd = wrongVendor(intelMicrocode, yoga);
    expect(onAmd.message).toBe("`hardware.cpu.intel.updateMicrocode' asks for Intel microcode, but the host's CPU is AMD (AMD Ryzen AI 7 350 w/ Radeon 860M).");
    expectLocations(onAmd, ["intel-microcode"], yoga);
    const onIntel = wrongVendor(amdMicrocode, zephyrus);
    expect(onIntel.message).toContain("asks for AMD microcode, but the host's CPU is Intel");
    expectLocations(onIntel, ["amd-microcode"], zephyrus);
  });
  it("the other vendor's KVM module", () => {
    const onAmd = wrongVendor(kvmIntel, yoga);
    expect(onAmd.message).toBe("`boot.kernelModules' asks for the kvm-intel module, but the host's CPU is AMD (AMD Ryzen AI 7 350 w/ Radeon 860M).");
    expectLocations(onAmd, ["kvm-intel"], yoga);
    expectLocations(wrongVendor(kvmAmd, zephyrus), ["kvm-amd"], zephyrus);
  });
  it("amdgpu without an AMD GPU", () => {
    const error = wrongVendor(defineModule({ imports: [amdgpuInitrd, amdgpuOption] }), zephyrus);
    expect(error.message).toContain("`boot.initrd.kernelModules' asks for the amdgpu module, but the host has no AMD GPU");
    expect(error.message).toContain("`hardware.amdgpu.initrd.enable' asks for amdgpu in the initrd");
    expectLocations(error, ["amdgpu-initrd", "amdgpu-option"], zephyrus);
  });
  it("finds nothing on a host without facts, for mkIf false, or when the vendor matches", () => {
    expect(compileHost(hostProject(defineModule({ imports: [i915Params, nvidiaOpen, intelMicrocode, kvmAmd] })), "machine").files).toHaveLength(1);
    expect(compileHost(hostProject(skipped, yoga), "machine").files).toHaveLength(1);
    expect(compileHost(hostProject(defineModule({ imports: [i915Params, iHD, intelMicrocode, kvmIntel, nvidiaDriver] }), zephyrus), "machine").files).toHaveLength(1);
    expect(compileHost(hostProject(defineModule({ imports: [amdMicrocode, kvmAmd, amdgpuInitrd] }), yoga), "machine").files).toHaveLength(1);
  });
});
