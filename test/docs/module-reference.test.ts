// docs/modules.md is generated from the declarations: it must match them, and say every option once.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { defineModule, types } from "panther";
import { currentReference, currentTypes, referenceFile, typesFile } from "../../scripts/gen-module-docs.ts";
import { tsTypeOf } from "../../src/docs/option-types.ts";

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

describe("panther-options.d.ts", () => {
  test("is up to date with the modules' declarations (npm run docs regenerates it)", async () => {
    expect(readFileSync(typesFile, "utf8")).toBe(await currentTypes());
  });

  test("option types map to TypeScript types", () => {
    expect(tsTypeOf(types.listOf(types.nullOr(types.port)))).toBe("readonly (number | null)[]");
    expect(tsTypeOf(types.attrsOf(types.enum(["host", "public"])))).toBe('Readonly<Record<string, "host" | "public">>');
    expect(tsTypeOf(types.either(types.bool, types.str))).toBe("boolean | string");
    expect(tsTypeOf(types.submodule({ options: {} }))).toBe("{}");
    expect(tsTypeOf(types.anything)).toBe("unknown");
  });

  // Type-level checks, enforced by `npm run typecheck` (tsc reports an unused @ts-expect-error).
  test("modules reading config.panther get their options' types", () => {
    const module = defineModule(({ config }) => {
      const domain: string | null = config.panther.services.attic.domain;
      const port: number = config.panther.services.ssh.port;
      // @ts-expect-error a misspelt option inside a known namespace
      const typo = config.panther.services.attic.domian;
      // @ts-expect-error the value has the option's type
      const wrong: number = config.panther.services.attic.domain;
      return { config: { networking: { hostName: String([domain, port, typo, wrong].length) } } };
    });
    expect(typeof module).toBe("function");
  });
});
