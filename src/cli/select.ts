// Walking an evaluated host by option path, for `eval` and `option`: the options tree, option
// values, and the defined part of namespaces (NixOS computes the defaults panther cannot).

import { definedOptions, optionsOf } from "../core/eval.ts";
import { definedTree, definedValue } from "../compile/defined.ts";
import { isPackage } from "../core/package.ts";
import { isOptionView } from "../core/provenance.ts";
import { isAttrs } from "../core/wrappers.ts";
import { CliError } from "./errors.ts";
import { showPath, toPlain, unknownPathError } from "./values.ts";

/** Names at a level without reading their values (Object.keys would evaluate every option). */
export function siblingNames(record: object): string[] {
  return Reflect.ownKeys(record).filter((k): k is string => typeof k === "string" && k !== "length");
}

/**
 * The option or namespace at a path of the options tree. An option whose value holds submodules
 * (`home-manager.users.<name>`, `fileSystems."/"`) is entered through its value: the rest of the
 * path is looked up in that submodule's own options. Any other option cannot be entered.
 */
export function selectOption(options: object, parts: readonly string[]): object {
  let current = options;
  for (let i = 0; i < parts.length; i++) {
    if (isOptionView(current)) {
      const inner = submoduleAt(current.value, parts, i);
      if (inner) {
        current = inner.options;
        i = inner.next - 1;
        continue;
      }
      throw new CliError(
        "unknown-option",
        `\`${showPath(parts.slice(0, i))}' is an option (of type ${current.type.description}), so \`${showPath(parts)}' is not one.`,
        `To see the value inside it: panther eval <host> ${showPath(parts)}`,
      );
    }
    if (!(parts[i]! in current)) throw unknownPathError("option", parts, i, siblingNames(current));
    current = (current as Record<string, object>)[parts[i]!]!;
  }
  return current;
}

/** Inside an option's value, the first submodule evaluation along the path, and where the path resumes. */
function submoduleAt(value: unknown, parts: readonly string[], from: number): { options: object; next: number } | undefined {
  const own = optionsOf(value);
  if (own) return { options: own, next: from };
  let current = value;
  for (let i = from; i < parts.length; i++) {
    if (!isAttrs(current) || !Object.hasOwn(current, parts[i]!)) return undefined;
    current = current[parts[i]!];
    const options = optionsOf(current);
    if (options) return { options, next: i + 1 };
  }
  return undefined;
}

/**
 * What `eval` shows at a path. An option (or a path inside its value) gives the option's value,
 * errors included. A namespace gives what the host's modules define below it: forcing every
 * option there would stop at the first upstream option whose default only Nix can compute.
 */
export function evalPath(config: object, options: object, parts: readonly string[]): unknown {
  let node = options;
  for (let i = 0; i < parts.length; i++) {
    if (isOptionView(node)) return selectPlain(definedValue(node.value), parts, i);
    if (!(parts[i]! in node)) return freeformOrError(config, node, parts, i);
    node = (node as Record<string, object>)[parts[i]!]!;
  }
  if (isOptionView(node)) return definedValue(node.value);
  return definedNamespace(config, parts);
}

/** A name the options tree lacks may still be a freeform definition in `config`. */
function freeformOrError(config: object, optionsNode: object, parts: readonly string[], at: number): unknown {
  let current: unknown = config;
  for (const part of parts.slice(0, at + 1)) {
    if (!isAttrs(current) || !(part in current)) throw unknownPathError("option", parts, at, siblingNames(optionsNode));
    current = current[part];
  }
  return selectPlain(toPlain(current), parts, at + 1);
}

/** Continue a path inside plain data; a missing key is an error with the closest keys. */
function selectPlain(value: unknown, parts: readonly string[], from: number): unknown {
  let current = value;
  for (let i = from; i < parts.length; i++) {
    if (!isAttrs(current) && !Array.isArray(current)) {
      throw new CliError("unknown-option", `\`${showPath(parts.slice(0, i))}' is ${describe(current)}; it has no attribute \`${parts[i]}'.`);
    }
    if (!(parts[i]! in current)) throw unknownPathError("option", parts, i, Object.keys(current));
    current = (current as Record<string, unknown>)[parts[i]!];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (isPackage(value)) return `the package ${value.toString()}`;
  return `a ${typeof value}`;
}

// ---------------------------------------------------------------- defined values

/** The defined subtree at a namespace path; `{}` when nothing below it is defined. */
function definedNamespace(config: object, parts: readonly string[]): unknown {
  const defined = definedOptions(config);
  if (!defined) return toPlain(selectPlain(config, parts, 0));
  const tree = definedTree(defined, (loc) => parts.every((p, i) => loc[defined.prefix.length + i] === p));
  let node: unknown = tree;
  for (const part of parts) node = isAttrs(node) ? node[part] : undefined;
  return node ?? {};
}
