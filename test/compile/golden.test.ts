// Golden files: the emitted host module and flake.nix of the fixture host and of hetzner-vps.
// Regenerate after an intended change with PANTHER_UPDATE_GOLDEN=1 npm test.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import flake from "../../flake.ts";
import { compileFlake, compileHost, type Project } from "../../src/compile/index.ts";
import { nixParse, runNixTests } from "../helpers/nix.ts";
import { project as fixture } from "./fixture-host.ts";
import { project as diskHosts } from "../disks/fleet.ts";

/** hosts/<host>/disko.nix of a fleet host's layout (test/disks/fleet.ts), what check-disko.sh validated. */
const diskoOf = (host: string) => () => compileHost(diskHosts(), host).files.find((f) => f.path === `hosts/${host}/disko.nix`)!.text;

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const fleet: Project = { root, flake, flakeFile: `${root}/flake.ts` };

function golden(name: string, text: string): void {
  const file = new URL(`../golden/${name}`, import.meta.url).pathname;
  if (process.env.PANTHER_UPDATE_GOLDEN === "1" || !existsSync(file)) {
    if (process.env.CI) throw new Error(`golden file ${name} is missing; run PANTHER_UPDATE_GOLDEN=1 npm test`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, "utf8"));
}

const outputs = [
  ["fixture/default.nix", () => compileHost(fixture, "fixture").files[0]!.text],
  ["hetzner-vps/default.nix", () => compileHost(fleet, "hetzner-vps").files[0]!.text],
  ["flake.nix", () => compileFlake(fleet, fleet.flake.hosts.map((h) => h.name)).text],
  ...(["yoga", "zephyrus", "hetzner-vps", "ovh-cloud"] as const).map((host) => [`${host}/disko.nix`, diskoOf(host)] as const),
] as const;

describe("emitted files", () => {
  for (const [name, emit] of outputs) {
    it(`${name} matches its golden file`, () => golden(name, emit()));
    it(`${name} is byte-identical when built twice`, () => expect(emit()).toBe(emit()));
    it.skipIf(!runNixTests())(`${name} parses with nix-instantiate`, () => expect(nixParse(emit())).toMatchObject({ ok: true }));
  }
});
