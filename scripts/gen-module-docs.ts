// Regenerate docs/modules.md, the reference of every `panther.*` option of the module catalogue,
// from the declarations themselves. Run `npm run docs`; a test fails when the file is stale.
//   tsx scripts/gen-module-docs.ts [--check]

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadProject } from "../src/cli/project.ts";
import { evaluateHost } from "../src/compile/index.ts";
import { moduleReference, optionsUnder } from "../src/docs/module-reference.ts";

const root = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
export const referenceFile = `${root}/docs/modules.md`;

/** The reference as the catalogue declares it today (evaluated as yoga, which imports every module). */
export async function currentReference(): Promise<string> {
  const project = await loadProject(root);
  const { options } = evaluateHost(project, "yoga");
  return moduleReference(
    optionsUnder(options.panther),
    root,
    "Module reference",
    "Every `panther.*` option of the shared modules (`modules/`), generated from their declarations by `npm run docs` " +
      "(scripts/gen-module-docs.ts). Each module does nothing until its `enable` switch or a profile " +
      "(`panther.profiles.server`, `panther.profiles.laptop`) turns it on. home-manager modules (`home/`) are described in " +
      "[users-and-home.md](users-and-home.md).",
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await currentReference();
  if (process.argv.includes("--check")) {
    if (readFileSync(referenceFile, "utf8") !== text) {
      console.error("docs/modules.md is stale: run npm run docs");
      process.exit(1);
    }
  } else {
    writeFileSync(referenceFile, text);
    console.log(`wrote docs/modules.md (${text.split("\n").filter((l) => l.startsWith("| `panther.")).length} options)`);
  }
}
