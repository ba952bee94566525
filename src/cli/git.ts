// The few git operations history and diff need: the sources' revision (with a dirty flag), and
// another revision checked out in a temporary worktree outside the user's tree, removed after use.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SourceRevision } from "../history/record.ts";
import { CliError } from "./errors.ts";

function git(cwd: string, args: readonly string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The top of the git checkout holding `dir`, or undefined (no git, or not in a repository). */
export function gitTopLevel(dir: string): string | undefined {
  try {
    return git(dir, ["rev-parse", "--show-toplevel"]);
  } catch {
    return undefined;
  }
}

/**
 * HEAD and whether the project (`root`, minus the output folder `outDir`) has uncommitted or
 * untracked changes; null outside a repository or before the first commit.
 */
export function sourceRevision(root: string, outDir: string): SourceRevision | null {
  let revision: string;
  try {
    revision = git(root, ["rev-parse", "--verify", "--quiet", "HEAD"]);
  } catch {
    return null;
  }
  const pathspec = ["."];
  const outRel = path.relative(root, outDir);
  if (outRel !== "" && !outRel.startsWith("..") && !path.isAbsolute(outRel)) pathspec.push(`:(exclude)${outRel.split(path.sep).join("/")}`);
  const status = git(root, ["status", "--porcelain", "--untracked-files=normal", "--", ...pathspec]);
  return { revision, dirty: status !== "" };
}

/** The full commit id `ref` names, or a CliError saying why not. */
export function resolveCommit(root: string, ref: string): string {
  if (gitTopLevel(root) === undefined) {
    throw new CliError("not-a-git-repository", `--from ${ref} needs git, but ${root} is not in a git repository.`, "Compare with a generation instead: panther history <host>.");
  }
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw new CliError("unknown-revision", `\`${ref}' is not a commit in this repository.`, "Give a branch, tag or commit, e.g. --from HEAD or --from main~2.");
  }
}

/**
 * Check out `commit` in a temporary worktree (in the system's temp folder), run `body` with the
 * project folder inside it, and remove the worktree whatever happens. The user's working tree,
 * index and HEAD are not touched; git only keeps a note of the worktree while it exists.
 * `node_modules` is linked to the project's, so the revision loads the installed dependencies.
 */
export async function withWorktree<T>(root: string, commit: string, body: (projectDir: string) => Promise<T>): Promise<T> {
  const top = gitTopLevel(root)!;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "panther-from-"));
  const tree = path.join(base, "tree");
  try {
    try {
      git(top, ["worktree", "add", "--detach", "--quiet", tree, commit]);
    } catch (error) {
      throw new CliError("git-failed", `Could not check out ${commit.slice(0, 12)} in a temporary worktree: ${gitMessage(error)}`);
    }
    const projectDir = path.join(tree, path.relative(fs.realpathSync(top), fs.realpathSync(root)));
    linkNodeModules(root, projectDir);
    return await body(projectDir);
  } finally {
    try {
      git(top, ["worktree", "remove", "--force", tree]);
    } catch {
      // Already gone or never made; prune drops any note left behind.
    }
    fs.rmSync(base, { recursive: true, force: true });
    try {
      git(top, ["worktree", "prune"]);
    } catch {
      // Nothing to prune.
    }
  }
}

/** Link the nearest node_modules at or above `root` into the checkout, unless it has its own. */
function linkNodeModules(root: string, projectDir: string): void {
  const target = path.join(projectDir, "node_modules");
  if (!fs.existsSync(projectDir) || fs.existsSync(target)) return;
  for (let dir = root; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules");
    if (fs.existsSync(candidate)) {
      fs.symlinkSync(fs.realpathSync(candidate), target, "dir");
      return;
    }
    if (path.dirname(dir) === dir) return;
  }
}

function gitMessage(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === "string" && stderr.trim() !== "" ? stderr.trim() : error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]!;
}
