// `panther hosts`: the fleet as flake.ts defines it; `--json` gives an array that CI uses as a
// build matrix (`strategy.matrix.host: ${{ fromJSON(...) }}`).

import type { Command } from "commander";
import type { Project } from "../../compile/project.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

export interface HostRow {
  readonly name: string;
  readonly system: string;
  readonly tags: readonly string[];
  readonly deployHostname: string;
}

export function hostRows(project: Project): HostRow[] {
  return project.flake.hosts.map((h) => ({ name: h.name, system: h.system, tags: h.tags ?? [], deployHostname: h.deployHostname ?? h.name }));
}

export function registerHosts(program: Command, io: CliIO, state: RunState): void {
  program
    .command("hosts")
    .description("list the hosts defined in flake.ts")
    .option("--json", "print a JSON array (usable as a CI matrix)")
    .addHelpText("after", "\nExamples:\n  $ panther hosts\n  $ panther hosts --json | jq -r '.[].name'")
    .action(action(io, state, runHosts));
}

async function runHosts(ctx: Context, opts: { json?: boolean }): Promise<number> {
  const rows = hostRows(await ctx.project());
  if (opts.json || ctx.format === "json") ctx.print(JSON.stringify(rows));
  else ctx.print(hostTable(rows, ctx));
  return 0;
}

function hostTable(rows: readonly HostRow[], ctx: Context): string {
  if (rows.length === 0) return "flake.ts defines no hosts.";
  const header = ["NAME", "SYSTEM", "TAGS"];
  const cells = rows.map((r) => [r.name, r.system, r.tags.join(", ")]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((s, i) => (i === c.length - 1 ? s : s.padEnd(widths[i]!))).join("  ").trimEnd();
  return [ctx.out.bold(line(header)), ...cells.map(line)].join("\n");
}
