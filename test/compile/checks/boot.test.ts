// The boot checks: one loader, GRUB devices not listed where disko adds them, a boot mode the
// firmware can start; and the boot loader module's choice for each kind of host.

import { describe, expect, it } from "vitest";
import { biosBoot, btrfs, defineModule, diskLayout, esp, filesystem, gptDisk, mkForce, partition } from "panther";
import { bootLoaderCheck, firmwareCheck, grubDevicesCheck } from "../../../src/compile/checks/boot.ts";
import { hostChecks } from "../../../src/compile/checks/index.ts";
import { evaluateHost } from "../../../src/compile/index.ts";
import loader from "../../../modules/boot/loader.ts";
import { facts, fleetHosts, project } from "../../disks/fleet.ts";
import { markers } from "../../helpers/markers.ts";
import { compile, findings, where } from "./harness.ts";
import { definedTree } from "../../../src/compile/defined.ts";
import { definedOptions } from "../../../src/core/eval.ts";
import { thrownBy } from "../../helpers/errors.ts";

const here = markers(import.meta.url);
const at = (name: string, role = "definition") => ({ file: here.file, line: here.line(name), role });
const root = () => partition({ size: "100%", content: btrfs({ subvolumes: { "/root": { mountpoint: "/" } } }) });

const hybrid = diskLayout({
  disks: { main: gptDisk({ device: "/dev/sda", partitions: { boot: biosBoot(), ESP: esp({ size: "512M" }), root: root() } }) }, // @ef02
});
const espOnly = diskLayout({ disks: { main: gptDisk({ device: "/dev/vda", partitions: { ESP: esp(), root: root() } }) } }); // @esp-only
const biosOnly = diskLayout({ disks: { main: gptDisk({ device: "/dev/vda", partitions: { boot: biosBoot(), root: root() } }) } }); // @bios-only

const systemdBoot = defineModule({ boot: { loader: { "systemd-boot": { enable: true } } } }); // @systemd-boot
const grub = defineModule({ boot: { loader: { grub: { enable: true } } } }); // @grub
const grubDevices = defineModule({ boot: { loader: { grub: { devices: ["/dev/sda"] } } } }); // @grub-devices
const grubDevice = defineModule({ boot: { loader: { grub: { device: "/dev/sda" } } } }); // @grub-device

describe("boot-loader check", () => {
  it("fails when systemd-boot and GRUB are both enabled, naming both lines", () => {
    const [finding] = findings(bootLoaderCheck, { modules: [systemdBoot, grub] });
    expect(finding!.code).toBe("boot-loader");
    expect(finding!.message).toBe(
      `2 boot loaders are enabled: systemd-boot (${here.file}:${here.line("systemd-boot")}), GRUB (${here.file}:${here.line("grub")}). A host boots with exactly one.`,
    );
    expect(where(finding!)).toEqual([at("systemd-boot"), at("grub")]);
  });

  it("passes one loader, and a loader another module turned off", () => {
    expect(findings(bootLoaderCheck, { modules: [systemdBoot] })).toEqual([]);
    expect(findings(bootLoaderCheck, { modules: [systemdBoot, grub, { boot: { loader: { grub: { enable: mkForce(false) } } } }] })).toEqual([]);
  });
});

describe("grub-devices check", () => {
  it("fails on GRUB devices listing the disk disko adds from its EF02 partition", () => {
    const [finding] = findings(grubDevicesCheck, { modules: [hybrid, grub, grubDevices] });
    expect(finding!.code).toBe("boot-loader");
    expect(finding!.message).toBe(
      `GRUB's install devices are set by ${here.file}:${here.line("grub-devices")} (/dev/sda), and disko already adds /dev/sda for the EF02 partition (${here.file}:${here.line("ef02")}): ` +
        '/dev/sda would be listed twice, and NixOS fails with "You cannot have duplicated devices in mirroredBoots".',
    );
    expect(where(finding!)).toEqual([at("grub-devices"), at("ef02", "layout")]);
  });

  it("fails on boot.loader.grub.device too", () => {
    const [finding] = findings(grubDevicesCheck, { modules: [hybrid, grub, grubDevice] });
    expect(finding!.code).toBe("boot-loader");
    expect(finding!.optionPath).toEqual(["boot", "loader", "grub", "device"]);
    expect(where(finding!)).toEqual([at("grub-device"), at("ef02", "layout")]);
  });

  it("passes disko's devices alone, and a list that replaces them with mkForce", () => {
    expect(findings(grubDevicesCheck, { modules: [hybrid, grub] })).toEqual([]);
    expect(findings(grubDevicesCheck, { modules: [hybrid, grub, { boot: { loader: { grub: { devices: mkForce(["/dev/sda"]) } } } }] })).toEqual([]);
  });
});

const bios = facts("machine", "bios", 8 * 1024 ** 3, []);
const uefi = facts("machine", "uefi", 8 * 1024 ** 3, []);
const factsFile = { file: "hosts/machine/facter.json", line: undefined, role: "facts" };

