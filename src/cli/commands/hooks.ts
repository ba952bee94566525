// `panther hooks install|uninstall`: a git pre-commit hook that runs `panther check --staged`.
// A hook panther did not write is never replaced without --force (and is then kept as a backup).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { CliError } from "../errors.ts";
import { findProjectRoot } from "../project.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

/** The line that marks a hook as panther's own. */
export const hookMarker = "# panther pre-commit hook";

/** The hook script; `projectDir` is the project relative to the repository's top folder. */
export function hookScript(projectDir: string): string {
  const cd = projectDir === "" ? [] : [`cd ${shellQuote(projectDir)} || exit 1`];
  return [
    "#!/bin/sh",
    `${hookMarker} (written by \`panther hooks install\`; remove it with \`panther hooks uninstall\`).`,
    "# Checks what is staged: structural rules, types, and the hosts the change affects.",
    "# Skip it once with `git commit --no-verify`.",
    ...cd,
    "exec npx --no-install panther check --staged",
    "",
  ].join("\n");
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function registerHooks(program: Command, io: CliIO, state: RunState): void {
  const hooks = program
    .command("hooks")
    .description("install or remove the git pre-commit hook that runs `panther check --staged`")
    .addHelpText(
      "after",
      [
        "",
        "Already using a hook manager? Skip this and call panther from it instead:",
        '  simple-git-hooks (package.json):  "simple-git-hooks": { "pre-commit": "npx panther check --staged" }',
        '  lint-staged (lint-staged.config.js): export default { "*.ts": () => "npx panther check --staged" }',
        "(the function form runs panther once, not once per file; see docs/check-and-ci.md).",
      ].join("\n"),
    );
  hooks
    .command("install")
    .description("write .git/hooks/pre-commit (refuses to replace a hook panther did not write)")
    .option("--force", "replace an existing pre-commit hook (it is kept as pre-commit.panther-backup)")
    .addHelpText("after", "\nExamples:\n  $ panther hooks install\n  $ panther hooks install --force")
    .action(action(io, state, install));
  hooks
    .command("uninstall")
    .description("remove the pre-commit hook if panther wrote it")
    .action(action(io, state, uninstall));
}

interface HookLocation {
  readonly file: string;
  /** The project folder relative to the repository's top folder ("" at the top). */
  readonly projectDir: string;
}

function locateHook(ctx: Context): HookLocation {
  const root = findProjectRoot(path.resolve(ctx.io.cwd, ctx.options.project ?? "."));
  const git = (args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  let top: string;
  let hooksDir: string;
  try {
    top = git(["rev-parse", "--show-toplevel"]);
    // Honours core.hooksPath.
    hooksDir = path.resolve(root, git(["rev-parse", "--git-path", "hooks"]));
  } catch {
    throw new CliError("not-a-repository", `${root} is not in a git repository, so there is nowhere to install a hook.`, "Run `git init` first.");
  }
  const projectDir = path.relative(fs.realpathSync(top), fs.realpathSync(root)).split(path.sep).join("/");
  return { file: path.join(hooksDir, "pre-commit"), projectDir };
}

async function install(ctx: Context, opts: { force?: boolean }): Promise<number> {
  const { file, projectDir } = locateHook(ctx);
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  const ours = existing?.includes(hookMarker) === true;
  if (existing !== undefined && !ours) {
    if (!opts.force) {
      throw new CliError(
        "hook-exists",
        `${file} exists and was not written by panther; it was left as it is.`,
        "Add `npx panther check --staged` to it yourself, or replace it with `panther hooks install --force` (the old hook is kept as pre-commit.panther-backup).",
      );
    }
    fs.writeFileSync(`${file}.panther-backup`, existing, { mode: fs.statSync(file).mode });
    ctx.note(`kept the previous hook as ${file}.panther-backup`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, hookScript(projectDir), { mode: 0o755 });
  fs.chmodSync(file, 0o755);
  ctx.print(`${ctx.out.green("✓")} ${ours ? "updated" : "installed"} ${file}: \`git commit\` now runs \`panther check --staged\``);
  return 0;
}

async function uninstall(ctx: Context): Promise<number> {
  const { file } = locateHook(ctx);
  if (!fs.existsSync(file)) {
    ctx.print("No pre-commit hook is installed.");
    return 0;
  }
  if (!fs.readFileSync(file, "utf8").includes(hookMarker)) {
    throw new CliError("hook-exists", `${file} was not written by panther; it was left as it is.`);
  }
  fs.rmSync(file);
  ctx.print(`${ctx.out.green("✓")} removed ${file}`);
  return 0;
}
