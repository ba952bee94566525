// The emitted module, evaluated by real Nix with a stub `lib` that records priorities and orders,
// gives back exactly the values panther evaluated, and the winning priority of every option.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { definedOptions } from "../../src/core/eval.ts";
import type { OptionView } from "../../src/core/provenance.ts";
import { compileHost, definedValue, evaluateHost } from "../../src/compile/index.ts";
import { setByModules } from "../../src/compile/defined.ts";
import { nixEvalJson, nixParse, requireNix, runNixTests } from "../helpers/nix.ts";
import { project } from "./fixture-host.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const stubLib = `{
  mkOverride = p: v: { __prio = p; __v = v; };
  mkDefault = v: { __prio = 1000; __v = v; };
  mkForce = v: { __prio = 50; __v = v; };
  mkOptionDefault = v: { __prio = 1500; __v = v; };
  mkOrder = o: v: { __order = o; __v = v; };
  mkBefore = v: { __order = 500; __v = v; };
  mkAfter = v: { __order = 1500; __v = v; };
  mkMerge = vs: { __merge = vs; };
}`;

/** Strip the recorded wrappers as NixOS would merge them: stable sort by order, concatenate. */
function resolve(v: Json): Json {
  if (Array.isArray(v)) return v.map(resolve);
  if (v === null || typeof v !== "object") return v;
  if ("__merge" in v) {
    const parts = (v.__merge as Json[]).map((p) => ({ order: order(p), value: resolve(p) as Json[] }));
    return parts.sort((a, b) => a.order - b.order).flatMap((p) => p.value);
  }
  if ("__prio" in v || "__order" in v) return resolve(v.__v!);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
}
const order = (v: Json): number => (v && typeof v === "object" && !Array.isArray(v) && "__order" in v ? (v.__order as number) : 1000);
const prio = (v: Json): number => (v && typeof v === "object" && !Array.isArray(v) && "__prio" in v ? (v.__prio as number) : 100);

function at(tree: Json, path: readonly string[]): Json {
  return path.reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, tree);
}

describe.skipIf(!runNixTests())("round trip through real Nix", () => {
  beforeAll(requireNix);
  const build = compileHost(project, "fixture");
  const text = build.files[0]!.text;

  it("the emitted module parses", () => {
    expect(nixParse(text)).toMatchObject({ ok: true });
  });

  it("evaluates to exactly panther's values, with the same winning priorities", () => {
    const dir = mkdtempSync(join(tmpdir(), "panther-rt-"));
    writeFileSync(join(dir, "default.nix"), text);
    const { config } = evaluateHost(project, "fixture");
    // What compileHost emits: external options that modules set (not only under `mkIf false`).
    const emitted = definedOptions(config)!.options.filter((o: OptionView) => o.external && o.loc[0] !== "assertions" && setByModules(o));
    const packages = new Set<string>();
    const expected = emitted.map((o) => ({ loc: o.loc, prio: o.highestPrio, value: JSON.parse(JSON.stringify(definedValue(o.value))) as Json }));
    JSON.stringify(expected, (_k, v: unknown) => (typeof v === "string" && v.startsWith("pkgs.") && packages.add(v.slice(5)), v));
    const stubPkgs = `{ ${[...packages].map((p) => `${p} = "pkgs.${p}";`).join(" ")} }`;
    const raw = nixEvalJson(`import ${dir}/default.nix { config = { }; lib = ${stubLib}; pkgs = ${stubPkgs}; }`) as Json;
    const resolved = resolve(raw);
    for (const option of expected) {
      expect(at(resolved, option.loc), option.loc.join(".")).toEqual(option.value);
      expect(prio(at(raw, option.loc)), option.loc.join(".")).toBe(option.prio);
    }
    // Per-key priorities inside attribute sets and submodules travel too.
    expect(prio(at(raw, ["services", "openssh", "settings", "PermitRootLogin"]))).toBe(50);
    expect(prio(at(raw, ["boot", "kernel", "sysctl", "vm.swappiness"]))).toBe(100);
    expect(prio(at(raw, ["users", "users", "ada", "shell"]))).toBe(100);
    expect(order(at(raw, ["users", "users", "ada", "extraGroups"]))).toBe(500);
  });
});

describe("raw Nix", () => {
  it("is emitted verbatim where a module uses it, and rejected with a location when it does not parse", async () => {
    const { nixRaw, NixSyntaxError, defineModule } = await import("panther");
    const { compileHost } = await import("../../src/compile/index.ts");
    const host = defineModule({ services: { openssh: { settings: { Macs: nixRaw('lib.mkDefault [ "hmac-sha2-512" ]') } } } });
    const text = compileHost({ ...project, flake: { ...project.flake, hosts: [{ name: "raw", system: "x86_64-linux", module: host }] } }, "raw").files[0]!.text;
    expect(text).toContain('Macs = lib.mkDefault [ "hmac-sha2-512" ];');
    expect(() => nixRaw("{ a = ; }")).toThrow(NixSyntaxError);
    let thrown: unknown;
    try {
      nixRaw("[ 1\n  (2 ]");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(NixSyntaxError);
    expect(thrown).toMatchObject({ line: 2 });
  });
});
