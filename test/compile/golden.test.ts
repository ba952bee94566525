// Golden files: the emitted files of the fixture host and of the four fleet hosts, and flake.nix.
// Regenerate after an intended change with PANTHER_UPDATE_GOLDEN=1 npm test.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import flake from "../../flake.ts";
import { compileFlake, compileHost, type Project } from "../../src/compile/index.ts";
import { nixParse, runNixTests } from "../helpers/nix.ts";
import { project as fixture } from "./fixture-host.ts";


const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const fleet: Project = { root, flake, flakeFile: `${root}/flake.ts` };

/** One emitted file of a fleet host. */
const fleetFile = (host: string, file: string) => () => compileHost(fleet, host).files.find((f) => f.path === `hosts/${host}/${file}`)!.text;

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
  ["flake.nix", () => compileFlake(fleet, fleet.flake.hosts.map((h) => h.name)).text],
  // The fleet itself: every emitted file of the four hosts (each disko.nix passed check-disko.sh).
  ...(["yoga", "zephyrus", "hetzner-vps", "ovh-cloud"] as const).flatMap((host) =>
    (["default.nix", "disko.nix"] as const).map((file) => [`${host}/${file}`, fleetFile(host, file)] as const),
  ),
] as const;

describe("emitted files", () => {
  for (const [name, emit] of outputs) {
    it(`${name} matches its golden file`, () => golden(name, emit()));
    it(`${name} is byte-identical when built twice`, () => expect(emit()).toBe(emit()));
    it.skipIf(!runNixTests())(`${name} parses with nix-instantiate`, () => expect(nixParse(emit())).toMatchObject({ ok: true }));
  }
});
