// The nixos-facter reader on the fleet's four reports (exact values), and on malformed reports.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { factsFromFacter, primeBusId } from "panther";
import { facts as yoga } from "../../hosts/yoga/facts.ts";
import { facts as zephyrus } from "../../hosts/zephyrus/facts.ts";
import { facts as hetzner } from "../../hosts/hetzner-vps/facts.ts";
import { facts as ovh } from "../../hosts/ovh-cloud/facts.ts";
import { thrownBy } from "../helpers/errors.ts";

const GiB = 1024 ** 3;

function report(host: string): any {
  return JSON.parse(readFileSync(new URL(`../../hosts/${host}/facter.json`, import.meta.url), "utf8"));
}

describe("yoga (Lenovo Yoga 7 2-in-1, AMD)", () => {
  it("boots UEFI (inferred: the report predates nixos-facter's uefi field)", () => {
    expect(yoga.firmware).toBe("uefi");
    expect(yoga.firmwareInferred).toBe(true);
    expect(yoga.virtualisation).toBe("none");
  });
  it("has an AMD CPU and Radeon iGPU", () => {
    expect(yoga.cpu).toEqual({ vendor: "amd", model: "AMD Ryzen AI 7 350 w/ Radeon 860M", cores: 8, threads: 16, hardwareVirtualisation: true });
    expect(yoga.gpus).toEqual([{ vendor: "amd", name: "ATI Display controller", pciId: "1002:1114", busId: "PCI:4:0:0", driver: "amdgpu" }]);
    expect(yoga.memoryBytes).toBe(15 * GiB);
  });
  it("has one NVMe disk, by-id names serial first and eui last", () => {
    expect(yoga.disks).toEqual([
      {
        path: "/dev/nvme0n1",
        byId: ["nvme-WD_PC_SN7100S_SDFPMSL-1T00-1101_25112Q801629", "nvme-WD_PC_SN7100S_SDFPMSL-1T00-1101_25112Q801629_1", "nvme-eui.001b448b4d0106ad"],
        sizeBytes: 2000409264 * 512,
        model: "WD PC SN7100S SDFPMSL-1T00-1101",
      },
    ]);
  });
  it("has Realtek rtw89 Wi-Fi (a generic network controller with a WLAN interface)", () => {
    expect(yoga.network).toEqual([{ name: "Network controller", vendor: "Realtek", driver: "rtw89_8922ae", kind: "wifi", pciId: "10ec:8922", interfaces: ["wlan0"] }]);
  });
  it("names the machine", () => {
    expect(yoga.system).toEqual({ vendor: "LENOVO", product: "83JR", version: "Yoga 7 2-in-1 14AKP10", formFactor: "laptop" });
  });
});

describe("zephyrus (ASUS ROG Zephyrus M16, Intel + NVIDIA)", () => {
  it("has an Intel CPU and 40 GiB", () => {
    expect(zephyrus.firmware).toBe("uefi");
    expect(zephyrus.cpu).toEqual({ vendor: "intel", model: "12th Gen Intel(R) Core(TM) i9-12900H", cores: 14, threads: 20, hardwareVirtualisation: true });
    expect(zephyrus.memoryBytes).toBe(40 * GiB);
  });
  it("gives the PRIME bus ids of the NVIDIA dGPU and the Intel iGPU in decimal", () => {
    expect(zephyrus.gpus.map((g) => [g.vendor, g.pciId, g.busId, g.driver])).toEqual([
      ["nvidia", "10de:24a0", "PCI:1:0:0", "nvidia"],
      ["intel", "8086:46a6", "PCI:0:2:0", "i915"],
    ]);
  });
  it("has two NVMe disks", () => {
    expect(zephyrus.disks.map((d) => [d.path, d.byId[0], d.sizeBytes, d.model])).toEqual([
      ["/dev/nvme0n1", "nvme-CT2000P310SSD8_24514D0F486C", 3907029168 * 512, "CT2000P310SSD8"],
      ["/dev/nvme1n1", "nvme-Micron_2450_MTFDKBA1T0TFK_2146334B7D47", 2000409264 * 512, "Micron_2450_MTFDKBA1T0TFK"],
    ]);
  });
  it("has Realtek Ethernet and Intel iwlwifi", () => {
    expect(zephyrus.network.map((n) => [n.kind, n.driver, n.pciId, n.interfaces])).toEqual([
      ["ethernet", "r8169", "10ec:8125", ["eno2"]],
      ["wifi", "iwlwifi", "8086:51f0", ["wlan0"]],
    ]);
  });
});

