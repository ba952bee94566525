// Importer of upstream option dumps (NixOS and home-manager `options.json`): parses every type
// description and writes the compact, deterministic data shipped in src/options/data/.
//
// Usage: npx tsx scripts/import-options.ts <nixos-options.json[.br]> <home-manager-options.json[.br]>

import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseTypeDescription } from "../src/options/type-description.ts";
import { isPermissive, type OptionTree, type TypeSpec, type UpstreamOption } from "../src/options/type-spec.ts";
import { UPSTREAM_DATA_FORMAT, type UpstreamData, type UpstreamSet } from "../src/options/load.ts";

/** Provenance of the dumps this importer was written for (see /work/shared/data/options/README.md). */
const RELEASES: Record<UpstreamSet, string> = {
  nixos: "nixos-25.05beta751650.64e75cd44acf (nixos-unstable, February 2025)",
  "home-manager": "home-manager master, February 2025",
};

const DATA_DIR = fileURLToPath(new URL("../src/options/data/", import.meta.url));

/** One entry of an options.json dump (only the fields we read). */
interface DumpEntry {
  loc: string[];
  type: string;
  description?: string;
  declarations: Array<string | { name: string; url?: string }>;
  readOnly?: boolean;
  default?: { _type: string; text: string };
  example?: { _type: string; text: string };
}

/** Statistics of one import, for the summary and the README. */
interface ImportStats {
  options: number;
  descriptions: Map<string, number>;
  permissive: Map<string, number>;
  submoduleOptions: number;
  freeformWrapped: number;
  looseOptions: number;
}

function readDump(file: string): Record<string, DumpEntry> {
  const raw = readFileSync(file);
  const text = file.endsWith(".br") ? brotliDecompressSync(raw).toString("utf8") : raw.toString("utf8");
  return JSON.parse(text) as Record<string, DumpEntry>;
}

/** Segments standing for "any attribute name" (`<name>`, attrsWith placeholders) or a list element. */
function isPlaceholder(seg: string): boolean {
  return seg === "*" || (seg.startsWith("<") && seg.endsWith(">"));
}

function toRecord(e: DumpEntry, spec: TypeSpec): UpstreamOption {
  const r: UpstreamOption = { t: spec };
  if (e.description) r.d = e.description;
  if (e.default) {
    r.def = e.default.text;
    if (e.default._type === "literalMD") r.defMd = true;
  }
  if (e.example) {
    r.ex = e.example.text;
    if (e.example._type === "literalMD") r.exMd = true;
  }
  const decl = e.declarations.map((d) => (typeof d === "string" ? d : d.name));
  if (decl.length > 0) r.decl = decl;
  if (e.readOnly) r.ro = true;
  return r;
}

/** Insert `record` at `path` in an option tree, creating namespace nodes on the way. */
function insert(tree: OptionTree, path: string[], record: UpstreamOption): void {
  let t = tree;
  for (const seg of path.slice(0, -1)) {
    const node = (t[seg] ??= { c: {} });
    if (!("c" in node)) throw new Error(`option ${seg} also used as a namespace in ${path.join(".")}`);
    t = node.c;
  }
  const last = path[path.length - 1]!;
  if (t[last] !== undefined) throw new Error(`duplicate option ${path.join(".")}`);
  t[last] = { o: record };
}

/**
 * Attach a sub-option (`rest` = its loc below the owning option) to the submodule inside `spec`
 * that the placeholders of `rest` lead to, returning the updated spec. A type without a
 * submodule there (a freeform `settings` description such as "YAML value") becomes a submodule
 * with that type as freeformType, which is what the presence of sub-options proves.
 */
function attach(spec: TypeSpec, rest: string[], record: UpstreamOption, stats: ImportStats): TypeSpec {
  const seg = rest[0]!;
  if (typeof spec === "string" || !canEnter(spec, seg)) {
    stats.freeformWrapped++;
    return attach({ type: "submodule", freeform: spec }, rest, record, stats);
  }
  const below = (elem: TypeSpec): TypeSpec => attach(elem, rest.slice(1), record, stats);
  switch (spec.type) {
    case "nullOr":
    case "uniq":
    case "withCheck":
      return { ...spec, elem: attach(spec.elem, rest, record, stats) };
    case "coercedTo":
      return { ...spec, to: attach(spec.to, rest, record, stats) };
    case "uniqueList":
      return { ...spec, list: attach(spec.list, rest, record, stats) };
    case "attrsOf":
    case "lazyAttrsOf":
      return seg === "<name>" ? { ...spec, elem: below(spec.elem) } : { ...spec, elem: below(spec.elem), placeholder: seg.slice(1, -1) };
    case "dagOf":
    case "listOf":
    case "nonEmptyListOf":
    case "pairOf":
    case "functionTo":
      return { ...spec, elem: below(spec.elem) };
    case "either":
    case "oneOf": {
      // Only lib.types' own getSubOptions document sub-options, so this is rare: enter the
      // first alternative the segment leads into.
      const members = spec.type === "either" ? [spec.left, spec.right] : spec.types;
      const i = members.findIndex((m) => canEnter(m, seg));
      const updated = members.map((m, j) => (j === i ? attach(m, rest, record, stats) : m));
      return spec.type === "either" ? { ...spec, left: updated[0]!, right: updated[1]! } : { ...spec, types: updated };
    }
    case "submodule":
    case "attrTag":
      // Placeholders left here come from undocumented (invisible) options: keep them as keys.
      insert((spec.options ??= {}), rest, record);
      stats.submoduleOptions++;
      return spec;
    default:
      throw new Error(`cannot attach below ${spec.type}`);
  }
}

