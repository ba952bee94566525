// Reads the neutral `nixos-module-case/1` JSON (see test/fixtures/module-cases/README.md) into
// panther modules, and renders an evaluation's outcome the way EXPECTED.txt does.

import {
  evalModules,
  isPantherError,
  mkAfter,
  mkBefore,
  mkDefault,
  mkForce,
  mkIf,
  mkImageMediaOverride,
  mkMerge,
  mkOption,
  mkOptionDefault,
  mkOrder,
  mkOverride,
  mkVMOverride,
  types,
  type ErrorCode,
  type OptionType,
} from "panther";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface CaseModule {
  file?: string;
  imports?: CaseModule[];
  options?: { path: string[]; type?: Json; default?: Json; readOnly?: boolean; description?: string }[];
  config?: Json;
}

export function caseType(t: Json | undefined): OptionType {
  if (t === undefined) return types.unspecified;
  if (typeof t === "string") {
    if (t.startsWith("ints.")) return types.ints[t.slice(5) as "u8"];
    const simple = types[t as "bool"] as OptionType | undefined;
    if (!simple) throw new Error(`unknown case type ${t}`);
    return simple;
  }
  const o = t as Record<string, Json>;
  switch (o.type) {
    case "ints.between":
      return types.ints.between(o.lo as number, o.hi as number);
    case "separatedString":
      return types.separatedString(o.sep as string);
    case "enum":
      return types.enum(o.values as string[]);
    case "listOf":
      return types.listOf(caseType(o.elem));
    case "attrsOf":
      return types.attrsOf(caseType(o.elem));
    case "lazyAttrsOf":
      return types.lazyAttrsOf(caseType(o.elem));
    case "nullOr":
      return types.nullOr(caseType(o.elem));
    case "either":
      return types.either(caseType(o.left), caseType(o.right));
    case "submodule":
      return types.submodule({ options: caseOptions(o.options as CaseModule["options"]) });
    default:
      throw new Error(`unknown case type ${JSON.stringify(t)}`);
  }
}

export function caseValue(v: Json): unknown {
  if (Array.isArray(v)) return v.map(caseValue);
  if (v === null || typeof v !== "object") return v;
  if (!("$mk" in v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, caseValue(x)]));
  const inner = () => caseValue(v.v!);
  switch (v.$mk) {
    case "if":
      return mkIf(v.cond as boolean, inner());
    case "merge":
      return mkMerge((v.vs as Json[]).map(caseValue));
    case "override":
      return mkOverride(v.prio as number, inner());
    case "force":
      return mkForce(inner());
    case "default":
      return mkDefault(inner());
    case "optionDefault":
      return mkOptionDefault(inner());
    case "vmOverride":
      return mkVMOverride(inner());
    case "imageMediaOverride":
      return mkImageMediaOverride(inner());
    case "order":
      return mkOrder(v.prio as number, inner());
    case "before":
      return mkBefore(inner());
    case "after":
      return mkAfter(inner());
    default:
      throw new Error(`unknown wrapper ${String(v.$mk)}`);
  }
}

function caseOptions(decls: CaseModule["options"]): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const d of decls ?? []) {
    let node = tree;
    for (const k of d.path.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[d.path.at(-1)!] = mkOption({
      type: caseType(d.type),
      ...(d.default !== undefined ? { default: caseValue(d.default) } : {}),
      ...(d.readOnly !== undefined ? { readOnly: d.readOnly } : {}),
      ...(d.description !== undefined ? { description: d.description } : {}),
    });
  }
  return tree;
}

export function caseModule(m: CaseModule): Record<string, unknown> {
  return {
    ...(m.file !== undefined ? { file: m.file } : {}),
    imports: (m.imports ?? []).map(caseModule),
    options: caseOptions(m.options),
    ...(m.config !== undefined ? { config: caseValue(m.config) } : {}),
  };
}

const classes: Partial<Record<ErrorCode, string>> = {
  "undefined-option": "undefined",
  "conflicting-definitions": "conflict",
  "type-mismatch": "type",
  "no-value": "novalue",
  "read-only": "readonly",
  "non-boolean-condition": "mkif",
  "infinite-recursion": "recursion",
  "duplicate-declaration": "declared",
  "failed-assertion": "assertion",
};

/** Canonical JSON: no whitespace, keys sorted by code unit. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/** The outcome line of a case: canonical JSON of the forced config, or ERROR:<class>. */
export function caseOutcome(modules: CaseModule[]): string {
  try {
    return canonicalJson(evalModules({ modules: modules.map(caseModule) }).config);
  } catch (error) {
    if (isPantherError(error)) return `ERROR:${classes[error.code] ?? "other"}`;
    throw error;
  }
}