describe("hetzner-vps (KVM)", () => {
  it("reads the uefi field", () => {
    expect(hetzner.firmware).toBe("uefi");
    expect(hetzner.firmwareInferred).toBeUndefined();
    expect(hetzner.virtualisation).toBe("kvm");
  });
  it("has 12 EPYC vCPUs, 22 GiB, /dev/sda by id, a virtio NIC and no real GPU", () => {
    expect(hetzner.cpu).toEqual({ vendor: "amd", model: "AMD EPYC-Genoa Processor", cores: 12, threads: 12, hardwareVirtualisation: false });
    expect(hetzner.memoryBytes).toBe(22 * GiB);
    expect(hetzner.disks).toEqual([{ path: "/dev/sda", byId: ["scsi-0QEMU_QEMU_HARDDISK_107063565"], sizeBytes: 960004096 * 512, model: "QEMU HARDDISK" }]);
    expect(hetzner.network).toEqual([{ name: "Virtio Ethernet Card 0", vendor: "Virtio", driver: "virtio_net", kind: "ethernet", interfaces: ["enp1s0"] }]);
    expect(hetzner.gpus.map((g) => g.vendor)).toEqual(["other"]);
  });
});

describe("ovh-cloud (hand-written report)", () => {
  it("boots BIOS on KVM with 4 Intel vCPUs, 8 GiB and one 200 GB disk", () => {
    expect(ovh.firmware).toBe("bios");
    expect(ovh.virtualisation).toBe("kvm");
    expect(ovh.cpu).toMatchObject({ vendor: "intel", cores: 4, threads: 4, hardwareVirtualisation: true });
    expect(ovh.memoryBytes).toBe(8 * GiB);
    expect(ovh.disks).toEqual([{ path: "/dev/sda", byId: ["scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0"], sizeBytes: 200e9, model: "QEMU HARDDISK" }]);
    expect(ovh.network.map((n) => [n.kind, n.driver, n.interfaces])).toEqual([["ethernet", "virtio_net", ["ens3"]]]);
    expect(ovh.gpus).toEqual([]);
  });
});

describe("firmware without the uefi field", () => {
  it("is BIOS when the legacy BIOS data area is filled (SeaBIOS), UEFI when it is empty", () => {
    const r = report("ovh-cloud");
    delete r.uefi;
    expect(factsFromFacter(r, "x.json")).toMatchObject({ firmware: "bios", firmwareInferred: true });
    r.hardware.bios.low_memory_size = 0;
    expect(factsFromFacter(r, "x.json")).toMatchObject({ firmware: "uefi", firmwareInferred: true });
  });
});

describe("PRIME bus ids", () => {
  it.each([
    ["0000:01:00.0", "PCI:1:0:0"],
    ["0000:00:02.0", "PCI:0:2:0"],
    ["0000:c1:00.0", "PCI:193:0:0"],
    ["0000:00:1f.3", "PCI:0:31:3"],
    ["0001:02:00.1", "PCI:2@1:0:1"],
  ])("%s is %s", (sysfs, prime) => expect(primeBusId(sysfs)).toBe(prime));
  it("rejects what is not a PCI address", () => expect(primeBusId("virtio1")).toBeUndefined());
});

describe("malformed reports", () => {
  it("names the file and the JSON path of every problem", () => {
    const r = report("zephyrus");
    r.hardware.cpu[0].cores = "fourteen";
    delete r.virtualisation;
    const error = thrownBy(() => factsFromFacter(r, "hosts/zephyrus/facter.json"));
    expect(error.code).toBe("invalid-facts");
    expect(error.locations).toEqual([{ file: "hosts/zephyrus/facter.json", role: "facts" }]);
    expect(error.message).toMatchInlineSnapshot(`
      "hosts/zephyrus/facter.json is not a nixos-facter report panther can read:
      - virtualisation: Invalid input: expected string, received undefined
      - hardware.cpu[0].cores: Invalid input: expected number, received string"
    `);
  });
  it("rejects a report that is not an object, or has no CPU", () => {
    expect(thrownBy(() => factsFromFacter("{}", "a.json")).message).toContain("(top level): Invalid input: expected object, received string");
    const r = report("yoga");
    r.hardware.cpu = [];
    expect(thrownBy(() => factsFromFacter(r, "a.json")).message).toContain("hardware.cpu:");
  });
  it("rejects a disk without a size and a GPU on PCI without ids", () => {
    const r = report("zephyrus");
    r.hardware.disk[1].resources = [];
    r.hardware.graphics_card[0].vendor = null;
    const message = thrownBy(() => factsFromFacter(r, "z.json")).message;
    expect(message).toContain("- hardware.disk[1].resources: no size resource");
    expect(message).toContain("- hardware.graphics_card[0].vendor: a PCI graphics card (0000:01:00.0) needs numeric vendor and device ids");
  });
  it("rejects a memory resource without its range", () => {
    const r = report("hetzner-vps");
    r.hardware.memory[0].resources = [{ type: "phys_mem" }];
    expect(thrownBy(() => factsFromFacter(r, "h.json")).message).toContain("- hardware.memory[0].resources[0].type: a phys_mem or size resource without its value");
  });
});