/** Whether `seg` can lead into `spec` (through wrappers) rather than needing a freeform wrapper. */
function canEnter(spec: TypeSpec, seg: string): boolean {
  if (typeof spec === "string") return false;
  switch (spec.type) {
    case "nullOr":
    case "uniq":
    case "withCheck":
      return canEnter(spec.elem, seg);
    case "coercedTo":
      return canEnter(spec.to, seg);
    case "uniqueList":
      return canEnter(spec.list, seg);
    case "attrsOf":
    case "lazyAttrsOf":
    case "dagOf":
      return isPlaceholder(seg) && seg !== "*" && seg !== "<function body>";
    case "listOf":
    case "nonEmptyListOf":
    case "pairOf":
      return seg === "*";
    case "functionTo":
      return seg === "<function body>";
    case "either":
      return canEnter(spec.left, seg) || canEnter(spec.right, seg);
    case "oneOf":
      return spec.types.some((t) => canEnter(t, seg));
    case "submodule":
    case "attrTag":
      return true;
    default:
      return false;
  }
}

/** Build the option tree of one dump, sub-options attached to their submodule types. */
function buildTree(dump: Record<string, DumpEntry>, stats: ImportStats): OptionTree {
  const entries = Object.values(dump).sort((a, b) => a.loc.length - b.loc.length || cmp(a.loc.join("\0"), b.loc.join("\0")));
  const byLoc = new Map<string, UpstreamOption>();
  const tree: OptionTree = {};
  for (const e of entries) {
    const spec = parseTypeDescription(e.type);
    stats.options++;
    stats.descriptions.set(e.type, (stats.descriptions.get(e.type) ?? 0) + 1);
    if (isPermissive(spec)) stats.permissive.set(e.type, (stats.permissive.get(e.type) ?? 0) + 1);
    const record = toRecord(e, spec);
    byLoc.set(e.loc.join("\0"), record);
    const owner = nearestOwner(e.loc, byLoc);
    if (owner === undefined) {
      if (e.loc.some(isPlaceholder)) stats.looseOptions++;
      insert(tree, e.loc, record);
    } else {
      owner.record.t = attach(owner.record.t, e.loc.slice(owner.depth), record, stats);
    }
  }
  return tree;
}

/** The closest option whose loc is a proper prefix of `loc` (its sub-options include this one). */
function nearestOwner(loc: string[], byLoc: Map<string, UpstreamOption>): { record: UpstreamOption; depth: number } | undefined {
  for (let depth = loc.length - 1; depth > 0; depth--) {
    const record = byLoc.get(loc.slice(0, depth).join("\0"));
    if (record !== undefined) return { record, depth };
  }
  return undefined;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted at every level, so the bytes depend on the content only. */
function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort(cmp).map((k) => [k, o[k]]));
  });
}

function compress(text: string): Buffer {
  return brotliCompressSync(Buffer.from(text, "utf8"), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
    },
  });
}

function newStats(): ImportStats {
  return { options: 0, descriptions: new Map(), permissive: new Map(), submoduleOptions: 0, freeformWrapped: 0, looseOptions: 0 };
}

interface Output {
  which: UpstreamSet;
  stats: ImportStats;
  bytes: number;
  rawBytes: number;
}

function importOne(which: UpstreamSet, file: string): Output {
  const stats = newStats();
  const tree = buildTree(readDump(file), stats);
  const data: UpstreamData = { format: UPSTREAM_DATA_FORMAT, release: RELEASES[which], optionCount: stats.options, tree };
  const json = stableStringify(data);
  const br = compress(json);
  writeFileSync(`${DATA_DIR}${which}.json.br`, br);
  return { which, stats, bytes: br.length, rawBytes: Buffer.byteLength(json) };
}

