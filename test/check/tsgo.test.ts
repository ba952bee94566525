// tsgo's `--pretty false --listFiles` output: located findings with their continuation lines,
// findings without a file (tsconfig problems), and the program's files.

import { describe, expect, test } from "vitest";
import { parseTsgoOutput } from "../../src/check/tsgo.ts";

describe("parseTsgoOutput", () => {
  test("findings, continuations, global errors and listed files", () => {
    const output = [
      "/p/modules/a.ts",
      "modules/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      "  Types of property 'x' are incompatible.",
      "error TS5023: Unknown compiler option 'foo'.",
      "/p/node_modules/@types/node/index.d.ts",
      "",
    ].join("\n");
    expect(parseTsgoOutput(output, "/p")).toEqual({
      diagnostics: [
        { code: "TS2322", severity: "error", file: "modules/a.ts", line: 3, column: 7, message: "Type 'string' is not assignable to type 'number'.\n  Types of property 'x' are incompatible." },
        { code: "TS5023", severity: "error", file: "tsconfig.json", message: "Unknown compiler option 'foo'." },
      ],
      files: ["/p/modules/a.ts", "/p/node_modules/@types/node/index.d.ts"],
    });
  });
});
