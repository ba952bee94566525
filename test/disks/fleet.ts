// A test project with the four hosts' disk layouts and the boot loader module, and hand-written
// facts as nixos-facter reports them (hosts/<host>/facter.json), until flake.ts wires the hosts.
import { defineModule, type Module } from "panther";
import type { HostFacts } from "../../src/facts/types.ts";
import type { HostDefinition, Project } from "../../src/compile/project.ts";
import loader from "../../modules/boot/loader.ts";
import yogaDisks from "../../hosts/yoga/disks.ts";
import zephyrusDisks from "../../hosts/zephyrus/disks.ts";
import hetznerDisks from "../../hosts/hetzner-vps/disks.ts";
import ovhDisks from "../../hosts/ovh-cloud/disks.ts";

const GiB = 1024 ** 3;

export function facts(host: string, firmware: "uefi" | "bios", memoryBytes: number, disks: HostFacts["disks"], virtualisation = "none"): HostFacts {
  return {
    source: `hosts/${host}/facter.json`,
    firmware,
    virtualisation,
    system: { vendor: undefined, product: undefined },
    cpu: { vendor: "amd", model: "test CPU", cores: 4, threads: 8 },
    memoryBytes,
    gpus: [],
    disks,
    network: [],
  };
}

export const hostFacts: Readonly<Record<string, HostFacts>> = {
  yoga: facts("yoga", "uefi", 15 * GiB, [
    { path: "/dev/nvme0n1", byId: ["nvme-WD_PC_SN7100S_SDFPMSL-1T00-1101_25112Q801629"], sizeBytes: 1_000_204_886_016, model: "WD PC SN7100S SDFPMSL-1T00-1101" },
  ]),
  zephyrus: facts("zephyrus", "uefi", 40 * GiB, [
    { path: "/dev/nvme0n1", byId: ["nvme-CT2000P310SSD8_24514D0F486C"], sizeBytes: 2_000_398_934_016, model: "CT2000P310SSD8" },
    { path: "/dev/nvme1n1", byId: ["nvme-Micron_2450_MTFDKBA1T0TFK_2146334B7D47"], sizeBytes: 1_024_209_543_168, model: "Micron_2450_MTFDKBA1T0TFK" },
  ]),
  "hetzner-vps": facts("hetzner-vps", "uefi", 22 * GiB, [{ path: "/dev/sda", byId: ["scsi-0QEMU_QEMU_HARDDISK_107063565"], sizeBytes: 491_000_000_000, model: "QEMU HARDDISK" }], "kvm"),
  "ovh-cloud": facts("ovh-cloud", "bios", 8 * GiB, [{ path: "/dev/sda", byId: [], sizeBytes: 200_000_000_000, model: undefined }], "kvm"),
};

const bootLoader = defineModule({ imports: [loader], panther: { boot: { loader: { enable: true } } } });

export function host(name: string, disks: Module, tags: readonly string[], extra: readonly Module[] = []): HostDefinition {
  return { name, system: "x86_64-linux", module: { imports: [disks, bootLoader, ...extra] }, tags, facts: hostFacts[name] };
}

export const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** A project of `hosts` (the four fleet hosts by default) with the disko input. */
export function project(hosts: readonly HostDefinition[] = fleetHosts): Project {
  return {
    root,
    flakeFile: `${root}/flake.ts`,
    flake: {
      inputs: {
        nixpkgs: { url: "github:NixOS/nixpkgs/64e75cd44acf21c7933d61d7721e812eac1b5a0a" },
        disko: { url: "github:nix-community/disko", follows: { nixpkgs: "nixpkgs" } },
      },
      hosts,
    },
  };
}

export const fleetHosts: readonly HostDefinition[] = [
  host("yoga", yogaDisks, ["laptop"]),
  host("zephyrus", zephyrusDisks, ["laptop"]),
  host("hetzner-vps", hetznerDisks, ["server"]),
  host("ovh-cloud", ovhDisks, ["server"]),
];