describe("boot-firmware check", () => {
  it("fails on systemd-boot on a BIOS machine, with the facts file", () => {
    const [finding] = findings(firmwareCheck, { modules: [biosOnly, systemdBoot], facts: bios });
    expect(finding!.code).toBe("firmware-mismatch");
    expect(finding!.message).toBe(
      `systemd-boot is enabled (${here.file}:${here.line("systemd-boot")}), but machine boots with BIOS firmware (hosts/machine/facter.json): systemd-boot is a UEFI application.`,
    );
    expect(where(finding!)).toEqual([at("systemd-boot"), factsFile]);
    expect(finding!.locations[1]).toMatchObject({ detail: "firmware: bios" });
  });

  it("fails on an ESP-only layout on a BIOS machine", () => {
    const [finding] = findings(firmwareCheck, { modules: [espOnly, grub], facts: bios });
    expect(finding!.code).toBe("firmware-mismatch");
    expect(finding!.message).toBe(
      `The disk layout has an ESP and no BIOS boot partition (${here.file}:${here.line("esp-only")}), but machine boots with BIOS firmware (hosts/machine/facter.json): nothing on the disk can start.`,
    );
    expect(where(finding!)).toEqual([at("esp-only", "layout"), factsFile]);
  });

  it("fails on a BIOS-only layout on a UEFI machine", () => {
    const [finding] = findings(firmwareCheck, { modules: [biosOnly, grub], facts: uefi });
    expect(finding!.code).toBe("firmware-mismatch");
    expect(finding!.message).toBe(
      `The disk layout has a BIOS boot partition and no ESP (${here.file}:${here.line("bios-only")}), but machine boots with UEFI firmware (hosts/machine/facter.json): UEFI starts a loader from an ESP only.`,
    );
    expect(where(finding!)).toEqual([at("bios-only", "layout"), factsFile]);
  });

  it("warns instead when the facts inferred the firmware (the report does not record it)", () => {
    const [finding] = findings(firmwareCheck, { modules: [biosOnly, grub], facts: { ...uefi, firmwareInferred: true } });
    expect(finding!.severity).toBe("warning");
    expect(finding!.code).toBe("firmware-mismatch");
    expect(finding!.message).toContain("but machine boots with UEFI firmware (inferred: the report does not record the boot mode) (hosts/machine/facter.json)");
    expect(where(finding!)).toEqual([at("bios-only", "layout"), factsFile]);
  });

  it("passes hybrid layouts on either firmware, and hosts without facts", () => {
    expect(findings(firmwareCheck, { modules: [hybrid, grub], facts: uefi })).toEqual([]);
    expect(findings(firmwareCheck, { modules: [hybrid, grub], facts: bios })).toEqual([]);
    expect(findings(firmwareCheck, { modules: [biosOnly, systemdBoot] })).toEqual([]);
  });

  it("fails the build with every location when a check fails", () => {
    const e = thrownBy(() => compile({ modules: [espOnly, systemdBoot], facts: bios }));
    expect(e.code).toBe("firmware-mismatch");
    expect(e.message).toContain("2 host checks failed:");
    expect(e.locations.map((l) => l.role)).toEqual(["definition", "facts", "layout", "facts"]);
  });
});

describe("the boot loader module", () => {
  /** What the host's modules define under boot.loader (unset options are NixOS' defaults). */
  const loaderOf = (name: string) => {
    const { config } = evaluateHost(project(), name);
    return (definedTree(definedOptions(config)!, (loc) => loc[0] === "boot" && loc[1] === "loader") as any).boot.loader;
  };

  it("picks systemd-boot for UEFI laptops, GRUB for both firmwares on Hetzner, GRUB for BIOS on OVH; never GRUB devices", () => {
    const systemd = { "systemd-boot": { enable: true, configurationLimit: 10 }, efi: { canTouchEfiVariables: true } };
    expect(loaderOf("yoga")).toEqual(systemd);
    expect(loaderOf("zephyrus")).toEqual(systemd);
    expect(loaderOf("hetzner-vps")).toEqual({ grub: { enable: true, configurationLimit: 10, efiSupport: true, efiInstallAsRemovable: true } });
    expect(loaderOf("ovh-cloud")).toEqual({ grub: { enable: true, configurationLimit: 10 } });
  });

  it("leaves the fleet without findings from any check", () => {
    for (const host of fleetHosts) {
      const { config, options } = evaluateHost(project(), host.name);
      expect(hostChecks().flatMap((check) => [...check.run({ host, facts: host.facts, config, options })])).toEqual([]);
    }
  });

  it("lets the disk-layout check report a disk without a device", () => {
    const noDevice = { disko: { devices: { disk: { main: { content: { type: "gpt", partitions: { ESP: { size: "1G", type: "EF00" } } } } } } } };
    const e = thrownBy(() => compile({ modules: [noDevice, loader, { panther: { boot: { loader: { enable: true } } } }], facts: uefi }));
    expect(e.code).toBe("invalid-disk-layout");
    expect(e.message).toContain("Disk `main' of the disk layout has no device");
  });

  it("follows an explicit type, and asserts GRUB has an EF02 disk to install to", () => {
    const forced = { panther: { boot: { loader: { enable: true, type: "grub-bios" } } } };
    const e = thrownBy(() => compile({ modules: [espOnly, loader, forced], facts: uefi }));
    expect(e.code).toBe("failed-assertion");
    expect(e.message).toContain("panther.boot.loader: GRUB for BIOS installs to the disks disko lists from their EF02 partitions, and the disk layout has none");
    const hybridBios = compile({ modules: [hybrid, loader, forced], facts: uefi }).files[0]!.text;
    expect(hybridBios).toContain("boot.loader.grub = {\n    configurationLimit = 10;\n    enable = true;\n  };");
  });
});
