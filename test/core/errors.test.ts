// Every error code: the message names the option and the file:line of each definition involved.

import { describe, expect, it } from "vitest";
import {
  assertionsModule,
  checkAssertWarn,
  defineModule,
  evalModules,
  mkIf,
  mkOption,
  PantherError,
  types,
  type ErrorCode,
} from "panther";
import web from "../fixtures/modules/web.ts";
import port8080 from "../fixtures/modules/define-port-8080.ts";
import port9090 from "../fixtures/modules/define-port-9090.ts";
import typo from "../fixtures/modules/define-typo.ts";

const here = new URL(import.meta.url).pathname;
const fixture = (name: string) => new URL(`../fixtures/modules/${name}`, import.meta.url).pathname;

function failure(run: () => unknown, code: ErrorCode): PantherError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PantherError);
    expect((error as PantherError).code).toBe(code);
    return error as PantherError;
  }
  throw new Error(`expected a ${code} error`);
}

const force = (modules: object[]) => () => JSON.stringify(evalModules({ modules }).config);

describe("error codes name the files and lines involved", () => {
  it("undefined-option suggests the declared name", () => {
    const e = failure(force([web, typo]), "undefined-option");
    expect(e.message).toContain("The option `demo.web.prot' does not exist");
    expect(e.message).toContain(`${fixture("define-typo.ts")}:4`);
    expect(e.message).toContain("Did you mean `demo.web.port'?");
    expect(e.locations[0]).toMatchObject({ file: fixture("define-typo.ts"), line: 4 });
  });

  it("conflicting-definitions lists both definitions", () => {
    const e = failure(force([web, port8080, port9090]), "conflicting-definitions");
    expect(e.message).toContain("demo.web.port");
    expect(e.message).toContain(`${fixture("define-port-8080.ts")}:4`);
    expect(e.message).toContain(`${fixture("define-port-9090.ts")}:4`);
    expect(e.message).toMatch(/8080/);
    expect(e.message).toMatch(/9090/);
  });

  it("type-mismatch names the type and the offending definition", () => {
    const bad = defineModule({ demo: { web: { port: 70000 } } });
    const e = failure(force([web, bad]), "type-mismatch");
    expect(e.message).toContain("is not of type `16 bit unsigned integer; between 0 and 65535 (both inclusive)'");
    expect(e.message).toContain(`${here}:${lineOf("port: 70000")}`);
  });

  it("no-value names the option and where its definitions were dropped", () => {
    const off = defineModule({ demo: { web: { name: mkIf(false, "x") } } });
    const e = failure(() => evalModules({ modules: [web, off] }).config.demo.web.name, "no-value");
    expect(e.message).toContain("`demo.web.name' was accessed but has no value defined");
    expect(e.message).toContain(`${here}:${lineOf('name: mkIf(false, "x")')}`);
  });

  it("read-only lists the default and the definition", () => {
    const decl = defineModule({ options: { version: mkOption({ type: types.str, default: "1", readOnly: true }) } });
    const set = defineModule({ version: "2" });
    const e = failure(() => evalModules({ modules: [decl, set] }).config.version, "read-only");
    expect(e.message).toContain(`${here}:${lineOf('default: "1", readOnly: true')}`);
    expect(e.message).toContain(`${here}:${lineOf('const set = defineModule({ version: "2" })')}`);
  });

  it("non-boolean-condition names the definition", () => {
    const bad = defineModule({ demo: { web: { enable: mkIf("yes" as unknown as boolean, true) } } });
    const e = failure(force([web, bad]), "non-boolean-condition");
    expect(e.message).toContain("non-Boolean condition");
    expect(e.message).toContain(`${here}:${lineOf('mkIf("yes"')}`);
  });

  it("infinite-recursion shows the chain of options", () => {
    const decl = defineModule({ options: { a: mkOption({ type: types.int }), b: mkOption({ type: types.int }) } });
    const loop = defineModule(({ config }) => ({ a: config.b + 1, b: config.a + 1 }));
    const e = failure(() => evalModules({ modules: [decl, loop] }).config.a, "infinite-recursion");
    expect(e.message).toMatch(/a\n\s+→ b\n\s+→ a/);
    expect(e.message).toContain(`${here}:${lineOf("const loop = defineModule")}`);
  });

  it("duplicate-declaration names both declarations", () => {
    const again = defineModule({ options: { demo: { web: { port: mkOption({ type: types.port, default: 81 }) } } } });
    const e = failure(force([web, again]), "duplicate-declaration");
    expect(e.message).toContain("demo.web.port");
    expect(e.message).toContain(fixture("web.ts"));
    expect(e.message).toContain(`${here}:${lineOf("const again = defineModule")}`);
  });

  it("failed-assertion names the module that asserted", () => {
    const assert = defineModule(({ config }) => ({
      assertions: [{ assertion: config.demo.web.port !== 8080, message: "port 8080 is reserved" }],
    }));
    const result = evalModules({ modules: [assertionsModule, web, port8080, assert] });
    const e = failure(() => checkAssertWarn(result.options), "failed-assertion");
    expect(e.message).toContain("port 8080 is reserved");
    expect(e.message).toContain(`${here}:${lineOf("const assert = defineModule")}`);
  });
});

/** The line of this test file that contains `text`, so assertions do not hard-code line numbers. */
function lineOf(text: string): number {
  const lines = readSelf().split("\n");
  const index = lines.findIndex((l) => l.includes(text) && !l.includes("lineOf("));
  if (index < 0) throw new Error(`no line with ${text}`);
  return index + 1;
}

import { readFileSync } from "node:fs";
const readSelf = () => readFileSync(here, "utf8");
