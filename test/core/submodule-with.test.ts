// types.submoduleWith: lazy declarations (only the options a definition or read reaches are built),
// whole-module definitions (imports inside a definition), specialArgs, and declaration merging.

import { describe, expect, it } from "vitest";
import { defineModule, evalModules, mkForce, mkOption, types, type Module } from "panther";
import type { LazyDeclarations, OptionDeclaration } from "../../src/core/options.ts";
import { thrownBy } from "../helpers/errors.ts";

/** A lazy namespace `programs.<name>.{enable, port}` that records which names were materialised. */
function recordingDeclarations(programs: readonly string[]) {
  const built: string[] = [];
  const program = (name: string): LazyDeclarations => ({
    names: () => ["enable", "port"],
    get(option) {
      if (option !== "enable" && option !== "port") return undefined;
      built.push(`programs.${name}.${option}`);
      const decl: OptionDeclaration =
        option === "enable"
          ? (mkOption({ type: types.bool, default: false, description: `Whether to enable ${name}.`, external: true }) as OptionDeclaration)
          : (mkOption({ type: types.port, description: `Port of ${name}.`, external: true }) as OptionDeclaration);
      return { option: decl, source: { file: `<upstream/${name}.nix>` } };
    },
  });
  const root: LazyDeclarations = {
    names: () => ["programs"],
    get: (name) => (name === "programs" ? { namespace: { names: () => [...programs], get: (p) => (programs.includes(p) ? { namespace: program(p) } : undefined) } } : undefined),
  };
  return { root, built };
}

const host = (type: ReturnType<typeof types.submoduleWith>, ...modules: Module[]) =>
  evalModules({ modules: [{ options: { users: mkOption({ type: types.attrsOf(type), default: {} }) } }, ...modules] });

describe("types.submoduleWith", () => {
  it("builds only the lazily declared options that definitions or reads reach", () => {
    const { root, built } = recordingDeclarations(["git", "helix", "fish", "zsh"]);
    const type = types.submoduleWith({ modules: [], lazyDeclarations: root });
    const { config } = host(type, { users: { ada: { programs: { git: { enable: true } } } } });
    expect(config.users.ada.programs.git.enable).toBe(true);
    expect(config.users.ada.programs.helix.enable).toBe(false);
    expect(built.sort()).toEqual(["programs.git.enable", "programs.helix.enable"]);
  });

  it("misspelt lazy options fail with did-you-mean and the definition's file:line", () => {
    const { root } = recordingDeclarations(["git", "helix"]);
    const type = types.submoduleWith({ modules: [], lazyDeclarations: root });
    // @ts-expect-error the type check catches the typo too; this test is about evaluation's error
    const home = defineModule({ programs: { gti: { enable: true } } });
    const e = thrownBy(() => host(type, { users: { ada: home } }).config.users.ada);
    expect(e.code).toBe("undefined-option");
    expect(e.optionPath).toEqual(["users", "ada", "programs", "gti"]);
    expect(e.message).toContain("Did you mean `users.ada.programs.git'?");
    expect(e.locations[0]!.file).toMatch(/submodule-with\.test\.ts$/);
    expect(e.locations[0]!.line).toBeGreaterThan(0);
  });

  it("checks values against the lazily declared types", () => {
    const { root } = recordingDeclarations(["git"]);
    const type = types.submoduleWith({ modules: [], lazyDeclarations: root });
    const e = thrownBy(() => host(type, { users: { ada: { programs: { git: { port: "22" } } } } }).config.users.ada.programs.git.port);
    expect(e.code).toBe("type-mismatch");
    expect(e.message).toContain("is not of type `16 bit unsigned integer; between 0 and 65535 (both inclusive)'");
  });

  it("takes a definition as a whole module (imports, options, config) unless shorthandOnlyDefinesConfig", () => {
    const profile = defineModule({ options: { tools: mkOption({ type: types.listOf(types.str), default: [] }) }, config: { tools: ["git"] } });
    const whole = types.submoduleWith({ modules: [] });
    const { config } = host(whole, { users: { ada: { imports: [profile], tools: mkForce(["hx"]) } } });
    expect(config.users.ada.tools).toEqual(["hx"]);
    const shorthand = types.submoduleWith({ modules: [{ options: { tools: mkOption({ type: types.listOf(types.str), default: [] }) } }], shorthandOnlyDefinesConfig: true });
    const e = thrownBy(() => host(shorthand, { users: { ada: { imports: [profile] } } }).config.users.ada);
    expect(e.code).toBe("undefined-option");
    expect(e.optionPath).toEqual(["users", "ada", "imports"]);
  });

  it("gives its modules the specialArgs and the attribute name", () => {
    const type = types.submoduleWith({
      modules: [({ name, host }: { name: string; host: string }) => ({ options: { id: mkOption({ type: types.str, default: `${name}@${host}` }) } })],
      specialArgs: { host: "yoga" },
    });
    expect(host(type, { users: { ada: {} } }).config.users.ada.id).toBe("ada@yoga");
  });

  it("merges two declarations when their settings agree, and refuses different lazy declarations", () => {
    const { root } = recordingDeclarations(["git"]);
    const a = types.submoduleWith({ modules: [{ options: { x: mkOption({ type: types.int, default: 1 }) } }], lazyDeclarations: root });
    const b = types.submoduleWith({ modules: [{ options: { y: mkOption({ type: types.int, default: 2 }) } }] });
    const { config } = evalModules({ modules: [{ options: { u: mkOption({ type: a, default: {} }) } }, { options: { u: mkOption({ type: b }) } }] });
    expect([config.u.x, config.u.y, config.u.programs.git.enable]).toEqual([1, 2, false]);
    const other = recordingDeclarations(["git"]).root;
    const c = types.submoduleWith({ modules: [], lazyDeclarations: other });
    const e = thrownBy(() => evalModules({ modules: [{ options: { u: mkOption({ type: a }) } }, { options: { u: mkOption({ type: c }) } }] }));
    expect(e.code).toBe("duplicate-declaration");
  });
});
