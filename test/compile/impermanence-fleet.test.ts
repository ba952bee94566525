// The four fleet hosts' disk layouts with panther.impermanence: each builds (every persistence
// check passes), gets the rollback unit for its root device, and the module
// scripts/impermanence-check-files.ts extracts for the offline impermanence checker reads, with
// Nix, exactly the persistence panther evaluated.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileHost, evaluateHost } from "../../src/compile/index.ts";
import { impermanenceCheckModule } from "../../scripts/impermanence-check-files.ts";
import { project } from "../fixtures/impermanence/fleet.ts";
import { nixEvalJson, nixParse, runNixTests } from "../helpers/nix.ts";

const devices: Record<string, { unit: string; luks: boolean; neededForBoot: string[] }> = {
  yoga: { unit: "dev-mapper-cryptroot.device", luks: true, neededForBoot: ["/home", "/persist", "/var/log"] },
  zephyrus: { unit: "dev-mapper-cryptroot.device", luks: true, neededForBoot: ["/home", "/persist", "/var/log"] },
  "hetzner-vps": { unit: "dev-disk-by\\x2dpartlabel-disk\\x2dmain\\x2droot.device", luks: false, neededForBoot: ["/persist", "/var/log"] },
  "ovh-cloud": { unit: "dev-disk-by\\x2dpartlabel-disk\\x2dmain\\x2droot.device", luks: false, neededForBoot: ["/persist", "/var/log"] },
};

/** Enough of nixpkgs `lib` for an emitted host module and the extracted check module. */
const libStub = `
  let lib = rec {
    attrByPath = p: d: s: if p == [ ] then s
      else if builtins.isAttrs s && builtins.hasAttr (builtins.head p) s then attrByPath (builtins.tail p) d s.\${builtins.head p} else d;
    mapAttrs = builtins.mapAttrs;
    mkDefault = x: x; mkForce = x: x; mkOverride = _: x: x; mkBefore = x: x; mkAfter = x: x; mkMerge = x: x;
  }; in lib`;

const dir = mkdtempSync(join(tmpdir(), "panther-impermanence-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(Object.keys(devices))("%s", (name) => {
  const expected = devices[name]!;

  it("builds, with the rollback unit after its root device", () => {
    const config = evaluateHost(project, name).config as any;
    const unit = config.boot.initrd.systemd.services["rollback-root"];
    expect(unit.requires).toEqual([expected.unit]);
    expect(unit.after).toEqual([expected.unit, ...(expected.luks ? ["systemd-cryptsetup@cryptroot.service"] : []), "local-fs-pre.target"]);
    const needed = Object.keys(config.fileSystems).filter((mp) => config.fileSystems[mp].neededForBoot);
    expect(needed).toEqual(expected.neededForBoot);
    expect(compileHost(project, name).files.map((f) => f.path)).toEqual([`hosts/${name}/default.nix`, `hosts/${name}/disko.nix`]);
  });

  it.skipIf(!runNixTests())("the extracted check module gives Nix the persistence panther evaluated", () => {
    const hostDir = join(dir, name);
    mkdirSync(hostDir, { recursive: true });
    const files = { "default.nix": compileHost(project, name).files[0]!.text, "impermanence-check.nix": impermanenceCheckModule(name) };
    for (const [file, text] of Object.entries(files)) {
      expect(nixParse(text)).toMatchObject({ ok: true });
      writeFileSync(join(hostDir, file), text);
    }
    const evaluated = nixEvalJson(`(import ${join(hostDir, "impermanence-check.nix")} { lib = ${libStub}; })`) as any;
    const config = evaluateHost(project, name).config as any;
    // The options panther sets; the others keep impermanence's defaults and are not emitted.
    const persist = evaluated.environment.persistence["/persist"];
    expect(Object.keys(evaluated.environment.persistence)).toEqual(["/persist"]);
    expect(Object.keys(persist).sort()).toEqual(["directories", "files", "hideMounts", "users"]);
    for (const key of Object.keys(persist)) expect(persist[key], key).toEqual(JSON.parse(JSON.stringify(config.environment.persistence["/persist"][key])));
    expect(evaluated.fileSystems).toEqual(Object.fromEntries(expected.neededForBoot.map((mp) => [mp, { neededForBoot: true }])));
    expect(evaluated.users.users).toEqual({ admin: {} });
  });
});
