// Leaf types of `lib/types.nix`: booleans, numbers, strings, paths, packages and the untyped ones.
// Checks are zod schemas (shallow, like Nix's), hand-written for the hottest leaf types; merges are
// the nixpkgs merge functions.

import { z } from "zod";
import { conflict, type Definition } from "../merge.ts";
import { isPackage, type PackageRef } from "../package.ts";
import { isAttrs } from "../wrappers.ts";
import { nixEquals } from "./equal.ts";
import type { DescriptionClass, OptionType } from "./type.ts";

/** `mergeEqualOption`: all definitions must be equal. */
export function mergeEqual(loc: readonly string[], defs: readonly Definition[]): unknown {
  const first = defs[0]!;
  for (let i = 1; i < defs.length; i++) {
    const def = defs[i]!;
    if (!nixEquals(def.value, first.value)) throw conflict(loc, [first, def], "has conflicting definition values");
  }
  return first.value;
}

/** `mergeOneOption`: exactly one definition, even if others are equal. */
export function mergeOne(loc: readonly string[], defs: readonly Definition[]): unknown {
  if (defs.length === 1) return defs[0]!.value;
  throw conflict(loc, defs, "is defined multiple times while it's expected to be unique");
}

/** `mergeDefaultOption`, the merge of `types.unspecified`. */
export function mergeDefault(loc: readonly string[], defs: readonly Definition[]): unknown {
  const list = defs.map((d) => d.value);
  if (list.length === 1) return list[0];
  if (list.every(Array.isArray)) return list.flat(1);
  if (list.every(isAttrs)) return Object.assign({}, ...list) as unknown;
  if (list.every((v) => typeof v === "boolean")) return list.some(Boolean);
  if (list.every((v) => typeof v === "string")) return list.join("");
  if (list.every((v) => Number.isInteger(v) && v === list[0])) return list[0];
  throw conflict(loc, defs, "has definitions that cannot be merged (Cannot merge definitions)");
}

/** What a leaf type needs of a zod schema. */
interface ShallowSchema {
  safeParse(value: unknown): { readonly success: boolean };
}

/**
 * How a leaf type checks a value: a zod schema, or for the hottest leaf types a hand-written test
 * (no zod call per value). The schema is typed structurally (what `check` calls) rather than as
 * `z.ZodType`: comparing each schema with zod's generic type cost the type checker close to a
 * second on every run.
 */
type LeafCheck = { schema: ShallowSchema; test?: undefined } | { test: (value: unknown) => boolean; schema?: undefined };

type LeafSpec = LeafCheck & {
  name: string;
  description: string;
  descriptionClass?: DescriptionClass;
  merge?: (loc: readonly string[], defs: readonly Definition[]) => unknown;
  payload?: unknown;
  emptyValue?: () => unknown;
  simple?: boolean;
};

function leaf<T>(spec: LeafSpec): OptionType<T> {
  const { schema } = spec;
  return {
    name: spec.name,
    description: spec.description,
    descriptionClass: "descriptionClass" in spec ? spec.descriptionClass : "noun",
    check: spec.test ?? ((value) => schema!.safeParse(value).success),
    merge: (spec.merge ?? mergeEqual) as OptionType<T>["merge"],
    payload: spec.payload,
    simple: spec.simple ?? true,
    ...(spec.emptyValue ? { emptyValue: spec.emptyValue } : {}),
  };
}

const isBoolean = (v: unknown) => typeof v === "boolean";
const isString = (v: unknown) => typeof v === "string";
const isFiniteNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);

export const bool = leaf<boolean>({ name: "bool", description: "boolean", test: isBoolean });
export const boolByOr = leaf<boolean>({
  name: "boolByOr",
  description: "boolean (merged using or)",
  test: isBoolean,
  merge: (_loc, defs) => defs.some((d) => d.value === true),
});
export const int = leaf<number>({ name: "int", description: "signed integer", test: Number.isSafeInteger });
/** JavaScript cannot tell `1.0` from `1`, so a float option accepts any finite number. */
export const float = leaf<number>({ name: "float", description: "floating point number", test: isFiniteNumber });
export const number = leaf<number>({
  name: "number",
  description: "signed integer or floating point number",
  descriptionClass: "conjunction",
  test: isFiniteNumber,
});
export const str = leaf<string>({ name: "str", description: "string", test: isString });
export const nonEmptyStr = leaf<string>({
  name: "nonEmptyStr",
  description: "non-empty string",
  schema: z.string().refine((s) => !/^[ \t\n]*$/.test(s)),
});
export const singleLineStr = leaf<string>({
  name: "singleLineStr",
  description: "(optionally newline-terminated) single-line string",
  schema: z.string().regex(/^[^\n\r]*\n?$/),
  merge: (loc, defs) => (mergeEqual(loc, defs) as string).replace(/\n$/, ""),
  simple: false,
});

