// The one-line renderings of a check diagnostic: compact (problem matchers) and GitHub annotations.

import { describe, expect, test } from "vitest";
import { formatCompact, formatGithubAnnotation, sortDiagnostics, type CheckDiagnostic } from "../../src/check/diagnostic.ts";

const d: CheckDiagnostic = { code: "option-description", severity: "error", file: "modules/web.ts", line: 7, column: 13, message: "An option without a description.\nmore", hint: "Add one." };

describe("diagnostic formats", () => {
  test("compact is tsc's `file(line,col): error CODE: message`, first line only", () => {
    expect(formatCompact(d)).toBe("modules/web.ts(7,13): error option-description: An option without a description.");
    expect(formatCompact({ ...d, line: undefined, column: undefined, severity: "warning" })).toBe("modules/web.ts: warning option-description: An option without a description.");
  });

  test("GitHub annotations escape data and properties as the runner requires", () => {
    expect(formatGithubAnnotation({ ...d, file: "a,b:c.ts", message: "50% done\r\nnext", host: "yoga" })).toBe(
      "::error file=a%2Cb%3Ac.ts,line=7,col=13,title=option-description (yoga)::50%25 done%0D%0Anext%0AAdd one.",
    );
  });

  test("errors sort before warnings, then by file and position", () => {
    const w = { ...d, severity: "warning" as const, file: "a.ts" };
    const e2 = { ...d, line: 2 };
    expect(sortDiagnostics([w, d, e2])).toEqual([e2, d, w]);
  });
});

describe("the GitHub problem matcher of the workflow", () => {
  test("reads compact lines: file, line, column, severity, code, message", async () => {
    const { readFileSync } = await import("node:fs");
    const matcher = JSON.parse(readFileSync(new URL("../../.github/panther-problem-matcher.json", import.meta.url), "utf8")) as {
      problemMatcher: { pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number }[] }[];
    };
    const pattern = matcher.problemMatcher[0]!.pattern[0]!;
    const groups = (line: string) => {
      const m = new RegExp(pattern.regexp).exec(line);
      return m && [m[pattern.file], m[pattern.line], m[pattern.column], m[pattern.severity], m[pattern.code], m[pattern.message]];
    };
    expect(groups(formatCompact(d))).toEqual(["modules/web.ts", "7", "13", "error", "option-description", "An option without a description."]);
    expect(groups(formatCompact({ ...d, file: "a (b).ts", code: "TS2322", column: undefined }))).toEqual(["a (b).ts", "7", undefined, "error", "TS2322", "An option without a description."]);
  });
});
