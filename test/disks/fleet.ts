// A test project with the four hosts' disk layouts, their facts and the boot loader module (until
// flake.ts wires the hosts), and hand-written facts for made-up test machines.
import { defineModule, type Module } from "panther";
import type { HostFacts } from "../../src/facts/types.ts";
import type { HostDefinition, Project } from "../../src/compile/project.ts";
import loader from "../../modules/boot/loader.ts";
import yogaDisks from "../../hosts/yoga/disks.ts";
import zephyrusDisks from "../../hosts/zephyrus/disks.ts";
import hetznerDisks from "../../hosts/hetzner-vps/disks.ts";
import ovhDisks from "../../hosts/ovh-cloud/disks.ts";
import { facts as yogaFacts } from "../../hosts/yoga/facts.ts";
import { facts as zephyrusFacts } from "../../hosts/zephyrus/facts.ts";
import { facts as hetznerFacts } from "../../hosts/hetzner-vps/facts.ts";
import { facts as ovhFacts } from "../../hosts/ovh-cloud/facts.ts";

/** Facts of a made-up machine, as the facts parser gives them. */
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
  yoga: yogaFacts,
  zephyrus: zephyrusFacts,
  "hetzner-vps": hetznerFacts,
  "ovh-cloud": ovhFacts,
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
