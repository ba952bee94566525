// The fixpoint: modules read the final config while defining it; only what is read is evaluated.

import { describe, expect, it } from "vitest";
import { defineModule, evalModules, mkDefault, mkIf, mkOption, mkRenamedOptionModule, mkRemovedOptionModule, assertionsModule, checkAssertWarn, types } from "panther";

const decl = (options: object) => defineModule({ options });

describe("laziness and the fixpoint", () => {
  it("an option nobody reads and nobody defines is not an error, until forced", () => {
    const r = evalModules({ modules: [decl({ a: mkOption({ type: types.int }), b: mkOption({ type: types.int, default: 2 }) })] });
    expect(r.config.b).toBe(2);
    expect(() => JSON.stringify(r.config)).toThrow(/`a' was accessed but has no value/);
  });

  it("a module derives values from other options, including its own", () => {
    const m = defineModule(({ config }) => ({
      options: { a: mkOption({ type: types.int }), b: mkOption({ type: types.int }) },
      config: { a: mkDefault(1), b: config.a + 1 },
    }));
    expect(evalModules({ modules: [m] }).config.b).toBe(2);
    expect(evalModules({ modules: [m, { a: 41 }] }).config.b).toBe(42);
  });

  it("mkIf on the module's own enable option, and strings built from config", () => {
    const m = defineModule(({ config }) => ({
      options: { enable: mkOption({ type: types.bool, default: false }), greeting: mkOption({ type: types.str, default: "none" }), who: mkOption({ type: types.str, default: "world" }) },
      config: mkIf(config.enable, { greeting: `hello ${config.who}` }),
    }));
    expect(evalModules({ modules: [m] }).config.greeting).toBe("none");
    expect(evalModules({ modules: [m, { enable: true, who: "nix" }] }).config.greeting).toBe("hello nix");
  });

  it("a default computed from config", () => {
    const m = defineModule(({ config }) => ({
      options: { name: mkOption({ type: types.str }), home: mkOption({ type: types.str, default: `/home/${config.name}` }) },
    }));
    expect(evalModules({ modules: [m, { name: "ada" }] }).config.home).toBe("/home/ada");
  });

  it("a module whose set of definitions depends on config is refused with advice", () => {
    const m = defineModule(({ config }) => ({
      options: { on: mkOption({ type: types.bool, default: false }), x: mkOption({ type: types.int, default: 0 }) },
      config: config.on ? {} : { x: 1 },
    }));
    // Reading `x` alone cannot notice (the probe saw the other branch); forcing everything does.
    expect(() => JSON.stringify(evalModules({ modules: [m] }).config)).toThrow(/mkIf\(condition/);
  });

  it("forcing config prints every namespace with sorted names, small ones and large ones alike", () => {
    // The forced configuration builds small namespaces as ordinary objects and large ones as
    // dictionaries (src/core/eval.ts, materialize): both must print the same way.
    const names = (n: number) => Array.from({ length: n }, (_, i) => `o${String.fromCharCode(122 - i)}`);
    const options = (n: number) => Object.fromEntries(names(n).map((k) => [k, mkOption({ type: types.int, default: 0 })]));
    const r = evalModules({ modules: [decl({ small: options(3), large: options(12) }), { small: { oy: 1 }, large: { op: 2 } }] });
    // What JSON.stringify prints: the plain data `toJSON` returns.
    const forced = (r.config as { toJSON(): Record<string, Record<string, number>> }).toJSON();
    expect(Object.keys(forced)).toEqual(["large", "small"]);
    expect(Object.keys(forced.small!)).toEqual([...names(3)].sort());
    expect(Object.keys(forced.large!)).toEqual([...names(12)].sort());
    expect(forced.small!.oy).toBe(1);
    expect(forced.large!.op).toBe(2);
    for (const namespace of [forced, forced.small, forced.large]) expect(Object.getPrototypeOf(namespace)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(r.config))).toEqual(forced);
  });

  it("mkIf conditions are evaluated only when the option is", () => {
    let reads = 0;
    const m = defineModule(({ config }) => ({
      options: { a: mkOption({ type: types.int, default: 1 }), b: mkOption({ type: types.int, default: 0 }) },
      config: { b: mkIf((reads++, config.a === 1), 5) },
    }));
    const r = evalModules({ modules: [m] });
    expect(r.config.a).toBe(1);
    expect(r.config.b).toBe(5);
    expect(reads).toBe(2); // once while probing, once for real
  });
});

describe("renamed and removed options", () => {
  const target = decl({ services: { sshd: { port: mkOption({ type: types.port, default: 22 }) } } });
  it("a renamed option forwards its definitions with their priority and warns", () => {
    const r = evalModules({
      modules: [assertionsModule, target, mkRenamedOptionModule(["sshPort"], ["services", "sshd", "port"]), { sshPort: mkDefault(2222) }],
    });
    expect(r.config.services.sshd.port).toBe(2222);
    expect(r.options.services.sshd.port.highestPrio).toBe(1000);
    expect(checkAssertWarn(r.options)[0]).toMatch(/`sshPort' defined in .* has been renamed to `services.sshd.port'/);
  });
  it("a removed option fails an assertion naming the definition", () => {
    const r = evalModules({ modules: [assertionsModule, mkRemovedOptionModule(["oldThing"], "Use newThing."), { oldThing: 1 }] });
    expect(() => checkAssertWarn(r.options)).toThrow(/`oldThing' in .*laziness.test.ts.* no longer has any effect; please remove it.\nUse newThing./s);
  });
});

describe("imports, disabledModules, freeformType, provenance", () => {
  it("the same module imported twice is evaluated once", () => {
    const shared = defineModule({ options: { l: mkOption({ type: types.listOf(types.int), default: [] }) } });
    const one = defineModule({ imports: [shared], l: [1] });
    expect(evalModules({ modules: [shared, one, { imports: [shared] }] }).config.l).toEqual([1]);
  });
  it("disabledModules drops a module and its imports", () => {
    const noisy = defineModule({ imports: [{ l: [9] }], l: [8] });
    const base = decl({ l: mkOption({ type: types.listOf(types.int), default: [] }) });
    expect(evalModules({ modules: [base, noisy, { disabledModules: [noisy], l: [1] }] }).config.l).toEqual([1]);
  });
  it("freeformType merges undeclared definitions; declared options win", () => {
    const r = evalModules({
      modules: [{ freeformType: types.attrsOf(types.int), options: { a: mkOption({ type: types.int, default: 1 }) } }, { b: 2, c: 3 }, { c: 3 }],
    });
    expect(JSON.parse(JSON.stringify(r.config))).toEqual({ a: 1, b: 2, c: 3 });
  });
  it("options expose declarations, every definition with priority, and the winner", () => {
    const d = decl({ port: mkOption({ type: types.port, default: 80, description: "Port." }) });
    const r = evalModules({ modules: [d, { port: mkDefault(81) }, { port: 82 }] });
    const o = r.options.port;
    expect(o.value).toBe(82);
    expect(o.highestPrio).toBe(100);
    expect(o.type.description).toContain("16 bit unsigned");
    expect(o.declarations[0].file).toMatch(/laziness.test.ts$/);
    expect(o.allDefinitions.map((x: { value: unknown; priority: number; winning: boolean }) => [x.value, x.priority, x.winning])).toEqual([
      [80, 1500, false],
      [82, 100, true],
      [81, 1000, false],
    ]);
  });
});
