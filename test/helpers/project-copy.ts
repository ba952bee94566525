// Copies of a fixture project in a temporary folder, edited per test. Each copy has its own path,
// so the CLI (which imports flake.ts in-process) loads the edited modules, never cached ones.

import fs from "node:fs";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../..");

/** File → new content, or [search, replacement] pairs applied to the fixture's text. */
export type Edits = Readonly<Record<string, string | readonly (readonly [string, string])[]>>;

let copies = 0;

/** Copy `fixture` (a folder under test/fixtures) into `base`, apply `edits`, link node_modules. */
export function copyProject(fixture: string, base: string, edits: Edits = {}): string {
  const dir = path.join(base, `project-${++copies}`);
  fs.cpSync(path.join(repo, "test", "fixtures", fixture), dir, { recursive: true });
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(dir, "node_modules"), "dir");
  editProject(dir, edits);
  return dir;
}

export function editProject(dir: string, edits: Edits): void {
  for (const [file, edit] of Object.entries(edits)) {
    const target = path.join(dir, file);
    if (typeof edit === "string") {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, edit);
      continue;
    }
    let text = fs.readFileSync(target, "utf8");
    for (const [search, replacement] of edit) {
      if (!text.includes(search)) throw new Error(`${file} does not contain ${JSON.stringify(search)}`);
      text = text.replace(search, replacement);
    }
    fs.writeFileSync(target, text);
  }
}
