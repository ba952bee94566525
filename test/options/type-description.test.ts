// Unit tests of the nixpkgs type-description parser and printer on tricky forms: parentheses
// by description class, or-chains, coercedTo, enums, patterns, freeform submodules, fallbacks.

import { describe, expect, it } from "vitest";
import { describeTypeSpec, parseTypeDescription } from "../../src/options/type-description.ts";
import { descriptionClass, isPermissive, type TypeSpec } from "../../src/options/type-spec.ts";

/** Parse, check the printer gives the same text back, return the spec. */
function roundTrip(desc: string): TypeSpec {
  const spec = parseTypeDescription(desc);
  expect(describeTypeSpec(spec)).toBe(desc);
  return spec;
}

describe("simple types", () => {
  it.each([
    ["boolean", "bool"],
    ["signed integer", "int"],
    ["floating point number", "float"],
    ["string", "str"],
    ["non-empty string", "nonEmptyStr"],
    ["(optionally newline-terminated) single-line string", "singleLineStr"],
    ["package", "package"],
    ["path", "path"],
    ["absolute path", "absolutePath"],
    ["path in the Nix store", "pathInStore"],
    ["attribute set", "attrs"],
    ["anything", "anything"],
    ["raw value", "raw"],
    ["unspecified value", "unspecified"],
    ['strings concatenated with "\\n"', "lines"],
    ['strings concatenated with ","', "commas"],
    ['strings concatenated with ":"', "envVar"],
    ["16 bit unsigned integer; between 0 and 65535 (both inclusive)", "ints.u16"],
    ["8 bit unsigned integer; between 0 and 255 (both inclusive)", "ints.u8"],
    ["unsigned integer, meaning >=0", "ints.unsigned"],
    ["positive integer, meaning >0", "ints.positive"],
    ["module", "deferredModule"],
  ])("%s", (desc, spec) => {
    expect(roundTrip(desc)).toBe(spec);
  });

  it("parameterised leaves", () => {
    expect(roundTrip('strings concatenated with " "')).toEqual({ type: "separatedString", sep: " " });
    expect(roundTrip("Concatenated string")).toEqual({ type: "separatedString", sep: "" });
    expect(roundTrip("integer between -20 and 19 (both inclusive)")).toEqual({ type: "ints.between", lo: -20, hi: 19 });
    expect(roundTrip("integer or floating point number between 0.0 and 1.0 (both inclusive)")).toEqual({
      type: "numbers.between",
      lo: 0,
      hi: 1,
      loText: "0.0",
      hiText: "1.0",
    });
    expect(roundTrip("integer or floating point number between 0.01 and 1 (both inclusive)")).toEqual({
      type: "numbers.between",
      lo: 0.01,
      hi: 1,
    });
  });

  it("prints types the parser never yields (aliases, uniq)", () => {
    expect(describeTypeSpec("number")).toBe("signed integer or floating point number");
    expect(describeTypeSpec("port")).toBe("16 bit unsigned integer; between 0 and 65535 (both inclusive)");
    expect(describeTypeSpec({ type: "uniq", elem: { type: "listOf", elem: "str" } })).toBe("list of string");
    expect(describeTypeSpec({ type: "nullOr", elem: "number" })).toBe("null or signed integer or floating point number");
  });
});

describe("enums", () => {
  it("one of, singular and empty enums", () => {
    expect(roundTrip('one of "a", "b"')).toEqual({ type: "enum", values: ["a", "b"] });
    expect(roundTrip('value "postgres" (singular enum)')).toEqual({ type: "enum", values: ["postgres"] });
    expect(roundTrip("impossible (empty enum)")).toEqual({ type: "enum", values: [] });
  });

  it("ints, booleans and null values", () => {
    expect(roundTrip('one of <null>, true, false, "auto", "always", "never"')).toEqual({
      type: "enum",
      values: [null, true, false, "auto", "always", "never"],
    });
    expect(roundTrip('one of "alert", 1, 0, -3')).toEqual({ type: "enum", values: ["alert", 1, 0, -3] });
  });

  it("unescaped quotes inside values", () => {
    expect(roundTrip('null or one of ""round-robin 0"", ""queue-length 0""')).toEqual({
      type: "nullOr",
      elem: { type: "enum", values: ['"round-robin 0"', '"queue-length 0"'] },
    });
  });

  it("an enum ends where an or-chain continues", () => {
    expect(roundTrip('one of "default", "all" or list of string')).toEqual({
      type: "either",
      left: { type: "enum", values: ["default", "all"] },
      right: { type: "listOf", elem: "str" },
    });
    expect(roundTrip('boolean or one of "suggest", "sd-switch"')).toEqual({
      type: "either",
      left: "bool",
      right: { type: "enum", values: ["suggest", "sd-switch"] },
    });
  });
});

