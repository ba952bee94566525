// Splitting a module's `config` into definitions per declared option (`pushDownProperties` and
// the namespace walk of `mergeModules'`). Undeclared paths are returned as "unmatched".

import { PantherError, showOption } from "./errors.ts";
import type { SourceLocation } from "./location.ts";
import { childOf, childPath, type NamespaceNode, type OptionNode } from "./options.ts";
import { appended } from "./arrays.ts";
import { isProbe, probePath } from "./probe.ts";
import { hasOwn, hasTypeTag, isAttrs, isIf, isMerge, isOverride, mkIf, mkOverride } from "./wrappers.ts";

export interface SplitResult {
  readonly defs: Map<OptionNode, unknown[]>;
  readonly unmatched: { path: string[]; value: unknown }[];
}

/**
 * `pushDownProperties`: mkMerge becomes several configs; mkIf and mkOverride wrap each attribute.
 * mkOrder is left in place (as in Nix), so its fields become definitions of options that do not exist.
 */
export function pushDownProperties(cfg: unknown): unknown[] {
  if (isMerge(cfg)) return cfg.contents.flatMap(pushDownProperties);
  if (isIf(cfg)) return pushDownProperties(cfg.content).map((v) => mapAttrs(v, (x) => mkIf(cfg.condition as boolean, x)));
  if (isOverride(cfg)) return pushDownProperties(cfg.content).map((v) => mapAttrs(v, (x) => mkOverride(cfg.priority, x)));
  return [cfg];
}

function mapAttrs(value: unknown, f: (v: unknown) => unknown): unknown {
  if (!isAttrs(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) if (hasOwn.call(value, key)) out[key] = f(value[key]);
  return out;
}

const none: unknown[] = [];

export function splitConfig(config: unknown, root: NamespaceNode, source: SourceLocation): SplitResult {
  const defs = new Map<OptionNode, unknown[]>();
  const unmatched = splitInto(config, root, source, (option, value) => {
    defs.set(option, appended(defs.get(option) ?? none, value));
  });
  return { defs, unmatched };
}

/**
 * The same walk, handing each definition to `define` in definition order (so an evaluation can
 * file it under its option at once, without a map per module). Returns the undeclared paths.
 */
export function splitInto(
  config: unknown,
  root: NamespaceNode,
  source: SourceLocation,
  define: (option: OptionNode, value: unknown) => void,
): SplitResult["unmatched"] {
  const unmatched: SplitResult["unmatched"] = [];
  if (config !== undefined) walk(config, root, source, define, unmatched);
  return unmatched;
}

function walk(
  cfg: unknown,
  node: NamespaceNode,
  source: SourceLocation,
  define: (option: OptionNode, value: unknown) => void,
  unmatched: SplitResult["unmatched"],
): void {
  // Most configs are plain objects: skip the one-element array of pushDownProperties for them.
  if (isAttrs(cfg) && !hasTypeTag(cfg)) return walkAttrs(cfg, node, source, define, unmatched);
  for (const piece of pushDownProperties(cfg)) {
    if (!isAttrs(piece)) throw notAnAttrset(piece, node.path, source);
    walkAttrs(piece, node, source, define, unmatched);
  }
}

function walkAttrs(
  piece: Record<string, unknown>,
  node: NamespaceNode,
  source: SourceLocation,
  define: (option: OptionNode, value: unknown) => void,
  unmatched: SplitResult["unmatched"],
): void {
  for (const key in piece) {
    if (!hasOwn.call(piece, key)) continue;
    const value = piece[key];
    const child = childOf(node, key);
    if (!child) unmatched.push({ path: childPath(node.path, key), value });
    else if (child.kind === "option") define(child, value);
    else walk(value, child, source, define, unmatched);
  }
}

function notAnAttrset(value: unknown, path: readonly string[], source: SourceLocation): PantherError {
  const where = `${source.file}${source.line ? `:${source.line}` : ""}`;
  if (isProbe(value)) {
    return new PantherError({
      code: "invalid-definition",
      message: `In module \`${where}', the definitions under \`${showOption(path)}' are computed from \`config.${probePath(value)!.join(".")}'. The set of options a module defines cannot depend on the configuration (Nix would report infinite recursion); use mkIf to make definitions conditional.`,
      optionPath: path,
      locations: [{ ...source, role: "module" }],
    });
  }
  const kind = value === null ? "null" : Array.isArray(value) ? "list" : typeof value;
  return new PantherError({
    code: "invalid-definition",
    message: `In module \`${where}', you're trying to define a value of type \`${kind}' rather than an attribute set for the option namespace \`${showOption(path)}'. This usually happens if \`${showOption(path)}' has option definitions inside that are not matched.`,
    optionPath: path,
    locations: [{ ...source, role: "module" }],
  });
}
