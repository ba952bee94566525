// Each type: its description (nixpkgs' wording), what its check accepts, and how it merges.

import { describe, expect, it } from "vitest";
import { defineModule, evalModules, mkOption, pkgs, types, type OptionType } from "panther";

/** Evaluate one option `x` of `type` with one module per definition (module order = argument order). */
function merge(type: OptionType, ...defs: unknown[]): unknown {
  const modules = [{ options: { x: mkOption({ type }) } }, ...defs.map((d) => ({ x: d }))];
  return evalModules({ modules }).config.x;
}
const fails = (type: OptionType, ...defs: unknown[]) => {
  try {
    JSON.stringify(merge(type, ...defs));
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return "no error";
};

describe("type descriptions match nixpkgs", () => {
  it.each([
    [types.bool, "boolean"],
    [types.int, "signed integer"],
    [types.str, "string"],
    [types.lines, 'strings concatenated with "\\n"'],
    [types.commas, 'strings concatenated with ","'],
    [types.port, "16 bit unsigned integer; between 0 and 65535 (both inclusive)"],
    [types.ints.u8, "8 bit unsigned integer; between 0 and 255 (both inclusive)"],
    [types.ints.s32, "32 bit signed integer; between -2147483648 and 2147483647 (both inclusive)"],
    [types.ints.between(1, 9), "integer between 1 and 9 (both inclusive)"],
    [types.ints.positive, "positive integer, meaning >0"],
    [types.listOf(types.str), "list of string"],
    [types.attrsOf(types.int), "attribute set of signed integer"],
    [types.lazyAttrsOf(types.listOf(types.str)), "lazy attribute set of list of string"],
    [types.nullOr(types.str), "null or string"],
    [types.nullOr(types.listOf(types.str)), "null or (list of string)"],
    [types.listOf(types.nullOr(types.str)), "list of (null or string)"],
    [types.enum(["a", "b"]), 'one of "a", "b"'],
    [types.enum(["a"]), 'value "a" (singular enum)'],
    [types.either(types.str, types.int), "string or signed integer"],
    [types.either(types.ints.unsigned, types.str), "unsigned integer, meaning >=0, or string"],
    [types.oneOf([types.bool, types.int, types.str]), "boolean or signed integer or string"],
    [types.listOf(types.submodule({})), "list of (submodule)"],
    [types.attrsOf(types.attrs), "attribute set of (attribute set)"],
    [types.path, "absolute path"],
    [types.package, "package"],
    [types.anything, "anything"],
    [types.unspecified, "unspecified value"],
  ])("%#: %s", (type, description) => {
    expect((type as OptionType).description).toBe(description);
  });
});

describe("checks", () => {
  it.each([
    [types.bool, [true, false], [0, "true", null]],
    [types.int, [0, -5, 2 ** 40], [1.5, "1", null]],
    [types.port, [0, 65535], [-1, 65536, 1.5]],
    [types.ints.u8, [0, 255], [256, -1]],
    [types.ints.s8, [-128, 127], [128, -129]],
    [types.ints.unsigned, [0, 7], [-1]],
    [types.ints.positive, [1], [0]],
    [types.str, ["", "x"], [1, null]],
    [types.nonEmptyStr, ["x"], ["", " \n"]],
    [types.strMatching("[a-z]+"), ["abc"], ["ABC", "abc1"]],
    // A package is string-like in Nix (its store path), so paths accept it.
    [types.path, ["/etc/x", pkgs.hello], ["etc/x", 1]],
    // hardware.nvidia.prime.*BusId: POSIX [[:print:]] is printable ASCII, space included.
    [types.strMatching("([[:print:]]+[:@][0-9]{1,3}:[0-9]{1,2}:[0-9])?"), ["PCI:1:0:0", "PCI:0:2:0", ""], ["PCI:1:0", "PCI\n:1:0:0"]],
    // POSIX brackets: a backslash is an ordinary character (NixOS' unitNameType), "]" first is literal.
    [types.strMatching("[a-z0-9.\\-]+[.](device|mount)"), ["dev-disk-by\\x2dlabel-x.device", "a-b.mount"], ["a/b.device", "a.swap"]],
    [types.strMatching("[]a]+"), ["]a]"], ["b"]],
    [types.strMatching("[[:alnum:]_]+"), ["a_1"], ["a-1"]],
    [types.enum(["a", 1]), ["a", 1], ["b", 2]],
    [types.listOf(types.int), [[], [1]], [{}, 1]],
    [types.attrsOf(types.int), [{}, { a: 1 }], [[], 1]],
    [types.nullOr(types.int), [null, 1], ["x"]],
    [types.package, [pkgs.ripgrep, "/nix/store/abc-x"], ["ripgrep", {}]],
    [types.submodule({}), [{}, () => ({})], [1, []]],
  ] as [OptionType, unknown[], unknown[]][])("%#", (type, good, bad) => {
    for (const v of good) expect(type.check(v), String(v)).toBe(true);
    for (const v of bad) expect(type.check(v), String(v)).toBe(false);
  });
});

describe("merges", () => {
  it("scalars: equal definitions merge, different ones conflict", () => {
    expect(merge(types.int, 3, 3)).toBe(3);
    expect(fails(types.int, 3, 4)).toBe("conflicting-definitions");
    expect(fails(types.bool, true, false)).toBe("conflicting-definitions");
    expect(merge(types.boolByOr, true, false)).toBe(true);
  });
  it("separated strings join in definition order (reverse module order)", () => {
    expect(merge(types.lines, "a", "b")).toBe("b\na");
    expect(merge(types.commas, "a", "b")).toBe("b,a");
  });
  it("lists concatenate, attribute sets merge per key", () => {
    expect(merge(types.listOf(types.int), [1], [2, 3])).toEqual([2, 3, 1]);
    expect(merge(types.attrsOf(types.int), { a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(fails(types.attrsOf(types.int), { a: 1 }, { a: 2 })).toBe("conflicting-definitions");
  });
  it("raw and uniq refuse two definitions even when equal", () => {
    expect(fails(types.raw, 1, 1)).toBe("conflicting-definitions");
    expect(fails(types.uniq(types.int), 1, 1)).toBe("conflicting-definitions");
  });
  it("either picks the side every definition fits", () => {
    expect(merge(types.either(types.int, types.listOf(types.str)), ["a"], ["b"])).toEqual(["b", "a"]);
    expect(fails(types.either(types.int, types.str), 1, "a")).toBe("type-mismatch");
  });
  it("anything merges sets recursively and refuses differing lists", () => {
    expect(merge(types.anything, { a: { b: 1 } }, { a: { c: 2 } })).toEqual({ a: { b: 1, c: 2 } });
    expect(fails(types.anything, [1], [2])).toBe("conflicting-definitions");
    expect(fails(types.anything, 1, "x")).toBe("conflicting-definitions");
  });
  it("unspecified concatenates strings and lists, ORs booleans", () => {
    expect(merge(types.unspecified, "a", "b")).toBe("ba");
    expect(merge(types.unspecified, [1], [2])).toEqual([2, 1]);
    expect(merge(types.unspecified, false, true)).toBe(true);
  });
  it("packages are unique references", () => {
    expect(merge(types.package, pkgs.ripgrep)).toBe(pkgs.ripgrep);
    expect(fails(types.package, pkgs.ripgrep, pkgs.fd)).toBe("conflicting-definitions");
  });
  it("enum declarations merge by union", () => {
    const a = defineModule({ options: { x: mkOption({ type: types.enum(["a"]) }) } });
    const b = defineModule({ options: { x: mkOption({ type: types.enum(["b"]) }) }, config: { x: "b" } });
    expect(evalModules({ modules: [a, b] }).config.x).toBe("b");
    expect(evalModules({ modules: [a, b] }).options.x.type.description).toBe('one of "b", "a"');
  });
  it("submodules see the attribute name and their own config", () => {
    const user = types.submodule(({ name, config }: { name: string; config: { home: string } }) => ({
      options: {
        home: mkOption({ type: types.str, default: `/home/${name}` }),
        shell: mkOption({ type: types.str, default: `${config.home}/.nix-profile/bin/fish` }),
      },
    }));
    const modules = [{ options: { users: mkOption({ type: types.attrsOf(user) }) } }, { users: { ada: {}, bob: { home: "/srv/bob" } } }];
    expect(JSON.parse(JSON.stringify(evalModules({ modules }).config))).toEqual({
      users: {
        ada: { home: "/home/ada", shell: "/home/ada/.nix-profile/bin/fish" },
        bob: { home: "/srv/bob", shell: "/srv/bob/.nix-profile/bin/fish" },
      },
    });
  });
});
