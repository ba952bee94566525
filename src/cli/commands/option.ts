// `panther option`: nixos-option with provenance: the value, type, description, declarations,
// and every definition with file:line and priority, the ones that make the value marked ★.

import type { Command } from "commander";
import type { OptionView, DefinitionInfo } from "../../core/provenance.ts";
import type { SourceLocation } from "../../core/location.ts";
import { priorities, orders } from "../../core/wrappers.ts";
import { loadCompiler } from "../compiler.ts";
import { errorToJSON, exitCodeFor, relativePath } from "../diagnostics.ts";
import { requireHost } from "../project.ts";
import { parseOptionPath, showNix, showNixInline, showPath } from "../values.ts";
import { selectOption, siblingNames } from "../select.ts";
import { isOptionView } from "../../core/provenance.ts";
import { definedValue } from "../../compile/defined.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

export function registerOption(program: Command, io: CliIO, state: RunState): void {
  program
    .command("option")
    .description("show an option of a host: value, type, description, declarations and every definition")
    .argument("<host>", "the host to evaluate")
    .argument("<option.path>", "the option, e.g. services.openssh.settings.PermitRootLogin")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      [
        "",
        "Like nixos-option, but lists every definition, including those that lost on priority,",
        "with file:line; ★ marks the definitions merged into the value.",
        "",
        "Examples:",
        "  $ panther option hetzner-vps services.openssh.enable",
        "  $ panther option yoga networking.firewall.allowedTCPPorts --json",
      ].join("\n"),
    )
    .action(action(io, state, runOption));
}

async function runOption(ctx: Context, host: string, optionPath: string, opts: { json?: boolean }): Promise<number> {
  const project = await ctx.project();
  requireHost(project, host);
  const parts = parseOptionPath(optionPath);
  const compiler = await loadCompiler();
  const { options } = compiler.evaluateHost(project, host);
  const node = selectOption(options, parts);
  const json = opts.json === true || ctx.format === "json";
  if (!isOptionView(node)) {
    const children = siblingNames(node);
    if (json) ctx.print(JSON.stringify({ namespace: showPath(parts), children }, null, 2));
    else ctx.print(`${ctx.out.bold(showPath(parts))} is a namespace containing:\n${children.map((c) => `  ${c}`).join("\n")}`);
    return 0;
  }
  const info = describeOption(node);
  if (json) ctx.print(JSON.stringify(optionJSON(info, project.root), null, 2));
  else ctx.print(optionText(info, ctx));
  if (info.error === undefined) return 0;
  // The JSON document already carries the error; text shows the diagnostic after the listing.
  return json ? exitCodeFor(info.error) : ctx.report(info.error);
}

// ---------------------------------------------------------------- gathering

interface Described {
  readonly path: string;
  /** Plain value, when it evaluated. */
  readonly value?: unknown;
  readonly error?: unknown;
  readonly type: string;
  readonly description: string | undefined;
  readonly defaultValue: unknown;
  readonly readOnly: boolean;
  readonly declarations: readonly SourceLocation[];
  readonly definitions: readonly DefinitionInfo[];
}

/**
 * Collect everything, keeping going when the value fails: a conflict is exactly when the list of
 * definitions is most useful.
 */
function describeOption(opt: OptionView): Described {
  let value: unknown;
  let error: unknown;
  try {
    value = definedValue(opt.value);
  } catch (e) {
    error = e;
  }
  let definitions: readonly DefinitionInfo[] = [];
  try {
    definitions = opt.allDefinitions;
  } catch (e) {
    error ??= e;
  }
  let defaultValue: unknown;
  try {
    defaultValue = definedValue(opt.default);
  } catch {
    defaultValue = undefined;
  }
  return {
    path: showPath(opt.loc),
    value,
    error,
    type: opt.type.description,
    description: opt.description,
    defaultValue,
    readOnly: opt.readOnly,
    declarations: opt.declarations,
    definitions,
  };
}

