// Short, Nix-flavoured renderings of values and definitions for error messages.
// Messages only: emitted files are printed from a syntax tree, never from here.

import { formatLocation, type SourceLocation } from "./location.ts";
import { isAttrs } from "./wrappers.ts";
import { isPackage } from "./package.ts";

const maxLength = 160;

/** A one-line rendering of a value, cut at 160 characters (nixpkgs shows up to 5 lines). */
export function showValue(value: unknown): string {
  const text = render(value, 0);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function render(value: unknown, depth: number): string {
  if (value === null) return "null";
  if (value === undefined) return "«undefined»";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "function") return "«lambda»";
  if (isPackage(value)) return `«package ${value.attrPath.join(".")}»`;
  if (depth > 3) return "…";
  if (Array.isArray(value)) return `[ ${value.map((v) => render(v, depth + 1)).join(" ")} ]`.replace("[  ]", "[ ]");
  if (isAttrs(value)) {
    const body = Object.keys(value)
      .sort()
      .map((k) => `${/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(k) ? k : JSON.stringify(k)} = ${safeRender(value, k, depth)};`);
    return body.length === 0 ? "{ }" : `{ ${body.join(" ")} }`;
  }
  return `«${Object.prototype.toString.call(value).slice(8, -1)}»`;
}

/** Attribute values may be lazy getters that throw; Nix omits unevaluable values too. */
function safeRender(obj: Record<string, unknown>, key: string, depth: number): string {
  try {
    return render(obj[key], depth + 1);
  } catch {
    return "«error»";
  }
}

export interface ShownDefinition {
  readonly source: SourceLocation;
  readonly value?: unknown;
}

/** `showDefs`: one "- In `file:line`: value" line per definition. */
export function showDefinitions(defs: readonly ShownDefinition[], withValues = true): string {
  return defs
    .map((d) => {
      const where = `- In \`${formatLocation(d.source)}'`;
      if (!withValues) return where;
      let shown: string;
      try {
        shown = showValue(d.value);
      } catch {
        return where;
      }
      return `${where}: ${shown}`;
    })
    .join("\n");
}
