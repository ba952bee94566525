// Whole-data tests: every distinct type description of the shipped option sets parses and
// prints back unchanged, and the shipped (imported) specs still print to those descriptions.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeTypeSpec, parseTypeDescription } from "../../src/options/type-description.ts";
import { isPermissive } from "../../src/options/type-spec.ts";
import { loadUpstreamData, walkUpstreamOptions, type UpstreamSet } from "../../src/options/load.ts";

type Row = [description: string, counts: Partial<Record<UpstreamSet, number>>];

const rows = JSON.parse(
  readFileSync(new URL("../../src/options/data/type-descriptions.json", import.meta.url), "utf8"),
) as Row[];
const descriptions = new Set(rows.map(([d]) => d));

/** Descriptions of the Feb 2025 dumps with an opaque custom part (see src/options/data/README.md). */
const KNOWN_PERMISSIVE = 79;

describe("every distinct type description in the data", () => {
  it("is the corpus of both sets", () => {
    expect(rows.length).toBe(1280);
    const total = (set: UpstreamSet): number => rows.reduce((n, [, c]) => n + (c[set] ?? 0), 0);
    expect(total("nixos")).toBe(20919);
    expect(total("home-manager")).toBe(3753);
  });

  it("parses and prints back to the same description", () => {
    const mismatches: Array<{ description: string; printed: string }> = [];
    const permissive: string[] = [];
    for (const [description] of rows) {
      const spec = parseTypeDescription(description);
      if (isPermissive(spec)) {
        permissive.push(description);
        continue;
      }
      const printed = describeTypeSpec(spec);
      if (printed !== description) mismatches.push({ description, printed });
    }
    expect(mismatches).toEqual([]);
    expect(permissive.length).toBe(KNOWN_PERMISSIVE);
  });

  it("permissive fallbacks are opaque names, still round-tripped verbatim", () => {
    const permissive = rows.map(([d]) => d).filter((d) => isPermissive(parseTypeDescription(d)));
    expect(permissive).toContain("settings option");
    expect(permissive).toContain("attribute set of (sysctl option value)");
    expect(permissive).not.toContain("YAML value");
    for (const d of permissive) expect(describeTypeSpec(parseTypeDescription(d))).toBe(d);
    // Options affected: a small fraction of the ~24.7k.
    const affected = rows.filter(([d]) => permissive.includes(d)).reduce((n, [, c]) => n + (c.nixos ?? 0) + (c["home-manager"] ?? 0), 0);
    expect(affected).toBe(92);
  });
});

describe.each<UpstreamSet>(["nixos", "home-manager"])("shipped %s data", (which) => {
  it("holds every option once, each type printing to a description of the dumps", () => {
    const data = loadUpstreamData(which);
    let count = 0;
    const unknown: string[] = [];
    walkUpstreamOptions(data.tree, (loc, option) => {
      count++;
      const printed = describeTypeSpec(option.t);
      if (!descriptions.has(printed)) unknown.push(`${loc.join(".")}: ${printed}`);
    });
    expect(unknown).toEqual([]);
    // The sub-options of initrd units, which the dump leaves empty, come from their stage 2
    // counterparts (src/options/initrd-units.ts).
    const filled = which === "nixos" ? 216 : 0;
    expect(count).toBe(data.optionCount + filled);
    expect(data.optionCount).toBe(which === "nixos" ? 20919 : 3753);
  });
});
