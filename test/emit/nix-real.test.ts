// Checks against a real Nix 2.8 (nix-instantiate): printed samples parse, values
// round-trip through --eval --json, float literals are exact. Nix calls are batched.

import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import {
  app,
  attrs,
  bind,
  float,
  indented,
  list,
  raw,
  ref,
  setLambda,
  str,
  lambda,
  ident,
  type Node,
} from "../../src/emit/nix-ast.ts";
import { checkNixSyntax } from "../../src/emit/nix-parse.ts";
import { printExpr, printFile } from "../../src/emit/print.ts";
import { jsonToNode, toNix, type JsonValue } from "../../src/emit/to-nix.ts";
import { nixEvalJson, nixParse, requireNix, runNixTests } from "../helpers/nix.ts";
import { expressionSamples, realisticModule } from "./samples.ts";

// Strings chosen to break naive escaping in either string form.
const HOSTILE_STRINGS: readonly string[] = [
  "", "${x}", "$${x}", "$", "$$", "${", "}", "$\\{", "''", "'''", "''''", "'", "a'", "'${", "''${", "''\\", "''$",
  "\\", "\\n", "\\${", '"', '\\"', "\n", "\n\n", "a\n", "\na", "a\nb", "  a\n  b\n", "a\n  ", "a\n  b  \n",
  "\r", "\r\n", "a\r\nb\r\n", "a\rb\n", "\t", "\ta\n\tb\n", "tab\there\n", " \t\n x\n", "é\nü\n", "😀\n😀",
  "\u2028\n\u2029", "\u0001\u001f\u007f\n", "a\n\n   \nb\n", "x\n'", "x\n'${a}", "x\na''", "x\n'''", "x\n$",
  "x\n${", "x\n$''", "#!/bin/sh\necho \"$HOME\" ''${x} '${y}'\n", " leading\nx\n", "x\n leading\n", "  \n",
  "if", "or", "inherit", "true", "/*", "*/", "# not a comment", "a.b", "10-eth0", "__proto__", " ",
];

const FRAGMENTS = [
  "${", "$", "{", "}", "''", "'", "\\", '"', "\n", "\r", "\t", " ", "  ", "a", "é", "😀", "#", "/*", ".", "-", "\u0001",
];

// Keys whose attrsets Nix's JSON printer treats specially (see to-nix.ts).
const JSON_SPECIAL_KEYS = new Set(["outPath", "__toString"]);

const MIN_NORMAL = 2.2250738585072014e-308;

function wellFormed(s: string): boolean {
  return !s.includes("\u0000") && !/\p{Cs}/u.test(s);
}

const hostileString = fc.oneof(
  fc.string({ unit: fc.constantFrom(...FRAGMENTS), maxLength: 10 }),
  fc.string({ unit: "binary", maxLength: 8 }).filter(wellFormed),
  fc.constantFrom(...HOSTILE_STRINGS),
);

// Nix 2.8 prints floats in --json with 6 significant digits, so only floats
// that are exactly their 6-digit rounding survive the JSON round trip; exact
// literals for every double are checked separately below.
const sixDigitFloat = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((x) => Number(x.toPrecision(6)))
  .filter((x) => Number.isFinite(x) && !Number.isInteger(x) && Math.abs(x) >= MIN_NORMAL);

const jsonArbitrary: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.integer({ min: -1000, max: 1000 }),
    sixDigitFloat,
    hostileString,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      hostileString.filter((key) => !JSON_SPECIAL_KEYS.has(key)),
      tie("value"),
      { maxKeys: 4 },
    ),
  ),
})).value;

function seed(): number {
  const fromEnv = Number(process.env.PANTHER_FC_SEED);
  return Number.isInteger(fromEnv) ? fromEnv : Date.now() % 2 ** 31;
}

/** The index of the first element that Nix cannot evaluate, for a readable failure. */
function firstFailing(nodes: readonly Node[]): number {
  return nodes.findIndex((node) => {
    try {
      nixEvalJson(printExpr(node));
      return false;
    } catch {
      return true;
    }
  });
}

