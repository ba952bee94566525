// Error rendering: rustc-style code frames read from disk, colour decisions (NO_COLOR,
// FORCE_COLOR, --no-color, TTY), the JSON form, the one-line form, and internal errors.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pc from "picocolors";
import { PantherError } from "../../src/core/errors.ts";
import { evalModules } from "../../src/lib/index.ts";
import typo from "../fixtures/modules/define-typo.ts";
import web from "../fixtures/modules/web.ts";
import {
  colorEnabled,
  errorToJSON,
  exitCodeFor,
  formatErrorLine,
  renderDiagnostic,
  renderError,
} from "../../src/cli/diagnostics.ts";
import { CliError } from "../../src/cli/errors.ts";

const plain = pc.createColors(false);
const colored = pc.createColors(true);
const ansi = /\x1b\[/;

let root: string;
let source: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "panther-diag-"));
  fs.mkdirSync(path.join(root, "modules"));
  source = path.join(root, "modules", "web.ts");
  fs.writeFileSync(source, ["import { defineModule } from \"panther\";", "", "export default defineModule({", "  demo.web.port = 8080,", "\tnetworking: 1,", "});", ""].join("\n"));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function conflict(): PantherError {
  return new PantherError({
    code: "conflicting-definitions",
    message: `The option \`demo.web.port' has conflicting definition values:\n- In \`${source}:4': 8080\n- In \`${source}:5': 9090`,
    optionPath: ["demo", "web", "port"],
    locations: [
      { file: source, line: 4, column: 3, role: "definition" },
      { file: source, line: 5, column: 2, role: "definition", detail: "9090" },
    ],
    hint: "Use mkForce on the one that should win.",
  });
}

describe("text rendering", () => {
  test("headline, a code frame per location (relative path, line, caret), the rest, the hint", () => {
    const text = renderError(conflict(), { root, colors: plain });
    expect(text).toBe(
      [
        "error[conflicting-definitions]: The option `demo.web.port' has conflicting definition values:",
        " --> modules/web.ts:4:3",
        "  |",
        "4 |   demo.web.port = 8080,",
        "  |   ^^^^ definition",
        " --> modules/web.ts:5:2",
        "  |",
        "5 | \tnetworking: 1,",
        "  | \t^^^^^^^^^^ definition: 9090",
        "- In `modules/web.ts:4': 8080",
        "- In `modules/web.ts:5': 9090",
        "hint: Use mkForce on the one that should win.",
        "",
      ].join("\n"),
    );
  });

  test("a location whose file cannot be read shows only the arrow", () => {
    const error = new PantherError({ code: "no-value", message: "No value.", locations: [{ file: path.join(root, "gone.ts"), line: 3, role: "declaration" }] });
    expect(renderError(error, { root, colors: plain })).toBe("error[no-value]: No value.\n  --> gone.ts:3 (declaration)\n");
  });

  test("a real evaluation error points at the fixture's line", () => {
    let caught: unknown;
    try {
      JSON.stringify(evalModules({ modules: [web, typo] }).config);
    } catch (error) {
      caught = error;
    }
    const repo = path.resolve(import.meta.dirname, "../..");
    const text = renderError(caught, { root: repo, colors: plain });
    expect(text).toMatch(/^error\[undefined-option\]: The option `demo\.web\.prot' does not exist/);
    expect(text).toContain("--> test/fixtures/modules/define-typo.ts:");
    expect(text).toMatch(/\n\d+ \| .*defineModule/);
    expect(text).not.toContain(repo);
  });

  test("colours only when enabled", () => {
    expect(renderError(conflict(), { root, colors: colored })).toMatch(ansi);
    expect(renderError(conflict(), { root, colors: plain })).not.toMatch(ansi);
  });

  test("CLI errors show their file and hint", () => {
    const error = new CliError("unknown-host", "There is no host `yoag' in flake.ts.", "Did you mean `yoga'?", path.join(root, "flake.ts"));
    expect(renderError(error, { root, colors: plain })).toBe("error[unknown-host]: There is no host `yoag' in flake.ts.\n  --> flake.ts\nhint: Did you mean `yoga'?\n");
    expect(exitCodeFor(error)).toBe(1);
  });

  test("unexpected errors are internal errors with the stack, exit code 2", () => {
    const error = new TypeError("x is not a function");
    const text = renderError(error, { root, colors: plain });
    expect(text).toMatch(/^internal error: TypeError: x is not a function\n\s+at /);
    expect(exitCodeFor(error)).toBe(2);
  });
});

describe("colour decisions", () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  test.each([
    ["a terminal", tty, {}, true, true],
    ["a pipe", pipe, {}, true, false],
    ["NO_COLOR on a terminal", tty, { NO_COLOR: "1" }, true, false],
    ["an empty NO_COLOR is ignored", tty, { NO_COLOR: "" }, true, true],
    ["NO_COLOR beats FORCE_COLOR", tty, { NO_COLOR: "1", FORCE_COLOR: "1" }, true, false],
    ["FORCE_COLOR on a pipe", pipe, { FORCE_COLOR: "1" }, true, true],
    ["FORCE_COLOR=0 on a terminal", tty, { FORCE_COLOR: "0" }, true, false],
    ["--no-color beats FORCE_COLOR", tty, { FORCE_COLOR: "1" }, false, false],
  ])("%s", (_name, stream, env, flag, expected) => {
    expect(colorEnabled(stream, env, flag)).toBe(expected);
  });
});

describe("machine-readable forms", () => {
  test("JSON: the error's toJSON with relative paths, one line per error", () => {
    const line = renderDiagnostic(conflict(), "json", { root, colors: colored }, { host: "yoga" });
    expect(line.endsWith("\n")).toBe(true);
    expect(line.trim()).not.toContain("\n");
    expect(line).not.toMatch(ansi);
    const data = JSON.parse(line);
    expect(data).toMatchObject({
      host: "yoga",
      code: "conflicting-definitions",
      option: "demo.web.port",
      hint: "Use mkForce on the one that should win.",
      locations: [
        { file: "modules/web.ts", line: 4, column: 3, role: "definition" },
        { file: "modules/web.ts", line: 5, column: 2, role: "definition", detail: "9090" },
      ],
    });
    expect(data.message).toContain("- In `modules/web.ts:4': 8080");
  });

  test("JSON for internal errors", () => {
    expect(errorToJSON(new Error("boom"), root)).toMatchObject({ code: "internal-error", message: "boom" });
  });

  test("one line: file(line,col): error CODE: message", () => {
    expect(formatErrorLine(conflict(), root)).toBe("modules/web.ts(4,3): error conflicting-definitions: The option `demo.web.port' has conflicting definition values:");
    const noColumn = new PantherError({ code: "no-value", message: "No value.", locations: [{ file: source, line: 2, role: "declaration" }] });
    expect(formatErrorLine(noColumn, root)).toBe("modules/web.ts(2): error no-value: No value.");
    const nowhere = new PantherError({ code: "invalid-module", message: "Bad." });
    expect(formatErrorLine(nowhere, root)).toBe("error invalid-module: Bad.");
  });
});
