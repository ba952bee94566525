// Loading of the shipped upstream option data (src/options/data/*.json.br) and lookups in it:
// an option by path (through submodule sub-options) and "did you mean" name suggestions.

import { levenshtein, suggest } from "../core/suggest.ts";
import { readFileSync } from "node:fs";
import { brotliDecompressSync } from "node:zlib";
import { addInitrdUnitOptions } from "./initrd-units.ts";
import { childSpecs, type OptionTree, type TypeSpec, type UpstreamOption } from "./type-spec.ts";

export type UpstreamSet = "nixos" | "home-manager";

/** Version of the data layout below; bump when the importer changes it. */
export const UPSTREAM_DATA_FORMAT = 1;

/** Content of src/options/data/<set>.json.br. */
export interface UpstreamData {
  format: number;
  /** provenance of the dump, e.g. the nixos release marker */
  release: string;
  optionCount: number;
  tree: OptionTree;
}

const cache = new Map<UpstreamSet, UpstreamData>();

/** The whole data file of a set, read and decompressed on first use, then cached. */
export function loadUpstreamData(which: UpstreamSet): UpstreamData {
  const cached = cache.get(which);
  if (cached !== undefined) return cached;
  const file = new URL(`./data/${which}.json.br`, import.meta.url);
  const data = JSON.parse(brotliDecompressSync(readFileSync(file)).toString("utf8")) as UpstreamData;
  if (data.format !== UPSTREAM_DATA_FORMAT) {
    throw new Error(`${which} option data has format ${data.format}, expected ${UPSTREAM_DATA_FORMAT}; re-run scripts/import-options.ts`);
  }
  if (which === "nixos") addInitrdUnitOptions(data.tree);
  cache.set(which, data);
  return data;
}

/** The option tree of a set (lazily loaded, cached). */
export function loadUpstreamOptions(which: UpstreamSet): OptionTree {
  return loadUpstreamData(which).tree;
}

/** An option found by path, with its declared loc (`<name>`/`*` where the path had concrete keys). */
export interface FoundOption {
  option: UpstreamOption;
  loc: string[];
}

function isPlaceholder(seg: string): boolean {
  return seg === "*" || (seg.startsWith("<") && seg.endsWith(">"));
}

/** Children of a namespace for `seg`: the exact key first, then any `<placeholder>` key. */
function candidateKeys(tree: OptionTree, seg: string): string[] {
  const keys = Object.hasOwn(tree, seg) ? [seg] : [];
  for (const k of Object.keys(tree)) if (k !== seg && k.startsWith("<") && k.endsWith(">")) keys.push(k);
  return keys;
}

