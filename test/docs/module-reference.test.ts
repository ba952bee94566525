// docs/modules.md is generated from the declarations: it must match them, and say every option once.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { currentReference, referenceFile } from "../../scripts/gen-module-docs.ts";

describe("docs/modules.md", () => {
  test("is up to date with the modules' declarations (npm run docs regenerates it)", async () => {
    expect(readFileSync(referenceFile, "utf8")).toBe(await currentReference());
  });

  test("lists every catalogue option with a description", async () => {
    const rows = (await currentReference()).split("\n").filter((line) => line.startsWith("| `panther."));
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(row, row).not.toMatch(/\| \|$/);
    expect(rows.some((r) => r.startsWith("| `panther.impermanence.enable` |"))).toBe(true);
    expect(rows.some((r) => r.startsWith("| `panther.security.secrets.host` | string | *the host's name in flake.ts*"))).toBe(true);
  });
});
