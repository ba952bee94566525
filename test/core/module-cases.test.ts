// The Nix-verified cases: panther's evalModules must give exactly what nixpkgs lib gave.

import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { caseOutcome, type CaseModule } from "../helpers/module-case.ts";

const dir = new URL("../fixtures/module-cases/", import.meta.url);
const expected = new Map(
  readFileSync(new URL("EXPECTED.txt", dir), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(/\s+/) as [string, string]),
);
const names = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5));

describe("Nix-verified module cases", () => {
  it("has an expectation for every case", () => {
    expect(names.length).toBe(40);
    expect(names.filter((n) => !expected.has(n))).toEqual([]);
  });
  for (const name of names) {
    it(name, () => {
      const json = JSON.parse(readFileSync(new URL(`${name}.json`, dir), "utf8")) as { modules: CaseModule[] };
      expect(caseOutcome(json.modules)).toBe(expected.get(name));
    });
  }
});
