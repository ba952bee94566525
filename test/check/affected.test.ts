// Affected hosts from the import graph, on an in-memory project.

import { describe, expect, test } from "vitest";
import { affectedHosts, importsOf } from "../../src/check/affected.ts";

const files: Record<string, string> = {
  "flake.ts": 'import a from "./hosts/a/default.ts";\nimport b from "./hosts/b/default.ts";\nimport bFacts from "./hosts/b/facts.ts";\n',
  "hosts/a/default.ts": 'import base from "../../modules/base.ts";\nimport web from "../../modules/web.ts";\n',
  "hosts/b/default.ts": 'import base from "../../modules/base.ts";\nimport type { X } from "panther";\n',
  "hosts/b/facts.ts": 'import data from "./facter.json" with { type: "json" };\n',
  "hosts/b/facter.json": "{}",
  "modules/base.ts": 'export * from "./lib/util.js";\n',
  "modules/lib/util.ts": "export const u = 1;\n",
  "modules/web.ts": 'const lazy = () => import("./lib/util.ts");\n',
  "README.md": "",
};
const read = (f: string) => files[f];
const hosts = [
  { name: "a", entry: "hosts/a/default.ts" },
  { name: "b", entry: "hosts/b/default.ts" },
];

describe("affected hosts", () => {
  test("a module one host imports affects that host only", () => {
    expect(affectedHosts(hosts, ["modules/web.ts"], read)).toEqual({ hosts: ["a"], reasons: { a: "modules/web.ts" } });
  });

  test("a file reached through re-exports and `.js` specifiers affects every host that reaches it", () => {
    expect(affectedHosts(hosts, ["modules/lib/util.ts"], read).hosts).toEqual(["a", "b"]);
  });

  test("flake.ts, and files only flake.ts imports, affect every host", () => {
    expect(affectedHosts(hosts, ["flake.ts"], read).hosts).toEqual(["a", "b"]);
    expect(affectedHosts(hosts, ["hosts/b/facter.json"], read).hosts).toEqual(["a", "b"]);
  });

  test("files outside every graph affect no host; a host without a known file is always checked", () => {
    expect(affectedHosts(hosts, ["README.md"], read).hosts).toEqual([]);
    expect(affectedHosts([...hosts, { name: "c", entry: undefined }], ["README.md"], read).hosts).toEqual(["c"]);
  });

  test("package imports are not project files", () => {
    expect(importsOf("hosts/b/default.ts", files["hosts/b/default.ts"]!, (f) => f in files)).toEqual(["modules/base.ts"]);
  });
});