function findInTree(tree: OptionTree, path: readonly string[], i: number, loc: string[]): FoundOption | undefined {
  if (i >= path.length) return undefined;
  for (const key of candidateKeys(tree, path[i]!)) {
    const node = tree[key]!;
    const here = [...loc, key];
    const found =
      "c" in node
        ? findInTree(node.c, path, i + 1, here)
        : i === path.length - 1
          ? { option: node.o, loc: here }
          : findInSpec(node.o.t, path, i + 1, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Follow `path[i..]` into the values of a type: attribute keys, list elements, submodule options. */
function findInSpec(spec: TypeSpec, path: readonly string[], i: number, loc: string[]): FoundOption | undefined {
  if (i >= path.length || typeof spec === "string") return undefined;
  const seg = path[i]!;
  switch (spec.type) {
    case "nullOr":
    case "uniq":
    case "withCheck":
      return findInSpec(spec.elem, path, i, loc);
    case "coercedTo":
      return findInSpec(spec.to, path, i, loc);
    case "uniqueList":
      return findInSpec(spec.list, path, i, loc);
    case "attrsOf":
    case "lazyAttrsOf":
      return findInSpec(spec.elem, path, i + 1, [...loc, `<${spec.placeholder ?? "name"}>`]);
    case "dagOf":
      return findInSpec(spec.elem, path, i + 1, [...loc, "<name>"]);
    case "listOf":
    case "nonEmptyListOf":
    case "pairOf":
      return seg === "*" || /^\d+$/.test(seg) ? findInSpec(spec.elem, path, i + 1, [...loc, "*"]) : undefined;
    case "functionTo":
      return seg === "<function body>" ? findInSpec(spec.elem, path, i + 1, [...loc, seg]) : undefined;
    case "submodule":
    case "attrTag":
      return spec.options === undefined ? undefined : findInTree(spec.options, path, i, loc);
    case "either":
      return findInSpec(spec.left, path, i, loc) ?? findInSpec(spec.right, path, i, loc);
    case "oneOf":
      for (const t of spec.types) {
        const found = findInSpec(t, path, i, loc);
        if (found !== undefined) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Find the option declared at `path`. Concrete attribute names and list indices walk into
 * `attrsOf`/`listOf` submodules: `services.nginx.virtualHosts.example.root` finds
 * `services.nginx.virtualHosts.<name>.root`.
 */
export function findUpstreamOption(tree: OptionTree, path: readonly string[]): FoundOption | undefined {
  return findInTree(tree, path, 0, []);
}

/**
 * Visit every option of a tree, including the sub-options of submodules (whose loc then has
 * `<name>`/`*` placeholders, as in options.json), depth first in key order.
 */
export function walkUpstreamOptions(tree: OptionTree, visit: (loc: string[], option: UpstreamOption) => void, loc: string[] = []): void {
  for (const key of Object.keys(tree).sort()) {
    const node = tree[key]!;
    if ("c" in node) walkUpstreamOptions(node.c, visit, [...loc, key]);
    else {
      visit([...loc, key], node.o);
      walkSpecOptions(node.o.t, visit, [...loc, key]);
    }
  }
}

/** Placeholder segments a type adds between an option and its sub-options (lib.types getSubOptions). */
function walkSpecOptions(spec: TypeSpec, visit: (loc: string[], option: UpstreamOption) => void, loc: string[]): void {
  // A named type's structure is a definition, not documented options.
  if (typeof spec === "string" || spec.type === "named") return;
  if ((spec.type === "submodule" || spec.type === "attrTag") && spec.options !== undefined) {
    walkUpstreamOptions(spec.options, visit, loc);
  }
  const step =
    spec.type === "attrsOf" || spec.type === "lazyAttrsOf"
      ? [`<${spec.placeholder ?? "name"}>`]
      : spec.type === "dagOf"
        ? ["<name>"]
        : spec.type === "listOf" || spec.type === "nonEmptyListOf" || spec.type === "pairOf"
          ? ["*"]
          : spec.type === "functionTo"
            ? ["<function body>"]
            : [];
  for (const child of childSpecs(spec)) walkSpecOptions(child, visit, [...loc, ...step]);
}

/** The documented option names available inside a type (its submodule's options), if any. */
function specContainer(spec: TypeSpec, path: readonly string[], i: number): OptionTree | undefined {
  if (typeof spec === "string") return undefined;
  switch (spec.type) {
    case "nullOr":
    case "uniq":
    case "withCheck":
      return specContainer(spec.elem, path, i);
    case "coercedTo":
      return specContainer(spec.to, path, i);
    case "uniqueList":
      return specContainer(spec.list, path, i);
    case "submodule":
    case "attrTag":
      return spec.options === undefined ? undefined : treeContainer(spec.options, path, i);
    case "either":
      return specContainer(spec.left, path, i) ?? specContainer(spec.right, path, i);
    case "oneOf":
      return spec.types.map((t) => specContainer(t, path, i)).find((c) => c !== undefined);
    default:
      if (i >= path.length) return undefined;
      // attrsOf/listOf/functionTo: one path segment selects the element.
      return childSpec(spec, path[i]!) === undefined ? undefined : specContainer(childSpec(spec, path[i]!)!, path, i + 1);
  }
}

function childSpec(spec: TypeSpec, seg: string): TypeSpec | undefined {
  if (typeof spec === "string") return undefined;
  switch (spec.type) {
    case "attrsOf":
    case "lazyAttrsOf":
    case "dagOf":
      return spec.elem;
    case "listOf":
    case "nonEmptyListOf":
    case "pairOf":
      return seg === "*" || /^\d+$/.test(seg) ? spec.elem : undefined;
    case "functionTo":
      return seg === "<function body>" ? spec.elem : undefined;
    default:
      return undefined;
  }
}

/** The namespace or submodule option set that `path` designates, if it designates one. */
function treeContainer(tree: OptionTree, path: readonly string[], i: number): OptionTree | undefined {
  if (i >= path.length) return tree;
  for (const key of candidateKeys(tree, path[i]!)) {
    const node = tree[key]!;
    const found = "c" in node ? treeContainer(node.c, path, i + 1) : specContainer(node.o.t, path, i + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export { levenshtein };

/**
 * "Did you mean" candidates for the last segment of `path`, among the names declared next to it
 * (the namespace or submodule that `path` without its last segment designates).
 */
export function suggestOptionNames(tree: OptionTree, path: readonly string[]): string[] {
  const name = path[path.length - 1];
  if (name === undefined) return [];
  const container = treeContainer(tree, path.slice(0, -1), 0);
  if (container === undefined) return [];
  return suggest(name, Object.keys(container).filter((k) => !isPlaceholder(k)));
}
