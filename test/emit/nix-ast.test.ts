// Unit tests of the syntax tree constructors: validation, attrset canonical form,
// and the lexical forms (escaping, quoting, numbers) as printed.

import { describe, expect, test } from "vitest";
import {
  attrs,
  bind,
  compareNames,
  float,
  ident,
  indented,
  inherit,
  int,
  isBareAttrName,
  letIn,
  path,
  ref,
  select,
  setLambda,
  str,
  app,
  lambda,
  list,
} from "../../src/emit/nix-ast.ts";
import { formatFloat, printExpr, quoteString } from "../../src/emit/print.ts";

describe("double-quoted strings", () => {
  test.each([
    ["plain", "hello", '"hello"'],
    ["quote and backslash", 'a"b\\c', '"a\\"b\\\\c"'],
    ["interpolation start", "${x}", '"\\${x}"'],
    ["lone dollar and brace", "$x {y} $ {", '"$x {y} $ {"'],
    ["dollar before interpolation", "$${x}", '"$\\${x}"'],
    ["dollar at end", "a$", '"a$"'],
    ["newline, CR, tab", "a\nb\rc\td", '"a\\nb\\rc\\td"'],
    ["indented-string quotes are literal", "'' '''", "\"'' '''\""],
    ["non-ASCII and emoji", "é ü 😀 \u2028", '"é ü 😀 \u2028"'],
    ["control characters stay literal", "\u0001\u007f", '"\u0001\u007f"'],
    ["empty", "", '""'],
  ])("%s", (_name, value, expected) => {
    expect(quoteString(value)).toBe(expected);
    expect(printExpr(str(value))).toBe(expected);
  });
});

describe("indented strings", () => {
  test("multi-line text with a final newline", () => {
    expect(printExpr(indented("a\n  b\n"))).toBe("''\n  a\n    b\n''");
  });

  test("no final newline closes on the last line", () => {
    expect(printExpr(indented("a\nb"))).toBe("''\n  a\n  b''");
  });

  test("escapes '' as ''', ${ as ''${, CR as ''\\r", () => {
    expect(printExpr(indented("a''b${c}\r\n"))).toBe("''\n  a'''b''${c}''\\r\n''");
  });

  test("odd runs of quotes", () => {
    expect(printExpr(indented("'''\n'\n''''\n"))).toBe("''\n  ''''\n  '\n  ''''''\n''");
  });

  test("a lone quote before an escape or the closing '' is escaped as ''\\'", () => {
    expect(printExpr(indented("x\n'${a}"))).toBe("''\n  x\n  ''\\'''${a}''");
    expect(printExpr(indented("x\na'"))).toBe("''\n  x\n  a''\\'''");
    expect(printExpr(indented("x\na'\n"))).toBe("''\n  x\n  a'\n''");
  });

  test("backslashes, quotes, tabs and lone dollars are literal", () => {
    expect(printExpr(indented('\\n "q" \tt $x $\n'))).toBe("''\n  \\n \"q\" \tt $x $\n''");
  });

  test("whitespace-only lines keep their spaces, empty lines stay empty", () => {
    expect(printExpr(indented("a\n\n   \nb\n"))).toBe("''\n  a\n\n     \n  b\n''");
  });

  test("follows the surrounding indentation", () => {
    expect(printExpr(attrs({ a: attrs({ b: indented("x\ny\n"), c: str("") }) }))).toBe(
      "{\n  a = {\n    b = ''\n      x\n      y\n    '';\n    c = \"\";\n  };\n}",
    );
  });

  test.each([
    ["single line", "abc"],
    ["every content line indented (Nix would strip it)", "  a\n  b\n"],
    ["last line only spaces (Nix would drop it)", "a\n  "],
    ["only whitespace", "  \n"],
    ["only newlines", "\n\n"],
  ])("falls back to double quotes: %s", (_name, value) => {
    expect(printExpr(indented(value))).toBe(quoteString(value));
  });

  test("a tab counts as content, so a tab-indented block still works", () => {
    expect(printExpr(indented("\ta\n\tb\n"))).toBe("''\n  \ta\n  \tb\n''");
  });
});

