// Regenerate docs/modules.md, the reference of every `panther.*` option of the module catalogue,
// and panther-options.d.ts, their TypeScript types for modules reading `config.panther.…`, from
// the declarations themselves. Run `npm run docs`; a test fails when either file is stale.
//   tsx scripts/gen-module-docs.ts [--check]

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadProject } from "../src/cli/project.ts";
import { evaluateHost } from "../src/compile/index.ts";
import { moduleReference, optionsUnder } from "../src/docs/module-reference.ts";
import { pantherOptionsDeclaration } from "../src/docs/option-types.ts";

const root = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
export const referenceFile = `${root}/docs/modules.md`;
export const typesFile = `${root}/panther-options.d.ts`;

async function catalogueOptions() {
  const project = await loadProject(root);
  return evaluateHost(project, "yoga").options;
}

/** panther-options.d.ts as the catalogue declares it today. */
export async function currentTypes(): Promise<string> {
  return pantherOptionsDeclaration((await catalogueOptions()).panther);
}

/** The reference as the catalogue declares it today (evaluated as yoga, which imports every module). */
export async function currentReference(): Promise<string> {
  const options = await catalogueOptions();
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
  const types = await currentTypes();
  if (process.argv.includes("--check")) {
    if (readFileSync(referenceFile, "utf8") !== text || readFileSync(typesFile, "utf8") !== types) {
      console.error("docs/modules.md or panther-options.d.ts is stale: run npm run docs");
      process.exit(1);
    }
  } else {
    writeFileSync(referenceFile, text);
    writeFileSync(typesFile, types);
    console.log(`wrote docs/modules.md (${text.split("\n").filter((l) => l.startsWith("| `panther.")).length} options) and panther-options.d.ts`);
  }
}
