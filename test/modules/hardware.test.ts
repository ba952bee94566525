// The hardware modules evaluated on the fleet's facts: what each emits, and how each refuses
// hardware the facts do not show.

import { describe, expect, it } from "vitest";
import { defineModule, type HostFacts, type Module } from "panther";
import { facts as yoga } from "../../hosts/yoga/facts.ts";
import { facts as zephyrus } from "../../hosts/zephyrus/facts.ts";
import { facts as hetzner } from "../../hosts/hetzner-vps/facts.ts";
import { facts as ovh } from "../../hosts/ovh-cloud/facts.ts";
import all from "../../modules/hardware/all.ts";
import { compileHost } from "../../src/compile/index.ts";
import { emitted, hostProject } from "../helpers/host.ts";
import { thrownBy } from "../helpers/errors.ts";
import { nixParse, requireNix, runNixTests } from "../helpers/nix.ts";

/** A host importing every hardware module, with `hardware` as its panther.hardware settings. */
function host(hardware: Record<string, unknown>): Module {
  return defineModule({ imports: [all], config: { panther: { hardware } } });
}

function failure(hardware: Record<string, unknown>, facts?: HostFacts): string {
  const error = thrownBy(() => compileHost(hostProject(host(hardware), facts), "machine"));
  expect(error.code).toBe("failed-assertion");
  return error.message;
}

describe("cpu", () => {
  it("on a bare-metal AMD laptop: AMD microcode and kvm-amd", () => {
    expect(emitted(host({}), yoga)).toEqual({
      boot: { kernelModules: ["kvm-amd"] },
      hardware: { cpu: { amd: { updateMicrocode: true } }, enableRedistributableFirmware: true },
    });
  });
  it("on a bare-metal Intel laptop: Intel microcode and kvm-intel", () => {
    expect(emitted(host({}), zephyrus)).toEqual({
      boot: { kernelModules: ["kvm-intel"] },
      hardware: { cpu: { intel: { updateMicrocode: true } }, enableRedistributableFirmware: true },
    });
  });
  it("on a VM: no microcode; kvm only when the vCPU offers virtualisation", () => {
    expect(emitted(host({}), hetzner)).toEqual({});
    expect(emitted(host({}), ovh)).toEqual({ boot: { kernelModules: ["kvm-intel"] } });
  });
  it("does nothing without facts, or when disabled", () => {
    expect(emitted(host({}))).toEqual({});
    expect(emitted(host({ cpu: { enable: false } }), yoga)).toEqual({});
  });
});

describe("amd-gpu", () => {
  it("puts amdgpu in the initrd and enables Mesa with 32-bit drivers", () => {
    const out = emitted(host({ cpu: { enable: false }, amdGpu: { enable: true } }), yoga);
    expect(out).toEqual({ hardware: { amdgpu: { initrd: { enable: true } }, graphics: { enable: true, enable32Bit: true } } });
  });
  it("refuses a host without an AMD GPU", () => {
    expect(failure({ amdGpu: { enable: true } }, zephyrus)).toContain("panther.hardware.amdGpu is enabled but");
  });
});

describe("intel-gpu", () => {
  it("loads i915 early, the iHD VA-API driver, and i915 parameters only when asked", () => {
    const out = emitted(host({ cpu: { enable: false }, intelGpu: { enable: true, guc: true } }), zephyrus);
    expect(out.boot).toEqual({ initrd: { kernelModules: ["i915"] }, kernelParams: ["i915.enable_guc=3"] });
    expect(out.hardware.graphics.enable).toBe(true);
    expect(out.hardware.graphics.extraPackages.map(String)).toEqual(["pkgs.intel-media-driver"]);
    expect(out.environment).toEqual({ sessionVariables: { LIBVA_DRIVER_NAME: "iHD" } });
  });
  it("refuses a host without an Intel GPU", () => {
    expect(failure({ intelGpu: { enable: true } }, yoga)).toContain("show no Intel GPU");
  });
});

describe("nvidia", () => {
  it("sets up PRIME offload with the bus ids from the facts and the open module for an RTX 3070 Ti", () => {
    const out = emitted(host({ cpu: { enable: false }, nvidia: { enable: true } }), zephyrus);
    expect(out.services).toEqual({ xserver: { videoDrivers: ["nvidia"] } });
    expect(out.hardware.nvidia).toEqual({
      open: true,
      modesetting: { enable: true },
      powerManagement: { enable: true, finegrained: true },
      prime: { offload: { enable: true, enableOffloadCmd: true }, nvidiaBusId: "PCI:1:0:0", intelBusId: "PCI:0:2:0" },
    });
  });
  it("uses the closed module for GPUs older than Turing", () => {
    const pascal: HostFacts = { ...zephyrus, gpus: zephyrus.gpus.map((g) => (g.vendor === "nvidia" ? { ...g, pciId: "10de:1c8d" } : g)) };
    expect(emitted(host({ cpu: { enable: false }, nvidia: { enable: true } }), pascal).hardware.nvidia.open).toBe(false);
  });
  it("fails clearly on a host whose facts show no NVIDIA GPU", () => {
    expect(failure({ nvidia: { enable: true } }, yoga)).toMatch(/panther\.hardware\.nvidia is enabled but .*hosts\/yoga\/facter\.json shows no NVIDIA GPU \(GPUs: amd 1002:1114\)/);
  });
  it("fails without facts: it cannot know the bus ids", () => {
    expect(failure({ nvidia: { enable: true } })).toContain("panther.hardware.nvidia needs the host's facts");
  });
});