function evalBatch(nodes: readonly Node[]): unknown[] {
  try {
    return nixEvalJson(printExpr(list(nodes))) as unknown[];
  } catch (error) {
    const index = firstFailing(nodes);
    const culprit = index < 0 ? "(none alone)" : printExpr(nodes[index] as Node);
    throw new Error(`batch failed; first failing element #${index}:\n${culprit}\n${String(error)}`);
  }
}

// What JSON makes of a value: -0 is 0, prototypes do not matter.
function asJson(value: JsonValue): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

// Text the in-process checker must accept: none of its known indented-string
// gaps (the `'''`, `''$`, `''\` escapes, and `\` directly before a quote).
function withinCheckerGrammar(text: string): boolean {
  return !/''['$\\]|\\'/.test(text);
}

describe.skipIf(!runNixTests())("against real Nix (nix-instantiate)", () => {
  beforeAll(() => requireNix());

  test("every printed sample passes nix-instantiate --parse", () => {
    const texts = [
      printFile(realisticModule()),
      ...expressionSamples().map(({ node }) => printFile({ kind: "file", header: [], body: setLambda(["f", "g", "h", "x", "xs"], node) })),
    ];
    for (const text of texts) expect(nixParse(text), text).toMatchObject({ ok: true });
  });

  test("the realistic module evaluates to what was built", () => {
    const stubs = raw(`{
      config.programs.git.enable = true;
      lib = { mkForce = x: x; mkDefault = x: x; mkOverride = p: x: x; mkIf = c: x: if c then x else null; };
      pkgs = { linuxPackages_latest = "linux"; ripgrep = "rg"; fd = "fd"; jq = "jq"; zsh = "zsh"; };
    }`);
    const applied = app(ref("builtins.removeAttrs"), app(realisticModule().body, stubs), list([str("imports")]));
    expect(nixEvalJson(printExpr(applied))).toEqual({
      boot: { kernelPackages: "linux", loader: { efi: { canTouchEfiVariables: true }, "systemd-boot": { enable: true } } },
      environment: { etc: { "resolv.conf": { text: "nameserver 9.9.9.9\n" } }, systemPackages: ["rg", "fd", "jq"] },
      hardware: { cpu: { scale: 1.25 } },
      networking: { extraHosts: "127.0.0.1 printer.lan\n192.168.1.10 nas.lan # storage\n", hostName: "yoga" },
      nix: { gc: { options: "--delete-older-than 14d" }, settings: { "experimental-features": ["nix-command", "flakes"] } },
      programs: { git: { config: { init: { defaultBranch: "main" } } } },
      services: {
        openssh: { enable: true, ports: [22], settings: { PasswordAuthentication: false } },
        xserver: { dpi: null },
      },
      system: { stateVersion: "24.05" },
      systemd: {
        network: { networks: { "10-eth0": { matchConfig: { Name: "eth0" } } } },
        services: { backup: { script: 'set -eu\nexport HOME=${HOME:-/root}\necho "it\'s ${USER}\'\'"\n' } },
      },
      users: { users: { me: { extraGroups: ["wheel", "networkmanager"], isNormalUser: true, shell: "zsh" } } },
      zramSwap: { memoryPercent: -1 },
    });
  });

  test("hostile strings round-trip as double-quoted, indented and as attribute names, at any depth", () => {
    const forms = HOSTILE_STRINGS.map((s) => list([str(s), indented(s), attrs({ deeper: list([indented(s)]) })]));
    const keyed = attrs(HOSTILE_STRINGS.map((s, i) => bind([s], attrs([bind(["nested", s], float(i + 0.5))]))));
    const result = evalBatch([...forms, keyed]);
    const expectedForms = HOSTILE_STRINGS.map((s) => [s, s, { deeper: [s] }]);
    const expectedKeyed = Object.fromEntries(HOSTILE_STRINGS.map((s, i) => [s, { nested: { [s]: i + 0.5 } }]));
    expect(result).toEqual([...expectedForms, asJson(expectedKeyed)]);
  });

  test("property: nix --eval --json of toNix(v) equals v (one batched call)", () => {
    const runSeed = seed();
    const values = fc.sample(jsonArbitrary, { seed: runSeed, numRuns: 200 });
    const result = evalBatch(values.map(jsonToNode));
    const mismatches = values
      .map((value, index) => ({ value, index, got: result[index] }))
      .filter(({ value, got }) => !deepEqual(got, asJson(value)));
    const report = mismatches
      .slice(0, 3)
      .map(({ value, got }) => `value: ${JSON.stringify(value)}\nprinted:\n${toNix(value)}\nnix gave: ${JSON.stringify(got)}`);
    expect(report, `seed ${runSeed} (rerun with PANTHER_FC_SEED=${runSeed})`).toEqual([]);

    // The same samples cross-check the in-process checker against real Nix.
    const rejected = values.map((value) => toNix(value)).filter((text) => withinCheckerGrammar(text) && !checkNixSyntax(text).ok);
    expect(rejected, `seed ${runSeed}`).toEqual([]);
  });

  test("property: float literals read back as exactly the same double", () => {
    const runSeed = seed();
    const edge = [0.1, 0.30000000000000004, 1e21, 1e-7, 5e-7, 2 ** 53 + 2, MIN_NORMAL, Number.MAX_VALUE, -Number.MAX_VALUE, 1 / 3, -0];
    const random = fc.sample(
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || Math.abs(x) >= MIN_NORMAL),
      { seed: runSeed, numRuns: 300 },
    );
    const values = [...edge, ...random];
    // Compare in Nix, where values are exact; JSON output would round to 6 digits.
    // toExponential, not JSON.stringify: Nix's fromJSON reads "18281885073836335000"
    // as an (overflowing) integer, but any number with an exponent as a float.
    const same = raw("map (p: builtins.isFloat (builtins.elemAt p 0) && builtins.elemAt p 0 == builtins.elemAt p 1)");
    const pairs = values.map((x) => list([float(x), app(ref("builtins.fromJSON"), str(x.toExponential()))]));
    const result = nixEvalJson(printExpr(app(same, list(pairs)))) as boolean[];
    const wrong = values.filter((_, i) => result[i] !== true).map((x) => `${x} printed as ${printExpr(float(x))}`);
    expect(wrong, `seed ${runSeed}`).toEqual([]);
  });

  test("Nix 2.8 quirks the printer relies on", () => {
    // `[ -1 ]` is a syntax error (unary minus is an operator); `(-1)` is needed.
    expect(nixParse("[ -1 ]").ok).toBe(false);
    // `1e21` is not a float literal (no dot): it is `1` applied to variable `e21`.
    expect(nixParse("x: 1e21").ok).toBe(false);
    // A trailing slash in a path is rejected.
    expect(nixParse("./foo/").ok).toBe(false);
    // Keywords cannot be bare attribute names; `or` and `true` can.
    expect(nixParse("{ if = 1; }").ok).toBe(false);
    expect(nixParse("{ or = 1; true = 2; }").ok).toBe(true);
    // CR in a double-quoted literal is read as LF, so it must be escaped.
    expect(nixEvalJson('"a\rb"')).toBe("a\nb");
    // Indented strings strip the common indentation and a final all-space line.
    expect(nixEvalJson("''\n    a\n    b\n  ''")).toBe("a\nb\n");
    // --json prints floats with 6 significant digits.
    expect(nixEvalJson("123456.7")).toBe(123457);
    // Subnormal literals are refused.
    expect(() => nixEvalJson("5.0e-324")).toThrow(/invalid float/);
    // Lambdas applied through the printer's parenthesisation.
    expect(nixEvalJson(printExpr(app(lambda("x", ident("x")), float(-1.5))))).toBe(-1.5);
  });
});

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return deepEqual(ka, kb) && ka.every((k) => deepEqual(ra[k], rb[k]));
}
