// The structural rules on fixture files: the good fixture passes, each bad file fails its rule.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ruleCodes } from "../../src/check/diagnostic.ts";
import { runRules, type SourceText } from "../../src/check/rules.ts";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/check-rules");

function load(which: string): SourceText[] {
  const root = path.join(fixtures, which);
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => ({ path: f.split(path.sep).join("/"), text: fs.readFileSync(path.join(root, f), "utf8") }));
}

const brief = (files: SourceText[]) => runRules(files).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`);

describe("structural rules", () => {
  test("a project that follows every rule has no findings", () => {
    expect(runRules(load("good"))).toEqual([]);
  });

  test("each bad fixture fails its rule, at the offending node", () => {
    expect(brief(load("bad")).sort()).toMatchInlineSnapshot(`
      [
        "home/secrets.ts:8:31 unknown-secret: There is no secret "db-pasword" in secrets-mapping.ts.",
        "home/secrets.ts:8:56 unknown-secret: There is no secret "api-token" in secrets-mapping.ts.",
        "home/secrets.ts:8:80 unknown-secret: secret() takes the secret's name as a string literal, so that the name can be checked.",
        "modules/extra-export.ts:4:1 module-export: modules/extra-export.ts exports \`helper' besides its module; a file in modules/ and home/ exports exactly one module.",
        "modules/host-import.ts:3:19 module-imports-host: A module imports \`../hosts/alpha.ts' from hosts/; shared modules must not depend on a host.",
        "modules/io.ts:3:16 module-io: A module imports \`node:fs'; modules do no I/O.",
        "modules/io.ts:4:26 module-io: A module imports \`child_process'; modules do no I/O.",
        "modules/io.ts:6:74 module-io: A module reads \`process.env'; its result would depend on the machine running panther.",
        "modules/io.ts:7:6 module-io: A module calls fetch(); modules do no network I/O.",
        "modules/no-default.ts:2:1 module-export: modules/no-default.ts has no default export; every file in modules/ and home/ is one module.",
        "modules/no-description.ts:7:13 option-description: An option without a description.",
        "modules/no-description.ts:8:68 option-description: An option with an empty description.",
        "modules/plain-object.ts:2:1 module-export: The default export is not made with defineModule (or defineHomeModule in home/), so panther cannot tell where the module was written.",
        "modules/untyped.ts:7:30 option-any: An option of type \`types.anything' accepts any value, so mistakes in it are never reported.",
        "modules/untyped.ts:8:45 option-any: An option of type \`types.raw' accepts any value, so mistakes in it are never reported.",
        "modules/untyped.ts:9:57 option-any: \`any\` in an option declaration turns off type checking of its values.",
      ]
    `);
  });

  test("every rule has a failing fixture and every finding has a fix hint", () => {
    const found = runRules(load("bad"));
    expect(new Set(found.map((d) => d.code))).toEqual(new Set(Object.keys(ruleCodes)));
    for (const d of found) expect(d.hint, d.code).toMatch(/\S/);
  });

  test("hosts may export helpers and import each other; only modules/ and home/ are modules", () => {
    const files = [{ path: "hosts/a/default.ts", text: 'import x from "../b/default.ts";\nexport const y = 1;\nexport default x;\n' }];
    expect(runRules(files)).toEqual([]);
  });

  test("a secret mapping given as a const, with a spread, accepts names it cannot see", () => {
    const mapping = { path: "secrets-mapping.ts", text: "const base = { a: 1 };\nconst all = { ...base, b: 2 };\nexport default defineSecrets(all);\n" };
    const user = { path: "modules/m.ts", text: 'import { defineModule } from "panther";\nexport default defineModule({ x: secret("a"), y: secret("b") });\n' };
    expect(runRules([mapping, user])).toEqual([]);
  });

  test("without secrets-mapping.ts every secret() reference is reported", () => {
    const user = { path: "modules/m.ts", text: 'import { defineModule } from "panther";\nexport default defineModule({ x: secret("a") });\n' };
    expect(brief([user])).toEqual(['modules/m.ts:2:41 unknown-secret: The secret "a" cannot be checked: the project has no secrets-mapping.ts.']);
  });

  test("a module's `any` outside option declarations is not this rule's business", () => {
    const text = 'import { defineModule, mkOption, types } from "panther";\nconst f = (x: any) => x;\nexport default defineModule({ options: { a: mkOption({ type: types.str, description: "A.", default: f("") }) } });\n';
    expect(runRules([{ path: "modules/m.ts", text }])).toEqual([]);
  });
});

describe("the repository's own modules", () => {
  test("modules/, home/ and secrets-mapping.ts follow every rule (defineHomeModule counts as a module)", () => {
    const repo = path.resolve(import.meta.dirname, "../..");
    const files = ["modules", "home"]
      .flatMap((dir) => (fs.readdirSync(path.join(repo, dir), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => `${dir}/${f.split(path.sep).join("/")}`))
      .concat("secrets-mapping.ts")
      .sort()
      .map((f) => ({ path: f, text: fs.readFileSync(path.join(repo, f), "utf8") }));
    expect(files.length).toBeGreaterThan(30);
    expect(brief(files)).toEqual([]);
  });
});
