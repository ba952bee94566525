// JSON-like values to Nix expressions, through the syntax tree and printer.
// Law: `nix-instantiate --eval --strict --json -E "$(toNix(v))"` prints JSON equal to v.

// What the law covers exactly (checked by test/emit/nix-real.test.ts against Nix 2.8):
// - Numbers: a JS integer prints as a Nix int and must be a safe integer (JS
//   cannot tell 1.0 from 1, and cannot hold ints beyond 2^53 exactly). -0 is
//   the int 0, as in JSON.stringify.
// - Floats print as the shortest decimal that reads back to the same double,
//   so the Nix value is exact: `lit == builtins.fromJSON "<x.toExponential()>"`
//   holds in Nix for every finite normal double. But Nix 2.8 *prints* floats
//   with C++'s default 6 significant digits (`--json` of 123456.7 gives
//   123457), so the JSON round trip holds only for floats that equal their
//   6-significant-digit rounding; the property test draws floats that way.
//   Subnormal floats are rejected: Nix 2.8 cannot read their literals.
// - Strings may hold anything but NUL and lone surrogates (both rejected).
// - Objects with an `outPath` or `__toString` key are valid Nix values, but Nix's
//   JSON printer treats them specially (it prints the outPath / calls
//   __toString), so values with those keys do not round-trip through `--json`.

import {
  attrs,
  bind,
  bool,
  float,
  indented,
  int,
  list,
  nul,
  str,
  type Node,
} from "./nix-ast.ts";
import { printExpr } from "./print.ts";

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** The Nix expression text of a JSON-like value. Throws a clear Error on anything JSON cannot hold. */
export function toNix(value: JsonValue): string {
  return printExpr(jsonToNode(value));
}

/** The syntax tree of a JSON-like value; multi-line strings become indented strings. */
export function jsonToNode(value: JsonValue): Node {
  return convert(value, "$", new Set());
}

function convert(value: unknown, at: string, ancestors: Set<object>): Node {
  if (value === null) return nul();
  switch (typeof value) {
    case "boolean":
      return bool(value);
    case "number":
      return number(value, at);
    case "string":
      return guarded(at, () => (value.includes("\n") ? indented(value) : str(value)));
    case "object":
      return compound(value, at, ancestors);
    default:
      throw new Error(`toNix: ${typeof value} at ${at} is not a JSON value`);
  }
}

function number(value: number, at: string): Node {
  if (!Number.isFinite(value)) throw new Error(`toNix: ${value} at ${at} has no Nix representation`);
  if (!Number.isInteger(value)) return guarded(at, () => float(value));
  if (!Number.isSafeInteger(value)) {
    throw new Error(`toNix: integer ${value} at ${at} is outside ±(2^53 - 1), where JS integers stop being exact`);
  }
  return int(value);
}

function compound(value: object, at: string, ancestors: Set<object>): Node {
  if (ancestors.has(value)) throw new Error(`toNix: circular reference at ${at}`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return array(value, at, ancestors);
    return object(value, at, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function array(value: readonly unknown[], at: string, ancestors: Set<object>): Node {
  const items: Node[] = [];
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw new Error(`toNix: sparse array hole at ${at}[${i}]`);
    items.push(convert(value[i], `${at}[${i}]`, ancestors));
  }
  return list(items);
}

function object(value: object, at: string, ancestors: Set<object>): Node {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? "unknown";
    throw new Error(`toNix: ${name} instance at ${at} is not a plain object`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) throw new Error(`toNix: symbol keys at ${at}`);
  const record = value as Readonly<Record<string, unknown>>;
  const entries = Object.keys(record).map((key) => {
    const where = `${at}[${JSON.stringify(key)}]`;
    return guarded(where, () => bind([key], convert(record[key], where, ancestors)));
  });
  return attrs(entries);
}

function guarded<T>(at: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof Error && !error.message.startsWith("toNix:")) {
      throw new Error(`toNix: ${error.message} (at ${at})`, { cause: error });
    }
    throw error;
  }
}
