// `panther eval`: a host's evaluated configuration, one option's value, or what a namespace
// defines, as JSON (with --json or when piped) or as Nix-looking text; packages as `pkgs.x`.

import type { Command } from "commander";
import { loadCompiler } from "../compiler.ts";
import { requireHost } from "../project.ts";
import { evalPath } from "../select.ts";
import { parseOptionPath, showNix } from "../values.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

export function registerEval(program: Command, io: CliIO, state: RunState): void {
  program
    .command("eval")
    .description("print a host's evaluated configuration, or the value at an option path")
    .argument("<host>", "the host to evaluate")
    .argument("[option.path]", 'an option, a path inside one, or a namespace, e.g. users.users."alice".shell')
    .option("--json", "print JSON (the default when stdout is not a terminal)")
    .addHelpText(
      "after",
      [
        "",
        "An option prints its value, default included. A namespace (or no path) prints what the",
        "host's modules define below it, as the generated files do: NixOS computes the rest.",
        "",
        "Examples:",
        "  $ panther eval hetzner-vps services.openssh.enable",
        "  $ panther eval hetzner-vps networking --json | jq .firewall",
      ].join("\n"),
    )
    .action(action(io, state, runEval));
}

async function runEval(ctx: Context, host: string, optionPath: string | undefined, opts: { json?: boolean }): Promise<number> {
  const project = await ctx.project();
  requireHost(project, host);
  const parts = optionPath === undefined ? [] : parseOptionPath(optionPath);
  const compiler = await loadCompiler();
  const { config, options } = compiler.evaluateHost(project, host);
  const value = evalPath(config, options, parts);
  const json = opts.json === true || ctx.format === "json" || ctx.io.stdout.isTTY !== true;
  ctx.print(json ? JSON.stringify(value ?? null, null, 2) : showNix(value));
  return 0;
}
