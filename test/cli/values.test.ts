// Option paths typed on the command line (quoted components), and the Nix-looking text that
// `eval` and `option` print (packages as `pkgs.x`, short lists on one line).

import { describe, expect, test } from "vitest";
import { pkgs } from "../../src/lib/index.ts";
import { parseOptionPath, showNix, showNixInline, showPath, toPlain } from "../../src/cli/values.ts";

describe("option paths", () => {
  test("dots separate components; quotes keep dots inside one", () => {
    expect(parseOptionPath("services.openssh.enable")).toEqual(["services", "openssh", "enable"]);
    expect(parseOptionPath('services.nginx.virtualHosts."example.com".root')).toEqual(["services", "nginx", "virtualHosts", "example.com", "root"]);
    expect(parseOptionPath('a."b\\"c"')).toEqual(["a", 'b"c']);
  });

  test.each(["", "a..b", "a.", '"a', '"a"b'])("rejects %j", (text) => {
    expect(() => parseOptionPath(text)).toThrow();
  });

  test("showPath quotes what is not an identifier", () => {
    expect(showPath(["users", "users", "alice.b", "shell"])).toBe('users.users."alice.b".shell');
  });
});

describe("Nix-looking text", () => {
  test("attribute sets, lists, strings, packages", () => {
    const value = { b: [1, "x"], a: { "with space": null, if: true }, p: pkgs.python3Packages!.requests, s: "a\"${b}\n" };
    expect(showNix(value)).toBe(
      ['{', '  b = [ 1 "x" ];', "  a = {", '    "with space" = null;', '    "if" = true;', "  };", "  p = pkgs.python3Packages.requests;", '  s = "a\\"\\${b}\\n";', "}"].join("\n"),
    );
  });

  test("long or nested lists go one element per line", () => {
    expect(showNix([{ a: 1 }])).toBe("[\n  {\n    a = 1;\n  }\n]");
    expect(showNix(["x".repeat(70)])).toBe(`[\n  "${"x".repeat(70)}"\n]`);
  });

  test("inline text is cut", () => {
    expect(showNixInline({ a: [1, 2], b: {} })).toBe("{ a = [ 1 2 ]; b = { }; }");
    expect(showNixInline("x".repeat(100), 10)).toBe(`"xxxxxxxx…`);
  });

  test("toPlain keeps packages as references", () => {
    const plain = toPlain({ list: [pkgs.git], nested: { p: pkgs.htop } }) as { list: unknown[]; nested: { p: unknown } };
    expect(showNixInline(plain)).toBe("{ list = [ pkgs.git ]; nested = { p = pkgs.htop; }; }");
    expect(JSON.stringify(plain)).toBe('{"list":["pkgs.git"],"nested":{"p":"pkgs.htop"}}');
  });
});
