// The reference of panther's own options (`panther.*`), generated from their declarations: one
// table per category with type, default and description, and the file that declares each option.
// Markdown is documentation, not Nix, so plain text assembly is fine here.

import { relative } from "node:path";
import { isOptionView, type OptionView } from "../core/provenance.ts";

/** Every option under a node of an `options` tree, sorted by path. */
export function optionsUnder(node: unknown): OptionView[] {
  const found: OptionView[] = [];
  const walk = (value: unknown): void => {
    if (isOptionView(value)) {
      found.push(value);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    for (const key of Object.keys(value).sort()) walk((value as Record<string, unknown>)[key]);
  };
  walk(node);
  return found.sort((a, b) => a.loc.join(".").localeCompare(b.loc.join(".")));
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ").trim();

function showDefault(option: OptionView): string {
  if (option.defaultText !== undefined) return `*${cell(option.defaultText)}*`;
  if (option.default === undefined) return "*required*";
  return `\`${cell(JSON.stringify(option.default))}\``;
}

/** The Markdown reference of `options` (the `panther` subtree of an evaluation), grouped by `panther.<category>`. */
export function moduleReference(options: readonly OptionView[], root: string, title: string, intro: string): string {
  const groups = new Map<string, OptionView[]>();
  for (const option of options) {
    const group = option.loc.slice(0, 2).join(".");
    groups.set(group, [...(groups.get(group) ?? []), option]);
  }
  const lines = [`# ${title}`, "", intro, ""];
  for (const [group, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const files = [...new Set(members.flatMap((o) => o.declarations.map((d) => relative(root, d.file))))].sort();
    lines.push(`## \`${group}\``, "", `Declared in ${files.map((f) => `\`${f}\``).join(", ")}.`, "", "| option | type | default | description |", "|---|---|---|---|");
    for (const option of members) {
      lines.push(`| \`${option.loc.join(".")}\` | ${cell(option.type.description)} | ${showDefault(option)} | ${cell(option.description ?? "")} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