describe("composites and parentheses", () => {
  it("list, attribute set, lazy attribute set, function", () => {
    expect(roundTrip("list of (submodule)")).toEqual({ type: "listOf", elem: { type: "submodule" } });
    expect(roundTrip("attribute set of (submodule)")).toEqual({ type: "attrsOf", elem: { type: "submodule" } });
    expect(roundTrip("lazy attribute set of raw value")).toEqual({ type: "lazyAttrsOf", elem: "raw" });
    expect(roundTrip("list of attribute set of string")).toEqual({ type: "listOf", elem: { type: "attrsOf", elem: "str" } });
    expect(roundTrip("function that evaluates to a(n) list of package")).toEqual({
      type: "functionTo",
      elem: { type: "listOf", elem: "package" },
    });
    expect(roundTrip("non-empty (list of string)")).toEqual({ type: "nonEmptyListOf", elem: "str" });
  });

  it("nullOr parenthesises composites, not conjunctions", () => {
    expect(roundTrip("null or (list of string)")).toEqual({ type: "nullOr", elem: { type: "listOf", elem: "str" } });
    expect(roundTrip("null or string or signed integer")).toEqual({ type: "nullOr", elem: { type: "either", left: "str", right: "int" } });
    expect(roundTrip("null or (attribute set)")).toEqual({ type: "nullOr", elem: "attrs" });
    expect(roundTrip("null or (positive integer, meaning >0)")).toEqual({ type: "nullOr", elem: "ints.positive" });
  });

  it("parentheses a class would not need reveal a freeform submodule", () => {
    const yaml = parseTypeDescription("YAML value");
    expect(roundTrip("null or YAML value")).toEqual({ type: "nullOr", elem: yaml });
    expect(roundTrip("null or (YAML value)")).toEqual({ type: "nullOr", elem: { type: "submodule", freeform: yaml } });
    expect(roundTrip("attribute set of (attribute set of string)")).toEqual({
      type: "attrsOf",
      elem: { type: "submodule", freeform: { type: "attrsOf", elem: "str" } },
    });
  });

  it("named formats keep their class", () => {
    const json = roundTrip("JSON value");
    expect(descriptionClass(json)).toBe("conjunction");
    expect(roundTrip("attribute set of (JSON value)")).toEqual({ type: "attrsOf", elem: json });
    const section = roundTrip("section of an INI file (attrs of INI atom (null, bool, int, float or string))");
    expect(descriptionClass(section)).toBe("composite");
    expect(roundTrip("attribute set of section of an INI file (attrs of INI atom (null, bool, int, float or string))")).toEqual({
      type: "attrsOf",
      elem: section,
    });
  });
});

describe("or-chains", () => {
  it("either and left-folded oneOf", () => {
    expect(roundTrip("string or signed integer")).toEqual({ type: "either", left: "str", right: "int" });
    expect(roundTrip("(list of string) or string")).toEqual({ type: "either", left: { type: "listOf", elem: "str" }, right: "str" });
    expect(roundTrip("string or signed integer or boolean or list of string")).toEqual({
      type: "oneOf",
      types: ["str", "int", "bool", { type: "listOf", elem: "str" }],
    });
  });

  it("a parenthesised composite in the middle nests to the right", () => {
    expect(roundTrip("string or (list of string) or path")).toEqual({
      type: "either",
      left: "str",
      right: { type: "either", left: { type: "listOf", elem: "str" }, right: "path" },
    });
  });

  it("null inside a chain wraps the rest", () => {
    expect(roundTrip("(list of string) or null or string")).toEqual({
      type: "either",
      left: { type: "listOf", elem: "str" },
      right: { type: "nullOr", elem: "str" },
    });
  });

  it("a non-restrictive clause takes a comma", () => {
    expect(roundTrip("unsigned integer, meaning >=0, or string matching the pattern [0-9]+")).toEqual({
      type: "either",
      left: "ints.unsigned",
      right: { type: "strMatching", pattern: "[0-9]+" },
    });
    expect(roundTrip('positive integer, meaning >0, or value "auto" (singular enum)')).toEqual({
      type: "either",
      left: "ints.positive",
      right: { type: "enum", values: ["auto"] },
    });
    expect(roundTrip("floating point number or (positive integer, meaning >0)")).toEqual({
      type: "either",
      left: "float",
      right: "ints.positive",
    });
  });
});