const priorityNames = new Map<number, string>([
  [priorities.vmOverride, "mkVMOverride"],
  [priorities.force, "mkForce"],
  [priorities.imageMediaOverride, "mkImageMediaOverride"],
  [priorities.default, "mkDefault"],
  [priorities.optionDefault, "option default"],
]);

export function priorityLabel(priority: number): string {
  const name = priorityNames.get(priority);
  return name ? `${priority} (${name})` : String(priority);
}

function orderLabel(order: number): string | undefined {
  if (order === orders.plain) return undefined;
  if (order === orders.before) return "mkBefore";
  if (order === orders.after) return "mkAfter";
  return `mkOrder ${order}`;
}

function where(source: SourceLocation, root: string): string {
  const file = relativePath(source.file, root);
  return source.line === undefined ? file : `${file}:${source.line}`;
}

function plainOrError(value: unknown): unknown {
  try {
    return definedValue(value);
  } catch {
    return "«error»";
  }
}

// ---------------------------------------------------------------- rendering

function optionJSON(info: Described, root: string): Record<string, unknown> {
  return {
    option: info.path,
    value: info.value,
    error: info.error === undefined ? undefined : errorToJSON(info.error, root),
    type: info.type,
    description: info.description,
    default: info.defaultValue,
    readOnly: info.readOnly,
    declarations: info.declarations.map((d) => ({ file: relativePath(d.file, root), line: d.line })),
    definitions: info.definitions.map((d) => ({
      file: relativePath(d.source.file, root),
      line: d.source.line,
      value: plainOrError(d.value),
      priority: d.priority,
      order: d.order,
      winning: d.winning,
    })),
  };
}

function optionText(info: Described, ctx: Context): string {
  const c = ctx.out;
  const root = ctx.root;
  const lines = [c.bold(info.path), ""];
  const value = info.error === undefined ? indentBlock(showNix(info.value)) : c.red("«error, see below»");
  lines.push(`${c.bold("Value:")}       ${value}`);
  lines.push(`${c.bold("Type:")}        ${info.type}`);
  if (info.defaultValue !== undefined) lines.push(`${c.bold("Default:")}     ${indentBlock(showNix(info.defaultValue))}`);
  if (info.readOnly) lines.push(`${c.bold("Read-only:")}   yes`);
  if (info.description) lines.push(`${c.bold("Description:")} ${indentBlock(info.description.trim())}`);
  lines.push("", c.bold("Declared in:"), ...info.declarations.map((d) => `  ${where(d, root)}`));
  lines.push("", c.bold(`Definitions (${info.definitions.length})${info.definitions.length > 0 ? ", ★ = merged into the value:" : ":"}`));
  lines.push(...definitionRows(info.definitions, ctx));
  return lines.join("\n");
}

function definitionRows(defs: readonly DefinitionInfo[], ctx: Context): string[] {
  if (defs.length === 0) return ["  (none)"];
  const rows = defs.map((d) => ({
    mark: d.winning ? "★" : " ",
    at: where(d.source, ctx.root),
    prio: `priority ${priorityLabel(d.priority)}${orderLabel(d.order) ? `, ${orderLabel(d.order)}` : ""}`,
    value: showNixInline(plainOrError(d.value), 60),
    winning: d.winning,
  }));
  const atWidth = Math.max(...rows.map((r) => r.at.length));
  const prioWidth = Math.max(...rows.map((r) => r.prio.length));
  return rows.map((r) => {
    const text = `${r.at.padEnd(atWidth)}  ${r.prio.padEnd(prioWidth)}  ${r.value}`;
    return `  ${r.winning ? ctx.out.green(r.mark) : r.mark} ${r.winning ? text : ctx.out.dim(text)}`;
  });
}

/** Continuation lines of a multi-line block line up under the first (after the label column). */
function indentBlock(text: string): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 || line === "" ? line : `${" ".repeat(13)}${line}`))
    .join("\n");
}
