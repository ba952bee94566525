// The disk checks: an impossible layout, kernel device names on laptops, and mounts or swap a
// module defines next to the layout's. Each failing case asserts code, message and file:line.

import { describe, expect, it } from "vitest";
import { biosBoot, btrfs, defineModule, diskLayout, esp, filesystem, gptDisk, mkForce, partition, swap } from "panther";
import { deviceNamesCheck, diskLayoutCheck, diskMountsCheck } from "../../../src/compile/checks/disks.ts";
import { fleetHosts, hostFacts } from "../../disks/fleet.ts";
import { markers } from "../../helpers/markers.ts";
import { compile, findings, where } from "./harness.ts";
import { thrownBy } from "../../helpers/errors.ts";

const here = markers(import.meta.url);
const at = (name: string, role = "layout") => ({ file: here.file, line: here.line(name), role });

const twoRests = diskLayout({
  disks: {
    main: gptDisk({
      device: "/dev/sda",
      partitions: {
        ESP: esp(),
        data: partition({ size: "100%", content: filesystem({ format: "ext4", mountpoint: "/data" }) }), // @data
        root: partition({ size: "100%", content: filesystem({ format: "ext4", mountpoint: "/" }) }), // @root
      },
    }),
  },
});

const noDevice = defineModule({ // @no-device
  disko: { devices: { disk: { main: { content: { type: "gpt", partitions: { root: { size: "100%", content: { type: "filesystem", format: "ext4", mountpoint: "/" } } } } } } } },
});

const rootTwice = diskLayout({
  disks: {
    main: gptDisk({
      device: "/dev/vda",
      partitions: {
        a: partition({ size: "8G", content: filesystem({ format: "ext4", mountpoint: "/" }) }), // @root-a
        b: partition({ size: "100%", content: btrfs({ subvolumes: { "/root": { mountpoint: "/" } } }) }), // @root-b
      },
    }),
  },
});

describe("disk-layout check", () => {
  it("fails on two partitions of size 100% on one disk, naming both lines", () => {
    const [finding, ...more] = findings(diskLayoutCheck, { modules: [twoRests] });
    expect(more).toEqual([]);
    expect(finding!.code).toBe("invalid-disk-layout");
    expect(finding!.severity).toBe("error");
    expect(finding!.message).toBe(
      `Disk \`main' has 2 partitions of size "100%": \`data' (${here.file}:${here.line("data")}), \`root' (${here.file}:${here.line("root")}). Only one partition can take the rest of the disk.`,
    );
    expect(where(finding!)).toEqual([at("data"), at("root")]);
  });

  it("fails the build on a disk without a device with the disk's name and line, not a bare no-value", () => {
    const [finding] = findings(diskLayoutCheck, { modules: [noDevice] });
    expect(finding!.code).toBe("invalid-disk-layout");
    expect(finding!.message).toBe(`Disk \`main' of the disk layout has no device (${here.file}:${here.line("no-device")}): disko needs the block device it partitions.`);
    expect(where(finding!)).toEqual([at("no-device")]);
    const e = thrownBy(() => compile({ modules: [noDevice] }));
    expect(e.code).toBe("invalid-disk-layout");
    expect(e.optionPath).toEqual(["disko", "devices", "disk", "main", "device"]);
  });

  it("fails on a mountpoint the layout mounts twice", () => {
    const [finding] = findings(diskLayoutCheck, { modules: [rootTwice] });
    expect(finding!.code).toBe("invalid-disk-layout");
    expect(finding!.message).toBe(
      `The disk layout mounts / 2 times (disk.main.content.partitions.a.content, disk.main.content.partitions.b.content.subvolumes."/root"; ${here.file}:${here.line("root-a")}, ${here.file}:${here.line("root-b")}): NixOS would merge them into one mount with the options of both.`,
    );
    expect(where(finding!)).toEqual([at("root-a"), at("root-b")]);
  });

  it("passes the fleet's layouts", () => {
    for (const host of fleetHosts) expect(findings(diskLayoutCheck, { modules: [host.module], facts: host.facts })).toEqual([]);
  });
});

const kernelNamed = diskLayout({
  disks: {
    main: gptDisk({ device: "/dev/nvme0n1", partitions: { ESP: esp(), root: partition({ size: "100%", content: filesystem({ format: "ext4", mountpoint: "/" }) }) } }), // @nvme
  },
});