describe("coercedTo", () => {
  it("final type first, coerced type second", () => {
    expect(roundTrip("string or (list of string) convertible to it")).toEqual({
      type: "coercedTo",
      from: { type: "listOf", elem: "str" },
      to: "str",
    });
    expect(roundTrip("null or ((list of string) or string convertible to it)")).toEqual({
      type: "nullOr",
      elem: { type: "coercedTo", from: "str", to: { type: "listOf", elem: "str" } },
    });
  });

  it("nested coercions", () => {
    const inner: TypeSpec = { type: "coercedTo", from: "bool", to: { type: "coercedTo", from: "int", to: "str" } };
    expect(
      roundTrip(
        "attribute set of ((list of ((string or signed integer convertible to it) or boolean convertible to it)) or ((string or signed integer convertible to it) or boolean convertible to it) convertible to it)",
      ),
    ).toEqual({ type: "attrsOf", elem: { type: "coercedTo", from: inner, to: { type: "listOf", elem: inner } } });
  });
});

describe("patterns", () => {
  it("a pattern keeps its own parentheses and ends at an unmatched one", () => {
    expect(roundTrip("string matching the pattern ([[:print:]]+[:@][0-9]{1,3}:[0-9]{1,2}:[0-9])?")).toEqual({
      type: "strMatching",
      pattern: "([[:print:]]+[:@][0-9]{1,3}:[0-9]{1,2}:[0-9])?",
    });
    expect(roundTrip("attribute set of (signed integer or string matching the pattern [[:digit:]]+[Hdwmy])")).toEqual({
      type: "attrsOf",
      elem: { type: "either", left: "int", right: { type: "strMatching", pattern: "[[:digit:]]+[Hdwmy]" } },
    });
  });

  it("a pattern ends before an or", () => {
    expect(roundTrip("string matching the pattern .*://.*$ or non-empty (list of string matching the pattern .*://.*$)")).toEqual({
      type: "either",
      left: { type: "strMatching", pattern: ".*://.*$" },
      right: { type: "nonEmptyListOf", elem: { type: "strMatching", pattern: ".*://.*$" } },
    });
  });
});

describe("module-level wrappers", () => {
  it("passwdEntry and addCheck descriptions", () => {
    expect(roundTrip("null or (string, not containing newlines or colons)")).toEqual({
      type: "nullOr",
      elem: { type: "passwdEntry", elem: "str" },
    });
    expect(roundTrip("non-empty (list of string (with check: non-empty))")).toEqual({
      type: "nonEmptyListOf",
      elem: { type: "withCheck", elem: "str", check: "non-empty" },
    });
  });

  it("tuple, pair, DAG and unique lists", () => {
    expect(roundTrip("pair of signed integer")).toEqual({ type: "pairOf", elem: "int" });
    expect(roundTrip("DAG of submodule")).toEqual({ type: "dagOf", elem: { type: "submodule" } });
    expect(roundTrip("tuple of (unsigned integer, meaning >=0) (signed integer)")).toEqual({
      type: "tupleOf",
      elems: ["ints.unsigned", "int"],
    });
    expect(roundTrip("null or (submodule) or unique (non-empty (list of (submodule)))")).toEqual({
      type: "nullOr",
      elem: {
        type: "either",
        left: { type: "submodule" },
        right: { type: "uniqueList", list: { type: "nonEmptyListOf", elem: { type: "submodule" } } },
      },
    });
  });
});

describe("opaque parts", () => {
  it("an unknown name becomes a permissive leaf inside a precise structure", () => {
    const spec = roundTrip("list of configured template name");
    expect(spec).toEqual({ type: "listOf", elem: { type: "permissive", description: "configured template name", cls: "noun" } });
    expect(isPermissive(spec)).toBe(true);
  });

  it("an unknown parenthesised part keeps its parentheses", () => {
    const spec = roundTrip("null or (3×3 matrix of floating point numbers)");
    expect(spec).toEqual({ type: "nullOr", elem: { type: "permissive", description: "3×3 matrix of floating point numbers", cls: null } });
  });

  it("known custom names are precise", () => {
    expect(isPermissive(roundTrip("attribute set of (systemd option)"))).toBe(false);
    expect(isPermissive(roundTrip("attribute set of Minecraft UUID"))).toBe(false);
    expect(isPermissive(roundTrip("list of (nixpkgs overlay)"))).toBe(false);
  });
});
