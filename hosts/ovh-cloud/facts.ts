// ovh-cloud's hardware facts. There is no nixos-facter report of this machine: facter.json is
// written by hand in the report's format from what the fleet knows (OVH VPS under KVM, legacy BIOS
// boot, 4 Intel vCPUs, 8 GiB, one 200 GB virtio-scsi disk /dev/sda, virtio network on ens3).
// Replace it with a real report when possible: `sudo nix run nixpkgs#nixos-facter -- -o hosts/ovh-cloud/facter.json`.
import { fileURLToPath } from "node:url";
import { factsFromFacter, type HostFacts } from "panther";
import report from "./facter.json" with { type: "json" };

export const facts: HostFacts = factsFromFacter(report, fileURLToPath(new URL("./facter.json", import.meta.url)));
