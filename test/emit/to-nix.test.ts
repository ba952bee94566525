// Unit tests of toNix without Nix: output shape and the clear errors for
// values that JSON or Nix cannot hold. The real-Nix round trip is in nix-real.test.ts.

import { describe, expect, it, test } from "vitest";
import { toNix, type JsonValue } from "../../src/emit/to-nix.ts";

describe("toNix output", () => {
  test("a nested value", () => {
    const value: JsonValue = {
      services: { openssh: { enable: true, ports: [22, 2222] } },
      "10-eth0": { Name: "eth0", DHCP: null, metric: -5, weight: 0.5 },
      motd: "Welcome\n  to ${host}\n",
      empty: { list: [], set: {}, string: "" },
    };
    expect(toNix(value)).toMatchInlineSnapshot(`
      "{
        "10-eth0" = {
          DHCP = null;
          Name = "eth0";
          metric = -5;
          weight = 0.5;
        };
        empty = {
          list = [ ];
          set = { };
          string = "";
        };
        motd = ''
          Welcome
            to ''\${host}
        '';
        services.openssh = {
          enable = true;
          ports = [
            22
            2222
          ];
        };
      }"
    `);
  });

  test("scalars", () => {
    expect(toNix(null)).toBe("null");
    expect(toNix(true)).toBe("true");
    expect(toNix(-0)).toBe("0");
    expect(toNix(1.0)).toBe("1");
    expect(toNix(-2.5)).toBe("-2.5");
    expect(toNix(1e-7)).toBe("1.0e-7");
    expect(toNix(Number.MIN_SAFE_INTEGER)).toBe("-9007199254740991");
    expect(toNix("single line\twith tab")).toBe('"single line\\twith tab"');
  });

  test("multi-line strings use the indented form only when exact", () => {
    expect(toNix("a\nb\n")).toBe("''\n  a\n  b\n''");
    expect(toNix("  a\n  b\n")).toBe('"  a\\n  b\\n"');
  });

  test("null-prototype objects and a __proto__ key are plain data", () => {
    const bare = Object.create(null) as Record<string, JsonValue>;
    bare.x = 1;
    expect(toNix(bare)).toBe("{\n  x = 1;\n}");
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}') as JsonValue;
    expect(toNix(parsed)).toBe("{\n  __proto__.polluted = true;\n}");
  });
});

describe("toNix rejects, naming where", () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const sparse: unknown[] = [1];
  sparse[2] = 3;
  class Point {
    x = 1;
  }

  test.each([
    ["NaN", { a: [Number.NaN] }, /NaN at \$\["a"\]\[0\] has no Nix representation/],
    ["Infinity", Number.POSITIVE_INFINITY, /Infinity at \$ has no Nix/],
    ["-Infinity", [Number.NEGATIVE_INFINITY], /-Infinity at \$\[0\]/],
    ["2^53", 2 ** 53, /integer 9007199254740992 at \$ is outside/],
    ["1e21 (an integer to JS)", { big: 1e21 }, /integer 1e\+21 at \$\["big"\] is outside/],
    ["subnormal float", 5e-324, /subnormal float literals \(at \$\)/],
    ["Date", { when: new Date(0) }, /Date instance at \$\["when"\] is not a plain object/],
    ["Map", new Map(), /Map instance at \$ is not a plain object/],
    ["class instance", [new Point()], /Point instance at \$\[0\]/],
    ["cycle", cyclic, /circular reference at \$\["self"\]/],
    ["sparse array", sparse, /sparse array hole at \$\[1\]/],
    ["undefined", { u: undefined }, /undefined at \$\["u"\] is not a JSON value/],
    ["function", [() => 1], /function at \$\[0\]/],
    ["bigint", 1n, /bigint at \$/],
    ["symbol key", { [Symbol("s")]: 1 }, /symbol keys at \$/],
    ["NUL in a string", ["a\u0000"], /string contains a NUL character.* \(at \$\[0\]\)$/],
    ["NUL in a key", { "k\u0000": 1 }, /attribute name contains a NUL character.* \(at \$\["k\\u0000"\]\)$/],
    ["lone surrogate", { s: "\ud83d" }, /lone UTF-16 surrogate.* \(at \$\["s"\]\)$/],
  ])("%s", (_name, value, message) => {
    expect(() => toNix(value as JsonValue)).toThrow(message);
  });
});

describe("public API", () => {
  it("toNix is exported from panther", async () => {
    const api = await import("panther");
    expect(api.toNix({ "10-eth0": ["a${b}", 1] })).toContain('"10-eth0"');
  });
});
