// diskoContributions agrees with disko itself: the NixOS configuration disko's module.nix adds
// for each fleet host and for a layout using every device kind, as recorded from the real disko
// by check-disko.sh --json (test/fixtures/disko/*.nixos.json; see docs/disks.md to re-record).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evalModules, type Module } from "panther";
import { upstreamDeclarations } from "../../src/options/upstream.ts";
import { inputOptionsModule } from "../../src/options/inputs/index.ts";
import { evaluateHost } from "../../src/compile/index.ts";
import { diskoContributions, diskoNixosConfig } from "../../src/disks/contributions.ts";
import { project } from "./fleet.ts";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/disko/${name}`, import.meta.url), "utf8")) as Record<string, any>;

/** What disko computed, without the option of NixOS before 23.11 that disko also sets. */
function recorded(name: string) {
  const nixos = fixture(`${name}.nixos.json`);
  delete nixos.boot.initrd.services;
  return nixos;
}

describe("diskoContributions agrees with disko's module.nix", () => {
  for (const name of ["yoga", "zephyrus", "hetzner-vps", "ovh-cloud"]) {
    it(`for ${name}`, () => {
      const { config } = evaluateHost(project(), name);
      expect(diskoNixosConfig(diskoContributions(config.disko.devices))).toEqual(recorded(name));
    });
  }

  it("for a layout with swap partitions, swap files, mdadm, LVM, LUKS without initrd unlock and tmpfs", () => {
    const devices = fixture("mixed.devices.json");
    const { config } = evalModules({ modules: [inputOptionsModule(["disko"]), { disko: { devices } } as Module], lazyDeclarations: upstreamDeclarations("nixos") });
    expect(diskoNixosConfig(diskoContributions(config.disko.devices))).toEqual(recorded("mixed"));
  });
});
