// yoga's hardware facts, read from its nixos-facter report (regenerate on the machine with
// `sudo nix run nixpkgs#nixos-facter -- -o hosts/yoga/facter.json`).
import { fileURLToPath } from "node:url";
import { factsFromFacter, type HostFacts } from "panther";
import report from "./facter.json" with { type: "json" };

export const facts: HostFacts = factsFromFacter(report, fileURLToPath(new URL("./facter.json", import.meta.url)));