describe("attribute names", () => {
  test.each([
    ["enable", true],
    ["systemd-boot", true],
    ["a'b", true],
    ["_private", true],
    ["__curPos", true],
    ["foo.bar", false],
    ["10-eth0", false],
    ["", false],
    ["a b", false],
    ["é", false],
    ["-a", false],
    // Keywords of Nix 2.8's lexer.
    ["if", false],
    ["then", false],
    ["else", false],
    ["assert", false],
    ["with", false],
    ["let", false],
    ["in", false],
    ["rec", false],
    ["inherit", false],
    // Accepted bare by Nix 2.8, quoted anyway (contextual keyword, and the raw() grammar rejects them).
    ["or", false],
    ["true", false],
    ["false", false],
    ["null", false],
    ["builtins", false],
    ["import", true],
  ])("%j bare: %s", (name, bare) => {
    expect(isBareAttrName(name)).toBe(bare);
    expect(printExpr(select(ident("x"), name))).toBe(bare ? `x.${name}` : `x.${quoteString(name)}`);
  });

  test("quoted names are escaped like strings", () => {
    expect(printExpr(attrs({ "${x}": int(1), 'a"b': int(2), "a\nb": int(3) })).split("\n")).toEqual([
      "{",
      '  "\\${x}" = 1;',
      '  "a\\nb" = 3;',
      '  "a\\"b" = 2;',
      "}",
    ]);
  });

  test("sorted by code point like builtins.attrNames, not by UTF-16 code unit", () => {
    const names = ["😀", "\uFFFD", "b", "B", "a", "", "é"];
    expect([...names].sort(compareNames)).toEqual(["", "B", "a", "b", "é", "\uFFFD", "😀"]);
    expect([...names].sort()).not.toEqual([...names].sort(compareNames));
  });
});

describe("numbers", () => {
  test("ints must be safe integers", () => {
    expect(printExpr(int(42))).toBe("42");
    expect(printExpr(int(-0))).toBe("0");
    expect(printExpr(int(Number.MAX_SAFE_INTEGER))).toBe("9007199254740991");
    expect(() => int(2 ** 53)).toThrow(/safe integer/);
    expect(() => int(1.5)).toThrow(/safe integer/);
    expect(() => int(Number.NaN)).toThrow(/safe integer/);
  });

  test.each([
    [0.1, "0.1"],
    [1.5, "1.5"],
    [2, "2.0"],
    [1e21, "1.0e21"],
    [1.5e-7, "1.5e-7"],
    [5e-7, "5.0e-7"],
    [123456789.123, "123456789.123"],
    [-0.25, "-0.25"],
    [1.7976931348623157e308, "1.7976931348623157e308"],
    [2.2250738585072014e-308, "2.2250738585072014e-308"],
  ])("float %s prints as %s", (value, expected) => {
    expect(formatFloat(value)).toBe(expected);
  });

  test("float rejects what Nix 2.8 cannot read", () => {
    expect(() => float(Number.POSITIVE_INFINITY)).toThrow(/non-finite/);
    expect(() => float(Number.NaN)).toThrow(/non-finite/);
    expect(() => float(5e-324)).toThrow(/subnormal/);
    expect(printExpr(float(-0))).toBe("0.0");
  });

  test("negative numbers are parenthesised where Nix needs an atom", () => {
    expect(printExpr(list([int(-1), float(-1.5)]))).toBe("[\n  (-1)\n  (-1.5)\n]");
    expect(printExpr(app(ident("f"), int(-1)))).toBe("f (-1)");
    expect(printExpr(attrs({ a: int(-1) }))).toBe("{\n  a = -1;\n}");
  });
});

