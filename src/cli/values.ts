// Configuration values for people: option paths typed on the command line, forcing lazy config
// into plain data, and Nix-looking text (`pkgs.x` for packages) for `eval` and `option`.

import { isPackage, PackageRef } from "../core/package.ts";
import { didYouMean, suggest } from "../core/suggest.ts";
import { CliError } from "./errors.ts";

/**
 * `services.nginx.virtualHosts."example.com".root` → its components. Double-quoted components
 * may hold dots; `\"` and `\\` escape inside them.
 */
export function parseOptionPath(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let part = "";
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        part += text[i++];
      }
      if (text[i] !== '"') throw new CliError("invalid-option-path", `Unterminated quote in option path \`${text}'.`);
      i++;
    } else {
      while (i < text.length && text[i] !== ".") part += text[i++];
    }
    if (part === "") throw new CliError("invalid-option-path", `Empty component in option path \`${text}'.`);
    parts.push(part);
    if (i < text.length) {
      if (text[i] !== ".") throw new CliError("invalid-option-path", `Expected \`.' after a quoted component in \`${text}'.`);
      i++;
      if (i === text.length) throw new CliError("invalid-option-path", `Option path \`${text}' ends with a dot.`);
    }
  }
  if (parts.length === 0) throw new CliError("invalid-option-path", "The option path is empty.");
  return parts;
}

/** The dotted path, quoting components that are not plain identifiers. */
export function showPath(parts: readonly string[]): string {
  return parts.map((p) => (/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(p) ? p : JSON.stringify(p))).join(".");
}

/** The error for a path component that is not there, with the closest siblings as suggestions. */
export function unknownPathError(what: string, parts: readonly string[], at: number, siblings: readonly string[]): CliError {
  const prefix = parts.slice(0, at);
  const close = suggest(parts[at]!, siblings).map((s) => showPath([...prefix, s]));
  const where = prefix.length === 0 ? "at the top level" : `under \`${showPath(prefix)}'`;
  const hint = didYouMean(close) || (siblings.length > 0 ? `${where} there are: ${siblings.slice(0, 12).join(", ")}${siblings.length > 12 ? ", …" : ""}` : undefined);
  return new CliError(`unknown-${what}`, `The ${what} \`${showPath(parts)}' does not exist: there is no \`${parts[at]}' ${where}.`, hint);
}

// ---------------------------------------------------------------- forcing

const packageKey = "$pantherPackage";

/**
 * Force a (possibly lazy) configuration value into plain data, as `nix eval --strict` does.
 * JSON.stringify is the evaluator's supported way to force everything; packages survive as
 * PackageRef objects so that text output can print them as `pkgs.x`.
 */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const original = this[key];
    return isPackage(original) ? { [packageKey]: original.attrPath } : v;
  });
  if (text === undefined) return undefined;
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v) && packageKey in v) return new PackageRef((v as Record<string, string[]>)[packageKey]!);
    return v;
  });
}

// ---------------------------------------------------------------- Nix-looking text

const keywords = new Set(["if", "then", "else", "let", "in", "with", "rec", "inherit", "assert", "or"]);

function showKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_'-]*$/.test(key) && !keywords.has(key) ? key : showString(key);
}

function showString(s: string): string {
  return `"${s.replace(/[\\"]/g, "\\$&").replace(/\$\{/g, "\\${").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;
}

function showScalar(value: unknown): string | undefined {
  if (value === null) return "null";
  if (value === undefined) return "«undefined»";
  if (typeof value === "string") return showString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "function") return "«lambda»";
  if (isPackage(value)) return value.toString();
  return undefined;
}

/** Multi-line, indented Nix-like text of plain data (from `toPlain`). */
export function showNix(value: unknown, indent = ""): string {
  const scalar = showScalar(value);
  if (scalar !== undefined) return scalar;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[ ]";
    // Short lists of scalars stay on one line (`ports = [ 22 ];`), as people write them.
    const flat = value.every((v) => showScalar(v) !== undefined) ? inline(value) : undefined;
    if (flat !== undefined && flat.length <= 60) return flat;
    return `[\n${value.map((v) => `${inner}${showNix(v, inner)}`).join("\n")}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return "{ }";
  return `{\n${keys.map((k) => `${inner}${showKey(k)} = ${showNix(record[k], inner)};`).join("\n")}\n${indent}}`;
}

/** One-line Nix-like text, cut at `max` characters. */
export function showNixInline(value: unknown, max = 80): string {
  const text = inline(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function inline(value: unknown): string {
  const scalar = showScalar(value);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(value)) return value.length === 0 ? "[ ]" : `[ ${value.map(inline).join(" ")} ]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  return keys.length === 0 ? "{ }" : `{ ${keys.map((k) => `${showKey(k)} = ${inline(record[k])};`).join(" ")} }`;
}
