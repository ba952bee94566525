// The bench's Nix version of the workload (bench/nix-workload.ts) is valid Nix 2.8 of the right
// shape. (That it evaluates to panther's configuration is checked by `npm run bench` itself, which
// needs a nixpkgs lib: tests have none.)

import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nixWorkload } from "../../bench/nix-workload.ts";
import { nixEvalJson, nixParse, requireNix, runNixTests } from "../helpers/nix.ts";

describe.skipIf(!runNixTests())("bench/nix-workload.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "panther-nix-workload-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("parses, and hands lib.evalModules one module per n, every tenth a function", () => {
    requireNix();
    // A stand-in lib: evalModules reports how many modules of each kind it was given.
    const lib = join(dir, "lib");
    mkdirSync(lib);
    writeFileSync(
      join(lib, "default.nix"),
      "{ evalModules = { modules }: { config = { total = builtins.length modules; functions = builtins.length (builtins.filter builtins.isFunction modules); }; }; }\n",
    );
    const text = nixWorkload(25, lib);
    expect(nixParse(text).ok).toBe(true);
    expect(nixEvalJson(text)).toEqual({ total: 25, functions: 3 });
  });
});
