// Where `panther check` reads the project from: the working tree, or the git index (`--staged`),
// and which files changed (git). This file does the check's I/O; the rules stay pure.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Reads files by absolute path. Paths outside the project always come from the disk. */
export interface SourceView {
  read(file: string): string | undefined;
  exists(file: string): boolean;
  /** The project's files (relative, `/`-separated) under the given folders or equal to the given names. */
  list(prefixes: readonly string[]): string[];
  /**
   * Size and modification time when the view's content of `file` is the disk's; undefined when
   * it is missing or comes from elsewhere (the index), so that callers compare its content.
   */
  stat(file: string): FileStat | undefined;
  /** Every file reads as it is on the disk (so a tool reading the disk sees the same project). */
  readonly fromDisk: boolean;
}

export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

const skippedFolders = new Set(["node_modules", ".git"]);

/** The files on disk. */
export function workingTreeView(root: string): SourceView {
  return {
    read: (file) => readDisk(file),
    exists: (file) => fs.existsSync(file),
    list: (prefixes) => walk(root).filter((f) => matches(f, prefixes)),
    stat: (file) => statDisk(file),
    fromDisk: true,
  };
}

function statDisk(file: string): FileStat | undefined {
  const stats = fs.statSync(file, { throwIfNoEntry: false });
  return stats?.isFile() ? { size: stats.size, mtimeMs: stats.mtimeMs } : undefined;
}

function readDisk(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function walk(root: string, dir = ""): string[] {
  const found: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !skippedFolders.has(entry.name)) found.push(...walk(root, rel));
    else if (entry.isFile()) found.push(rel);
  }
  return found.sort();
}

function matches(file: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p));
}

// ---------------------------------------------------------------- git

function git(root: string, args: readonly string[], input?: string): Buffer {
  return execFileSync("git", [...args], { cwd: root, input, maxBuffer: 256 * 1024 * 1024, stdio: ["pipe", "pipe", "pipe"] });
}

function nulList(output: Buffer): string[] {
  return output.toString("utf8").split("\0").filter((s) => s !== "");
}

/** Whether `root` is inside a git work tree. */
export function isGitRepository(root: string): boolean {
  try {
    return git(root, ["rev-parse", "--is-inside-work-tree"]).toString().trim() === "true";
  } catch {
    return false;
  }
}

function hasHead(root: string): boolean {
  try {
    git(root, ["rev-parse", "--verify", "--quiet", "HEAD"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Files that differ from the last commit (relative to `root`): with `staged`, what `git commit`
 * would record; otherwise staged, unstaged and untracked changes. Undefined outside git.
 */
export function changedFiles(root: string, staged: boolean): string[] | undefined {
  if (!isGitRepository(root)) return undefined;
  const head = hasHead(root);
  if (staged) return nulList(git(root, ["diff", "--cached", "--name-only", "-z", "--relative", "--no-renames"]));
  const tracked = head ? nulList(git(root, ["diff", "HEAD", "--name-only", "-z", "--relative", "--no-renames"])) : nulList(git(root, ["ls-files", "-z"]));
  const untracked = nulList(git(root, ["ls-files", "--others", "--exclude-standard", "-z"]));
  return [...new Set([...tracked, ...untracked])].sort();
}

/**
 * The index as a view. Files whose index content differs from the disk (unstaged edits) are read
 * from git; files staged for deletion do not exist; every other file is read from the disk, where
 * it is identical to the index. Untracked files outside the index are still visible (a limit:
 * `git stash --keep-index` before checking hides them too).
 */
export function stagedView(root: string): SourceView {
  const index = new Map<string, string>();
  for (const entry of nulList(git(root, ["ls-files", "-s", "-z"]))) {
    const match = /^\d+ ([0-9a-f]+) \d\t(.*)$/s.exec(entry);
    if (match) index.set(match[2]!, match[1]!);
  }
  const differing = nulList(git(root, ["diff", "--name-only", "-z", "--relative", "--no-renames"])).filter((f) => index.has(f));
  const contents = readBlobs(root, differing.map((f) => index.get(f)!));
  const overlay = new Map(differing.map((f, i) => [f, contents[i]!]));
  const deleted = new Set(nulList(git(root, ["diff", "--cached", "--name-only", "-z", "--relative", "--diff-filter=D", "--no-renames"])));
  const inProject = (file: string): string | undefined => {
    const rel = path.relative(root, file);
    return rel.startsWith("..") || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join("/");
  };
  return {
    read(file) {
      const rel = inProject(file);
      if (rel !== undefined && deleted.has(rel)) return undefined;
      if (rel !== undefined && overlay.has(rel)) return overlay.get(rel);
      return readDisk(file);
    },
    exists(file) {
      const rel = inProject(file);
      if (rel !== undefined && deleted.has(rel)) return false;
      return (rel !== undefined && overlay.has(rel)) || fs.existsSync(file);
    },
    list: (prefixes) => [...index.keys()].filter((f) => matches(f, prefixes)).sort(),
    stat(file) {
      const rel = inProject(file);
      if (rel !== undefined && (deleted.has(rel) || overlay.has(rel))) return undefined;
      return statDisk(file);
    },
    fromDisk: overlay.size === 0 && deleted.size === 0,
  };
}

/** Blob contents in one `git cat-file --batch` call. */
function readBlobs(root: string, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const output = git(root, ["cat-file", "--batch"], `${ids.join("\n")}\n`);
  const texts: string[] = [];
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const headerEnd = output.indexOf(10, at);
    const size = Number(output.subarray(at, headerEnd).toString().split(" ")[2]);
    texts.push(output.subarray(headerEnd + 1, headerEnd + 1 + size).toString("utf8"));
    at = headerEnd + 1 + size + 1;
  }
  return texts;
}

/**
 * Write the index's version of the project into `dir` (for evaluating staged contents), with
 * `node_modules` linked to the project's. `git checkout-index` writes every indexed file.
 */
export function materializeIndex(root: string, dir: string): void {
  const prefix = `${dir.endsWith(path.sep) ? dir : dir + path.sep}`;
  const files = nulList(git(root, ["ls-files", "-z"]));
  git(root, ["checkout-index", "-z", "--stdin", `--prefix=${prefix}`], files.join("\0"));
  const modules = path.join(root, "node_modules");
  if (fs.existsSync(modules) && !fs.existsSync(path.join(dir, "node_modules"))) fs.symlinkSync(modules, path.join(dir, "node_modules"), "dir");
}