describe("validation", () => {
  test("identifiers", () => {
    expect(() => ident("if")).toThrow(/not a Nix identifier/);
    expect(() => ident("a.b")).toThrow(/not a Nix identifier/);
    expect(() => ident("")).toThrow(/not a Nix identifier/);
    expect(() => lambda("or", ident("x"))).toThrow(/not a Nix identifier/);
    expect(() => ref("lib.mk-force.x y")).toThrow(/not a Nix identifier/);
    expect(printExpr(ref("pkgs.linuxPackages_latest"))).toBe("pkgs.linuxPackages_latest");
  });

  test("paths", () => {
    for (const ok of ["./foo.nix", "./.", "../a/b-c_d+e.nix", "/etc/nixos"]) expect(printExpr(path(ok))).toBe(ok);
    for (const bad of ["foo.nix", "./foo/", "./a b", "./", "~/x", "<nixpkgs>", "./a/${b}", ""]) {
      expect(() => path(bad), bad).toThrow(/path/);
    }
  });

  test("strings cannot hold NUL or lone surrogates", () => {
    expect(() => str("a\u0000b")).toThrow(/NUL/);
    expect(() => indented("\ud800\n")).toThrow(/surrogate/);
    expect(() => bind("\udc00", int(1))).toThrow(/surrogate/);
    expect(printExpr(str("😀"))).toBe('"😀"');
  });

  test("set lambda formals", () => {
    expect(() => setLambda(["a", "a"], int(1))).toThrow(/duplicate formal/);
    expect(() => setLambda(["let"], int(1))).toThrow(/not a Nix identifier/);
    expect(printExpr(setLambda([], int(1)))).toBe("{ ... }:\n1");
    expect(printExpr(setLambda([], int(1), { ellipsis: false }))).toBe("{ }:\n1");
  });

  test("app needs arguments and flattens", () => {
    expect(() => app(ident("f"))).toThrow(/argument/);
    expect(app(app(ident("f"), int(1)), int(2))).toEqual(app(ident("f"), int(1), int(2)));
  });
});

describe("attrset canonical form", () => {
  test("dotted paths and explicit attrsets merge into one nested set, as Nix does", () => {
    const merged = attrs([
      bind(["a", "b"], int(1)),
      bind("a", attrs({ c: int(2) })),
      bind(["a", "d", "e"], int(3)),
    ]);
    const nested = attrs({ a: attrs({ b: int(1), c: int(2), d: attrs({ e: int(3) }) }) });
    expect(merged).toEqual(nested);
  });

  test("entry order does not matter", () => {
    const one = attrs([bind("b", int(1)), bind(["a", "x"], int(2)), bind(["a", "y"], int(3), "why")]);
    const two = attrs([bind(["a", "y"], int(3), "why"), bind("b", int(1)), bind(["a", "x"], int(2))]);
    expect(printExpr(one)).toBe(printExpr(two));
  });

  test("duplicates are errors, like Nix's 'attribute already defined'", () => {
    expect(() => attrs([bind("a", int(1)), bind("a", int(2))])).toThrow(/"?a"? is defined twice/);
    expect(() => attrs([bind("a", int(1)), bind(["a", "b"], int(2))])).toThrow(/defined twice/);
    expect(() => attrs([bind(["a", "b"], int(2)), bind("a", int(1))])).toThrow(/defined twice/);
    expect(() => attrs([bind("a", attrs()), bind("a", int(1))])).toThrow(/defined twice/);
    expect(() => attrs([bind("a", int(1)), bind("a", attrs())])).toThrow(/defined twice/);
    expect(() => attrs([inherit(["a"]), bind("a", int(1))])).toThrow(/defined twice/);
    expect(() => attrs([inherit(["a"]), inherit(["a"], { from: ident("x") })])).toThrow(/defined twice/);
    expect(() => attrs([bind(["x", "if"], int(1)), bind(["x", "if"], int(1))])).toThrow(/x\."if" is defined twice/);
  });

  test("a comment goes to the outermost attribute only its binding created", () => {
    expect(printExpr(attrs([bind(["a", "b", "c"], int(1), "why")]))).toBe("{\n  # why\n  a.b.c = 1;\n}");
    expect(printExpr(attrs([bind(["a", "b", "c"], int(1), "why"), bind(["a", "b", "d"], int(2))]))).toBe(
      "{\n  a.b = {\n    # why\n    c = 1;\n    d = 2;\n  };\n}",
    );
  });

  test("comment text with line breaks (LF, CRLF, CR) becomes several # lines", () => {
    expect(printExpr(attrs([bind("a", int(1), "one\r\ntwo\rthree\n\nfive  ")])).split("\n")).toEqual([
      "{",
      "  # one",
      "  # two",
      "  # three",
      "  #",
      "  # five",
      "  a = 1;",
      "}",
    ]);
  });

  test("let bindings use the same canonical form", () => {
    expect(printExpr(letIn([bind(["a", "b"], int(1)), bind(["a", "c"], int(2))], ident("a")))).toBe(
      "let\n  a = {\n    b = 1;\n    c = 2;\n  };\nin\na",
    );
  });
});
