// Lines of a test file marked with `// @name` comments, so tests can assert file:line locations
// without hard-coding line numbers.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function markers(moduleUrl: string): { readonly file: string; line(name: string): number } {
  const file = fileURLToPath(moduleUrl);
  const lines = readFileSync(file, "utf8").split("\n");
  return {
    file,
    line(name: string): number {
      const index = lines.findIndex((l) => l.includes(`// @${name}`) && new RegExp(`// @${name}(\\s|$)`).test(l));
      if (index < 0) throw new Error(`no line marked // @${name} in ${file}`);
      return index + 1;
    },
  };
}
