// The type checker's skip test: which edits count as changes (content, not mtime), and which
// stamps trust the mtime (not one written within the file system's timestamp resolution).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { workingTreeView } from "../../src/check/sources.ts";
import { reusable, stamp, unchanged } from "../../src/check/typecheck-reuse.ts";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "panther-reuse-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const file = () => path.join(root, "a.ts");
/** Writes a.ts with an mtime `ageMs` in the past. */
const write = (text: string, ageMs: number) => {
  fs.writeFileSync(file(), text);
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file(), when, when);
};

describe("typecheck reuse", () => {
  test("an old file's stamp trusts its size and mtime; a fresh one's only its hash", () => {
    const view = workingTreeView(root);
    write("export const a = 1;\n", 60_000);
    expect(stamp(view, file()).stamp).toEqual({ file: file(), size: 20, mtimeMs: fs.statSync(file()).mtimeMs, hash: expect.stringMatching(/^[0-9a-f]{40}$/) });
    write("export const a = 1;\n", 0);
    expect(stamp(view, file()).stamp).toEqual({ file: file(), hash: expect.stringMatching(/^[0-9a-f]{40}$/) });
  });

  test("same content with a new mtime is unchanged (and re-stamped); new content or a deleted file is a change", () => {
    const view = workingTreeView(root);
    write("export const a = 1;\n", 60_000);
    const before = stamp(view, file()).stamp;
    expect(unchanged([before], view)).toEqual({ same: true });
    write("export const a = 1;\n", 30_000);
    const touched = unchanged([before], view);
    expect(touched.same).toBe(true);
    expect(touched.refreshed).toEqual([{ ...before, mtimeMs: fs.statSync(file()).mtimeMs }]);
    write("export const a = 2;\n", 60_000);
    expect(unchanged([before], view)).toEqual({ same: false });
    fs.rmSync(file());
    expect(unchanged([before], view)).toEqual({ same: false });
  });

  test("a file missing then is unchanged while it stays missing", () => {
    const view = workingTreeView(root);
    const missing = stamp(view, file()).stamp;
    expect(missing).toEqual({ file: file(), hash: null });
    expect(unchanged([missing], view)).toEqual({ same: true });
    write("", 60_000);
    expect(unchanged([missing], view)).toEqual({ same: false });
  });

  test("a run that failed to find a module is not reused", () => {
    const at = { severity: "error", file: "a.ts", message: "" } as const;
    expect(reusable([{ ...at, code: "TS2322" }])).toBe(true);
    expect(reusable([{ ...at, code: "TS2307" }])).toBe(false);
    expect(reusable([{ ...at, code: "module-io" }])).toBe(true);
  });
});