describe("laptop power", () => {
  it("TLP with the 75/80 charge thresholds by default; thermald on Intel only", () => {
    const intel = emitted(host({ cpu: { enable: false }, laptop: { enable: true } }), zephyrus);
    expect(intel.services).toEqual({
      tlp: { enable: true, settings: { START_CHARGE_THRESH_BAT0: 75, STOP_CHARGE_THRESH_BAT0: 80 } },
      "power-profiles-daemon": { enable: false },
      thermald: { enable: true },
    });
    const amd = emitted(host({ cpu: { enable: false }, laptop: { enable: true } }), yoga);
    expect(amd.services.thermald).toBeUndefined();
  });
  it("power-profiles-daemon instead of TLP, without thresholds", () => {
    const out = emitted(host({ cpu: { enable: false }, laptop: { enable: true, powerDaemon: "power-profiles-daemon", chargeThresholds: null } }), yoga);
    expect(out.services).toEqual({ "power-profiles-daemon": { enable: true } });
  });
  it("refuses thresholds with power-profiles-daemon, a start above stop, and thermald on AMD", () => {
    expect(failure({ laptop: { enable: true, powerDaemon: "power-profiles-daemon" } }, yoga)).toContain("chargeThresholds are applied by TLP");
    expect(failure({ laptop: { enable: true, chargeThresholds: { start: 90, stop: 80 } } }, zephyrus)).toContain("start (90) must be below stop (80)");
    expect(failure({ laptop: { enable: true, thermald: true } }, yoga)).toContain("thermald supports Intel CPUs only");
  });
});

describe("lenovo-yoga", () => {
  it("rotation, libinput, conservation mode through ideapad_laptop, and no TLP thresholds", () => {
    const out = emitted(host({ cpu: { enable: false }, lenovoYoga: { enable: true, batteryConservation: true }, laptop: { enable: true } }), yoga);
    expect(out).toEqual({
      boot: { kernelModules: ["ideapad_laptop"] },
      hardware: { sensor: { iio: { enable: true } } },
      services: { libinput: { enable: true }, tlp: { enable: true }, "power-profiles-daemon": { enable: false } },
      systemd: { tmpfiles: { rules: ["w /sys/bus/platform/drivers/ideapad_acpi/VPC2004:00/conservation_mode - - - - 1"] } },
    });
  });
  it("refuses explicit charge thresholds and a machine that is not a Lenovo", () => {
    expect(failure({ lenovoYoga: { enable: true }, laptop: { enable: true, chargeThresholds: { start: 75, stop: 80 } } }, yoga)).toContain(
      "A Lenovo Yoga has no charge thresholds",
    );
    expect(failure({ lenovoYoga: { enable: true } }, zephyrus)).toContain("describes a ASUSTeK COMPUTER INC.");
  });
});

describe("asus-zephyrus", () => {
  it("asusd with its user service, supergfxd, the Intel and NVIDIA modules, and power-profiles-daemon", () => {
    const out = emitted(host({ cpu: { enable: false }, asusZephyrus: { enable: true } }), zephyrus);
    expect(out.services).toMatchObject({
      asusd: { enable: true, enableUserService: true },
      supergfxd: { enable: true },
      "power-profiles-daemon": { enable: true },
      thermald: { enable: true },
      xserver: { videoDrivers: ["nvidia"] },
    });
    expect(out.services.tlp).toBeUndefined();
    expect(out.boot.kernelParams).toEqual(["module_blacklist=i2c_nvidia_gpu", "i915.enable_psr=1", "i915.enable_fbc=1"]);
    expect(out.hardware.nvidia.prime).toMatchObject({ nvidiaBusId: "PCI:1:0:0", intelBusId: "PCI:0:2:0" });
  });
  it("refuses another machine", () => {
    expect(failure({ asusZephyrus: { enable: true } }, yoga)).toContain("panther.hardware.asusZephyrus is enabled but");
  });
});

describe("wifi", () => {
  it("Realtek rtw89 (RTL8922AE): firmware and the newest kernel", () => {
    const out = emitted(host({ cpu: { enable: false }, wifi: { enable: true } }), yoga);
    expect(out.hardware).toEqual({ enableRedistributableFirmware: true });
    expect(String(out.boot.kernelPackages)).toBe("pkgs.linuxPackages_latest");
  });
  it("Intel iwlwifi: firmware, the default kernel", () => {
    expect(emitted(host({ cpu: { enable: false }, wifi: { enable: true } }), zephyrus)).toEqual({ hardware: { enableRedistributableFirmware: true } });
  });
  it("refuses a host without Wi-Fi", () => {
    expect(failure({ wifi: { enable: true } }, hetzner)).toContain("shows no Wi-Fi controller");
  });
});

describe.skipIf(!runNixTests())("emitted hardware configuration", () => {
  const laptops = [
    ["yoga", yoga, { lenovoYoga: { enable: true, batteryConservation: true }, amdGpu: { enable: true }, laptop: { enable: true }, wifi: { enable: true } }],
    ["zephyrus", zephyrus, { asusZephyrus: { enable: true }, wifi: { enable: true } }],
  ] as const;
  for (const [name, facts, hardware] of laptops) {
    it(`of ${name} parses with nix-instantiate`, () => {
      requireNix();
      const text = compileHost(hostProject(host(hardware), facts), "machine").files[0]!.text;
      expect(nixParse(text)).toMatchObject({ ok: true });
    });
  }
});