describe("disk-device-names check", () => {
  it("warns about /dev/nvme0n1 on a laptop and names the by-id path from the facts", () => {
    const [finding] = findings(deviceNamesCheck, { modules: [kernelNamed], tags: ["laptop"], facts: hostFacts.yoga });
    expect(finding!.severity).toBe("warning");
    expect(finding!.code).toBe("unstable-device-path");
    expect(finding!.message).toBe("Disk `main' of laptop machine is /dev/nvme0n1: kernel names follow detection order, and with two NVMe drives disko can partition the wrong one.");
    expect(finding!.hint).toBe(`Use /dev/disk/by-id/nvme-WD_PC_SN7100S_SDFPMSL-1T00-1101_25112Q801629 (from ${hostFacts.yoga!.source}).`);
    expect(where(finding!)).toEqual([at("nvme")]);
    // The build goes on, with the warning.
    expect(compile({ modules: [kernelNamed], tags: ["laptop"], facts: hostFacts.yoga }).warnings).toEqual([
      `${finding!.message} (${here.file}:${here.line("nvme")}:${finding!.locations[0]!.column})`,
    ]);
  });

  it("knows a laptop by the facts' form factor too", () => {
    const [finding] = findings(deviceNamesCheck, { modules: [kernelNamed], facts: hostFacts.zephyrus });
    expect(finding!.code).toBe("unstable-device-path");
    expect(finding!.hint).toBe(`Use /dev/disk/by-id/nvme-CT2000P310SSD8_24514D0F486C (from ${hostFacts.zephyrus!.source}).`);
    expect(where(finding!)).toEqual([at("nvme")]);
  });

  it("accepts kernel names on servers and by-id names on laptops", () => {
    expect(findings(deviceNamesCheck, { modules: [kernelNamed], tags: ["server"] })).toEqual([]);
    for (const host of fleetHosts) expect(findings(deviceNamesCheck, { modules: [host.module], tags: host.tags ?? [], facts: host.facts })).toEqual([]);
  });
});

const serverLayout = diskLayout({
  disks: {
    main: gptDisk({
      device: "/dev/sda",
      partitions: {
        boot: biosBoot(),
        ESP: esp({ size: "512M" }),
        swap: partition({ size: "4G", content: swap() }), // @swap
        root: partition({ size: "100%", content: btrfs({ subvolumes: { "/root": { mountpoint: "/" }, "/persist": { mountpoint: "/persist" } } }) }), // @layout-root
      },
    }),
  },
});

const hardwareConfiguration = defineModule({ // @fs-root
  fileSystems: { "/": { device: "/dev/disk/by-label/nixos", fsType: "ext4" } },
});
const byLabelSwap = defineModule({ swapDevices: [{ device: "/dev/disk/by-label/swap" }] }); // @swap-def
const impermanence = defineModule({ fileSystems: { "/persist": { neededForBoot: true }, "/": { options: ["x-initrd.mount"] } } });

describe("disk-mounts check", () => {
  it("fails when a module sets fileSystems.\"/\" that the layout mounts, naming both lines", () => {
    const [finding, ...more] = findings(diskMountsCheck, { modules: [serverLayout, hardwareConfiguration] });
    expect(more).toEqual([]);
    expect(finding!.code).toBe("conflicting-mount");
    expect(finding!.message).toBe(
      `fileSystems."/" is set by ${here.file}:${here.line("fs-root")} (device, fsType), and the disk layout (${here.file}:${here.line("layout-root")}) already mounts / from /dev/disk/by-partlabel/disk-main-root: NixOS would merge both into one mount.`,
    );
    expect(where(finding!)).toEqual([at("fs-root", "definition"), at("layout-root")]);
  });

  it("fails when a module adds swapDevices next to the layout's swap", () => {
    const [finding] = findings(diskMountsCheck, { modules: [serverLayout, byLabelSwap] });
    expect(finding!.code).toBe("conflicting-mount");
    expect(finding!.message).toBe(
      `swapDevices is set by ${here.file}:${here.line("swap-def")}, and the disk layout (${here.file}:${here.line("swap")}) already has swap (/dev/disk/by-partlabel/disk-main-swap): NixOS would enable both lists, a device twice or one the layout does not create (the boot then waits for it).`,
    );
    expect(where(finding!)).toEqual([at("swap-def", "definition"), at("swap")]);
  });

  it("accepts neededForBoot and extra options on disko's mounts, and mounts of its own elsewhere", () => {
    const elsewhere = defineModule({ fileSystems: { "/srv": { device: "/dev/sdb1", fsType: "xfs" } }, swapDevices: mkForce([]) });
    expect(findings(diskMountsCheck, { modules: [serverLayout, impermanence, elsewhere] })).toEqual([]);
  });
});
