// Loading flake.ts: finding it upwards, clear errors naming flake.ts and the field for a bad
// shape (with "did you mean" for misspelt keys), and the module objects passed through as is.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CliError } from "../../src/cli/errors.ts";
import { findProjectRoot, loadProject, validateFlake } from "../../src/cli/project.ts";

let base: string;

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "panther-project-"));
});

afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const module = { config: {} };
const valid = {
  inputs: { nixpkgs: { url: "github:NixOS/nixpkgs/nixos-25.05" }, home: { url: "github:nix-community/home-manager", follows: { nixpkgs: "nixpkgs" } } },
  hosts: [{ name: "yoga", system: "x86_64-linux", module }],
};

function messageOf(value: unknown): string {
  try {
    validateFlake(value, "/p/flake.ts");
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as CliError).message;
  }
  throw new Error("expected a validation error");
}

describe("validateFlake", () => {
  test("returns the very object flake.ts exported (module identity matters)", () => {
    const flake = validateFlake(valid, "/p/flake.ts");
    expect(flake).toBe(valid);
    expect(flake.hosts[0]!.module).toBe(module);
  });

  test("names flake.ts and each bad field", () => {
    const message = messageOf({ inputs: { nixpkgs: {} }, hosts: [{ name: "yoga", module }] });
    expect(message).toContain("flake.ts: the default export is not a valid flake definition:");
    expect(message).toContain("  - inputs.nixpkgs.url: Invalid input: expected string, received undefined");
    expect(message).toContain("  - hosts[0].system: Invalid input: expected string, received undefined");
  });

  test("suggests the right spelling of unknown keys", () => {
    expect(messageOf({ ...valid, outdir: "out" })).toContain('  - (default export): unknown key "outdir" (Did you mean `outDir\'?)');
    expect(messageOf({ ...valid, hosts: [{ ...valid.hosts[0], tag: ["x"] }] })).toContain('  - hosts[0]: unknown key "tag" (Did you mean `tags\'');
  });

  test("duplicate host names, bad systems and bad names", () => {
    const message = messageOf({
      ...valid,
      hosts: [valid.hosts[0], { name: "yoga", system: "x86_64-linux", module }, { name: "-bad", system: "linux", module: 3 }],
    });
    expect(message).toContain('hosts[1].name: duplicate host name "yoga" (also hosts[0])');
    expect(message).toContain("hosts[2].name: a host name must be");
    expect(message).toContain('hosts[2].system: expected a Nix system double such as "x86_64-linux"');
    expect(message).toContain("hosts[2].module: expected a module");
  });
});

describe("loadProject", () => {
  test("finds flake.ts above the start folder and loads it", async () => {
    fs.writeFileSync(path.join(base, "flake.ts"), `export default { inputs: {}, hosts: [{ name: "a", system: "x86_64-linux", module: {} }], outDir: "result" };\n`);
    fs.mkdirSync(path.join(base, "hosts", "deep"), { recursive: true });
    const project = await loadProject(path.join(base, "hosts", "deep"));
    expect(project.root).toBe(base);
    expect(project.flakeFile).toBe(path.join(base, "flake.ts"));
    expect(project.flake.outDir).toBe("result");
    expect(findProjectRoot(base)).toBe(base);
  });

  test("a flake.ts without a default export", async () => {
    fs.writeFileSync(path.join(base, "flake.ts"), "export const hosts = [];\n");
    await expect(loadProject(base)).rejects.toThrow("flake.ts has no default export.");
  });

  test("a flake.ts that throws while loading", async () => {
    fs.writeFileSync(path.join(base, "flake.ts"), 'throw new Error("oops");\nexport default {};\n');
    await expect(loadProject(base)).rejects.toThrow(/Could not load flake\.ts: oops/);
  });
});

describe("the repository's own flake.ts", () => {
  test("loads and validates, with every host's facts", async () => {
    const project = await loadProject(path.resolve(import.meta.dirname, "../.."));
    expect(project.flake.hosts.length).toBeGreaterThan(0);
    for (const host of project.flake.hosts) expect(host.facts?.firmware, host.name).toMatch(/^(uefi|bios)$/);
  });
});
