// Tests of the in-process Nix syntax check and the raw() node it gates:
// positions of errors, parenthesisation of raw text, and the grammar's known gaps.

import { describe, expect, test } from "vitest";
import { app, attrs, ident, list, raw, select, NixSyntaxError } from "../../src/emit/nix-ast.ts";
import { checkNixSyntax } from "../../src/emit/nix-parse.ts";
import { printExpr } from "../../src/emit/print.ts";

describe("checkNixSyntax", () => {
  test.each([
    "1",
    "{ config, lib, pkgs, ... }: { services.openssh.enable = lib.mkForce true; }",
    "let a = 1; in a",
    "x: y: x.a or y",
    "[ (-1) ./a.nix \"s\" ''ind'' ]",
    "{ inherit (pkgs) hello; \"a.b\" = { }; }",
    "# leading comment\nrec { a = 1; b = a; }",
    "/* block */ if true then 1 else 2",
    "assert true; with builtins; map (x: x) [ ]",
    "a // b ++ c",
  ])("accepts %j", (text) => {
    expect(checkNixSyntax(text)).toEqual({ ok: true });
  });

  test.each([
    ["{ a = ; }", 1, 7, 'unexpected ";"'],
    ["{ a = 1 }", 1, 9, 'unexpected "}"'],
    ["(", 1, 2, "unexpected end of input"],
    ["", 1, 1, "unexpected end of input"],
    ["  \n ", 2, 2, "unexpected end of input"],
    ["{\n  a = 1;\n  b = [ -1 ];\n}", 3, 9, 'unexpected "-"'],
    ["{ if = 1; }", 1, 3, 'unexpected "if"'],
    ["{ é = 1; }", 1, 3, 'unexpected "é"'],
  ])("rejects %j at %i:%i", (text, line, column, message) => {
    expect(checkNixSyntax(text)).toEqual({ ok: false, line, column, message });
  });

  test("columns count code points", () => {
    expect(checkNixSyntax('{ "😀😀" = ; }')).toMatchObject({ ok: false, line: 1, column: 10 });
  });

  // Pinned so an upgrade of @replit/codemirror-lang-nix that fixes them shows up here.
  describe("known gaps of the grammar (see nix-parse.ts)", () => {
    test.each([
      "{ a, b, }: a",
      "{ null = 1; }",
      "{ true = 1; }",
      "{ or = 1; }",
      "{ builtins = 1; }",
      "''a'''b''",
      "''a''${b}''",
      "''a''\\nb''",
      "''a\\''",
      "x: ./a/${x}",
    ])("rejects valid Nix %j", (text) => {
      expect(checkNixSyntax(text).ok).toBe(false);
    });

    test.each(["a == b == c", "{ a = 1; a = 2; }", "undefinedVariable"])("accepts %j, which Nix rejects", (text) => {
      expect(checkNixSyntax(text).ok).toBe(true);
    });
  });
});

describe("raw", () => {
  test("rejects text that does not parse with a NixSyntaxError carrying line, column and snippet", () => {
    let caught: unknown;
    try {
      raw("{\n  a = 1;\n  b = [ 1 2;\n}");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NixSyntaxError);
    const error = caught as NixSyntaxError;
    expect([error.line, error.column]).toEqual([3, 12]);
    expect(error.snippet).toBe("  b = [ 1 2;\n           ^");
    expect(error.message).toContain("3:12");
  });

  test("rejects empty text and trims surrounding whitespace", () => {
    expect(() => raw("  ")).toThrow(NixSyntaxError);
    expect(raw("\n  pkgs.hello \n").text).toBe("pkgs.hello");
  });

  test("is parenthesised according to its outer syntax", () => {
    const bits = [raw("pkgs.hello"), raw("f x"), raw("x: x"), raw("-1"), raw("a.b or c"), raw("./a.nix"), raw("{ }")];
    expect(printExpr(list(bits))).toBe(
      "[\n  pkgs.hello\n  (f x)\n  (x: x)\n  (-1)\n  a.b or c\n  ./a.nix\n  { }\n]",
    );
    expect(printExpr(app(raw("f x"), raw("g y")))).toBe("f x (g y)");
    expect(printExpr(app(raw("x: x"), ident("y")))).toBe("(x: x) y");
    expect(printExpr(select(raw("a.b or c"), "d"))).toBe("(a.b or c).d");
    expect(printExpr(select(raw("a.b"), "d"))).toBe("a.b.d");
    expect(printExpr(select(raw("1"), "d"))).toBe("(1).d");
  });

  test("a trailing # comment ends the line before anything follows", () => {
    expect(printExpr(attrs({ a: raw("1 # one") }))).toBe("{\n  a = 1 # one\n  ;\n}");
    expect(printExpr(app(ident("f"), raw("x # c")))).toBe("f x # c\n");
    expect(printExpr(app(ident("f"), raw("x # c"), ident("y")))).toBe("f x # c\n y");
  });

  test("multi-line raw text is kept verbatim (re-indenting could change string contents)", () => {
    const text = "''\n  a\n    b\n''";
    expect(printExpr(attrs({ s: raw(text) }))).toBe(`{\n  s = ${text};\n}`);
  });
});
