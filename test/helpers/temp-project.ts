// A copy of a fixture project in a temporary folder (optionally a git repository with one
// commit), whose `panther` import resolves to this checkout, for commands that read git or write.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../..");

export interface TempProject {
  readonly root: string;
  write(file: string, text: string): void;
  read(file: string): string;
  git(...args: string[]): string;
  remove(): void;
}

export interface TempProjectOptions {
  readonly git?: boolean;
  /**
   * A folder to use as node_modules/.cache, so that projects made from the same fixture share
   * the type checker's incremental state (only within one test file: runs are sequential there).
   */
  readonly cache?: string;
}

export function tempProject(fixture: string, options: TempProjectOptions = {}): TempProject {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "panther-project-")));
  fs.cpSync(fixture, root, { recursive: true });
  // Only what the fixture imports: panther itself and the Node types the type checker needs.
  fs.mkdirSync(path.join(root, "node_modules", "@types"), { recursive: true });
  fs.symlinkSync(repo, path.join(root, "node_modules", "panther"), "dir");
  fs.symlinkSync(path.join(repo, "node_modules", "@types", "node"), path.join(root, "node_modules", "@types", "node"), "dir");
  if (options.cache) fs.symlinkSync(options.cache, path.join(root, "node_modules", ".cache"), "dir");
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" },
    });
  if (options.git) {
    fs.writeFileSync(path.join(root, ".gitignore"), "node_modules/\nout/\n.panther/\n");
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "fixture");
  }
  return {
    root,
    write: (file, text) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    },
    read: (file) => fs.readFileSync(path.join(root, file), "utf8"),
    git,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