function countSubmodules(outputs: Output[]): number {
  return outputs.reduce((n, o) => n + o.stats.submoduleOptions, 0);
}

function permissiveUnion(outputs: Output[]): Map<string, number> {
  const all = new Map<string, number>();
  for (const o of outputs) for (const [d, n] of o.stats.permissive) all.set(d, (all.get(d) ?? 0) + n);
  return all;
}

function distinctDescriptions(outputs: Output[]): number {
  return new Set(outputs.flatMap((o) => [...o.stats.descriptions.keys()])).size;
}

function fmtKiB(n: number): string {
  return `${(n / 1024).toFixed(0)} KiB`;
}

function readme(outputs: Output[]): string {
  const permissive = [...permissiveUnion(outputs)].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
  const rows = outputs.map(
    (o) =>
      `| \`${o.which}.json.br\` | ${RELEASES[o.which]} | ${o.stats.options} | ${o.stats.descriptions.size} | ${o.stats.permissive.size} | ${fmtKiB(o.bytes)} |`,
  );
  return [
    "# Upstream option data",
    "",
    "Generated by `scripts/import-options.ts`; do not edit. Brotli-compressed JSON (`UpstreamData` in",
    "`../load.ts`): an option tree whose sub-options of submodules live in the submodule TypeSpec",
    "(`../type-spec.ts`), each option with its parsed type, description, default, example,",
    "declarations and readOnly flag.",
    "",
    "Sources: the official `options.json` dumps of NixOS (release marker",
    "`nixos-25.05beta751650.64e75cd44acf`, nixos-unstable, February 2025) and of home-manager (master,",
    "February 2025), as published in the test data of 3timeslazy/nix-search-tv.",
    "",
    "| file | source | options | distinct types | permissive types | size |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    `Distinct type descriptions over both sets: ${distinctDescriptions(outputs)} (listed with their option counts`,
    `in \`type-descriptions.json\`, the parser's test corpus); ${permissive.length} of them contain a part that cannot`,
    "be checked from its description (an opaque custom type) and parse to a `permissive` TypeSpec there.",
    "Options using each (JSON-quoted description):",
    "",
    "```",
    ...permissive.map(([d, n]) => `${String(n).padStart(4)}  ${JSON.stringify(d)}`),
    "```",
    "",
  ].join("\n");
}

/**
 * Every distinct type description with its option count per set, sorted: the test corpus of the
 * description parser (tests must not read the original dumps, which users' clones lack).
 */
function descriptionsJson(outputs: Output[]): string {
  const all = new Set(outputs.flatMap((o) => [...o.stats.descriptions.keys()]));
  const rows = [...all].sort(cmp).map((d) => {
    const counts = Object.fromEntries(outputs.map((o) => [o.which, o.stats.descriptions.get(d) ?? 0] as const).filter(([, n]) => n > 0));
    return `  ${JSON.stringify([d, counts])}`;
  });
  return `[\n${rows.join(",\n")}\n]\n`;
}

function printSummary(outputs: Output[]): void {
  for (const o of outputs) {
    const s = o.stats;
    console.log(
      `${o.which}: ${s.options} options, ${s.descriptions.size} distinct type descriptions, ` +
        `${s.permissive.size} with permissive parts (${[...s.permissive.values()].reduce((a, b) => a + b, 0)} options); ` +
        `${s.submoduleOptions} sub-options attached to submodules (${s.freeformWrapped} freeform wrappers), ` +
        `${s.looseOptions} placeholder options without an owner; ${fmtKiB(o.rawBytes)} JSON -> ${fmtKiB(o.bytes)} brotli`,
    );
  }
  const permissive = [...permissiveUnion(outputs)].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
  console.log(`total: ${distinctDescriptions(outputs)} distinct descriptions, ${permissive.length} permissive:`);
  for (const [d, n] of permissive) console.log(`  ${String(n).padStart(4)}  ${JSON.stringify(d)}`);
  console.log(`submodule sub-options: ${countSubmodules(outputs)}; output ${fmtKiB(outputs.reduce((n, o) => n + o.bytes, 0))} total`);
}

function main(argv: string[]): void {
  const [nixosFile, hmFile] = argv;
  if (nixosFile === undefined || hmFile === undefined) {
    console.error("usage: tsx scripts/import-options.ts <nixos-options.json[.br]> <home-manager-options.json[.br]>");
    process.exit(2);
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const outputs = [importOne("nixos", nixosFile), importOne("home-manager", hmFile)];
  writeFileSync(`${DATA_DIR}README.md`, readme(outputs));
  writeFileSync(`${DATA_DIR}type-descriptions.json`, descriptionsJson(outputs));
  printSummary(outputs);
}

main(process.argv.slice(2));