const posixClasses: Readonly<Record<string, string>> = {
  alnum: "A-Za-z0-9",
  alpha: "A-Za-z",
  digit: "0-9",
  xdigit: "0-9A-Fa-f",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  word: "A-Za-z0-9_",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
};

/**
 * A POSIX extended regex in JavaScript syntax. Outside brackets ERE reads the same. Inside a
 * bracket expression a backslash is an ordinary character in POSIX (NixOS' unit name pattern
 * `[a-zA-Z0-9@%:_.\-]` accepts `dev-disk-by\x2dlabel-x.device`), a leading `]` is literal, and
 * classes (`[:alnum:]`) are spelt out.
 */
export function posixToJsRegex(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      out += pattern.slice(i, i + 2);
      i++;
      continue;
    }
    if (c !== "[") {
      out += c;
      continue;
    }
    let j = i + 1;
    let body = "";
    if (pattern[j] === "^") body += pattern[j++];
    if (pattern[j] === "]") (body += "\\]"), j++;
    for (; j < pattern.length && pattern[j] !== "]"; j++) {
      const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(j));
      if (cls && posixClasses[cls[1]!] !== undefined) {
        body += posixClasses[cls[1]!];
        j += cls[0].length - 1;
      } else body += pattern[j] === "\\" || pattern[j] === "[" ? `\\${pattern[j]}` : pattern[j];
    }
    // No closing bracket: leave the rest for RegExp to reject, as before.
    if (j >= pattern.length) return out + pattern.slice(i);
    out += `[${body}]`;
    i = j;
  }
  return out;
}

/** `strMatching`: Nix `builtins.match` is a full match with POSIX extended regex syntax. */
export function strMatching(pattern: string): OptionType<string> {
  const regex = new RegExp(`^(?:${posixToJsRegex(pattern)})$`, "s");
  return leaf<string>({
    name: "strMatching",
    description: `string matching the pattern ${pattern}`,
    schema: z.string().regex(regex),
    payload: { pattern },
  });
}

export function separatedString(sep: string): OptionType<string> {
  return {
    ...leaf<string>({
      name: "separatedString",
      description: `strings concatenated with ${JSON.stringify(sep)}`,
      test: isString,
      merge: (_loc, defs) => defs.map((d) => d.value).join(sep),
      payload: { sep },
      simple: true,
    }),
    rebuild: (payload) => separatedString((payload as { sep: string }).sep),
  };
}
export const lines = separatedString("\n");
export const commas = separatedString(",");
export const envVar = separatedString(":");

// A package is a path too: Nix coerces a derivation to its store path (`isStringLike`), so
// `fonts.packages` (a list of paths) takes packages.
export const path = leaf<string | PackageRef>({
  name: "path",
  description: "absolute path",
  schema: z.custom((v) => isPackage(v) || (typeof v === "string" && v.startsWith("/"))),
  payload: { absolute: true, inStore: null },
});
export const pathInStore = leaf<string | PackageRef>({
  name: "path",
  description: "path in the Nix store",
  schema: z.custom((v) => isPackage(v) || (typeof v === "string" && v.startsWith("/nix/store/"))),
  payload: { absolute: null, inStore: true },
});

export const packageType = leaf<PackageRef | string>({
  name: "package",
  description: "package",
  schema: z.custom((v) => isPackage(v) || (typeof v === "string" && v.startsWith("/nix/store/"))),
  merge: mergeOne,
});

export const attrs = leaf<Record<string, unknown>>({
  name: "attrs",
  description: "attribute set",
  descriptionClass: undefined,
  schema: z.custom(isAttrs),
  merge: (_loc, defs) => Object.assign({}, ...defs.map((d) => d.value)) as Record<string, unknown>,
  emptyValue: () => ({}),
  simple: false,
});

export const raw = leaf<unknown>({ name: "raw", description: "raw value", schema: z.unknown(), merge: mergeOne });
export const unspecified = leaf<unknown>({
  name: "unspecified",
  description: "unspecified value",
  schema: z.unknown(),
  merge: mergeDefault,
});
