// The output writer: atomic replacement, unchanged files untouched (same inode and mtime), old
// output byte-identical after any failure, refusal to replace a folder panther did not write.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { markerName, OutputError, readOutputManifest, writeOutput } from "../../src/io/output.ts";

let base: string;
let out: string;

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "panther-output-"));
  out = path.join(base, "out");
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(base, { recursive: true, force: true });
});

/** Every file below a folder with its bytes, inode and mtime. */
function snapshot(dir: string): Record<string, { text: string; ino: number; mtimeMs: number }> {
  const result: Record<string, { text: string; ino: number; mtimeMs: number }> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else {
        const stat = fs.statSync(path.join(dir, child));
        result[child] = { text: fs.readFileSync(path.join(dir, child), "utf8"), ino: stat.ino, mtimeMs: stat.mtimeMs };
      }
    }
  };
  walk("");
  return result;
}

/** Push every file's mtime into the past, so that "untouched" is visible in the mtime. */
function age(dir: string): void {
  const past = new Date("2020-01-01T00:00:00Z");
  for (const file of Object.keys(snapshot(dir))) fs.utimesSync(path.join(dir, file), past, past);
}

const first = [
  { path: "flake.nix", text: "{ }\n" },
  { path: "hosts/a/default.nix", text: "a1\n", owner: "a" },
  { path: "hosts/b/default.nix", text: "b1\n", owner: "b" },
];

function siblings(): string[] {
  return fs.readdirSync(base).sort();
}

describe("writeOutput", () => {
  test("writes the files and a marker recording their owners", () => {
    const result = writeOutput(out, first);
    expect(result).toEqual({ written: ["flake.nix", "hosts/a/default.nix", "hosts/b/default.nix"], unchanged: [], removed: [], kept: [] });
    expect(fs.readFileSync(path.join(out, "hosts/a/default.nix"), "utf8")).toBe("a1\n");
    expect(Object.fromEntries(readOutputManifest(out))).toEqual({ "flake.nix": null, "hosts/a/default.nix": "a", "hosts/b/default.nix": "b" });
    expect(siblings()).toEqual(["out"]);
  });

  test("unchanged files keep their inode and mtime; changed ones are rewritten, stale ones removed", () => {
    writeOutput(out, [...first, { path: "stale.nix", text: "old\n" }]);
    age(out);
    const before = snapshot(out);
    const result = writeOutput(out, [first[0]!, first[1]!, { path: "hosts/b/default.nix", text: "b2\n", owner: "b" }]);
    expect(result.written).toEqual(["hosts/b/default.nix"]);
    expect(result.unchanged).toEqual(["flake.nix", "hosts/a/default.nix"]);
    expect(result.removed).toEqual(["stale.nix"]);
    const after = snapshot(out);
    for (const file of ["flake.nix", "hosts/a/default.nix"]) {
      expect(after[file]!.ino).toBe(before[file]!.ino);
      expect(after[file]!.mtimeMs).toBe(before[file]!.mtimeMs);
    }
    expect(after["hosts/b/default.nix"]!.text).toBe("b2\n");
    expect(after["hosts/b/default.nix"]!.mtimeMs).toBeGreaterThan(before["hosts/b/default.nix"]!.mtimeMs);
    expect(after["stale.nix"]).toBeUndefined();
    expect(siblings()).toEqual(["out"]);
  });

  test("copies with the old mtime when hard links are impossible", () => {
    writeOutput(out, first);
    age(out);
    const before = snapshot(out);
    vi.spyOn(fs, "linkSync").mockImplementation(() => {
      throw Object.assign(new Error("EXDEV: cross-device link not permitted"), { code: "EXDEV" });
    });
    const result = writeOutput(out, first);
    expect(result.unchanged).toHaveLength(3);
    const after = snapshot(out);
    expect(after["flake.nix"]!.ino).not.toBe(before["flake.nix"]!.ino);
    expect(after["flake.nix"]!.mtimeMs).toBe(before["flake.nix"]!.mtimeMs);
  });

  test("is deterministic: the same files give byte-identical trees, marker included", () => {
    writeOutput(out, first);
    const one = snapshot(out);
    const other = path.join(base, "other");
    writeOutput(other, [...first].reverse());
    const two = snapshot(other);
    expect(Object.keys(two)).toEqual(Object.keys(one));
    for (const file of Object.keys(one)) expect(two[file]!.text).toBe(one[file]!.text);
    expect(one[markerName]!.text).not.toMatch(/20\d\d-|time/i);
  });

  test("keeps the files of owners not rebuilt, drops the rebuilt owner's stale files", () => {
    writeOutput(out, [...first, { path: "hosts/a/extra.nix", text: "x\n", owner: "a" }]);
    const result = writeOutput(out, [{ path: "flake.nix", text: "{ }\n" }, { path: "hosts/a/default.nix", text: "a2\n", owner: "a" }], { keep: ["b"] });
    expect(result.kept).toEqual(["hosts/b/default.nix"]);
    expect(result.removed).toEqual(["hosts/a/extra.nix"]);
    expect(fs.readFileSync(path.join(out, "hosts/b/default.nix"), "utf8")).toBe("b1\n");
    expect(readOutputManifest(out).get("hosts/b/default.nix")).toBe("b");
  });
});

describe("failures leave the previous output exactly as it was", () => {
  test("a path that cannot be created (name too long) midway through", () => {
    writeOutput(out, first);
    const before = snapshot(out);
    const files = [...first, { path: `hosts/${"x".repeat(300)}.nix`, text: "boom\n" }];
    expect(() => writeOutput(out, files)).toThrow(OutputError);
    expect(snapshot(out)).toEqual(before);
    expect(siblings()).toEqual(["out"]);
  });

  test("an injected write error", () => {
    writeOutput(out, first);
    const before = snapshot(out);
    const real = fs.writeFileSync;
    let calls = 0;
    vi.spyOn(fs, "writeFileSync").mockImplementation((...args: Parameters<typeof fs.writeFileSync>) => {
      if (++calls === 2) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      return real(...args);
    });
    const changed = first.map((f) => ({ ...f, text: `${f.text}changed\n` }));
    expect(() => writeOutput(out, changed)).toThrow(/ENOSPC.*previous output was left as it was/);
    expect(snapshot(out)).toEqual(before);
    expect(siblings()).toEqual(["out"]);
  });

  test("a failing swap puts the old tree back", () => {
    writeOutput(out, first);
    const before = snapshot(out);
    const real = fs.renameSync;
    vi.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (String(from).includes(".tmp-")) throw Object.assign(new Error("EBUSY: resource busy"), { code: "EBUSY" });
      return real(from, to);
    });
    expect(() => writeOutput(out, [{ path: "flake.nix", text: "new\n" }])).toThrow(/EBUSY/);
    expect(snapshot(out)).toEqual(before);
    expect(siblings()).toEqual(["out"]);
  });

  test("a file/folder collision is refused before anything is written", () => {
    writeOutput(out, first);
    const before = snapshot(out);
    expect(() => writeOutput(out, [{ path: "hosts", text: "" }, ...first])).toThrow(/`hosts' is emitted as a file/);
    expect(snapshot(out)).toEqual(before);
  });
});

describe("refusals", () => {
  test("a non-empty folder without the marker is never replaced", () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "notes.txt"), "mine\n");
    expect(() => writeOutput(out, first)).toThrow(/Refusing to replace .*not written by panther/);
    expect(fs.readdirSync(out)).toEqual(["notes.txt"]);
    expect(siblings()).toEqual(["out"]);
  });

  test("an empty folder is fine", () => {
    fs.mkdirSync(out);
    expect(writeOutput(out, first).written).toHaveLength(3);
  });

  test.each([
    ["../escape.nix", /`\.\.' is not allowed/],
    ["/etc/passwd", /absolute/],
    ["a//b.nix", /not normalized/],
    ["./a.nix", /not normalized/],
    [markerName, /marker/],
    ["a\\b.nix", /backslashes/],
  ])("rejects the path %s", (p, message) => {
    expect(() => writeOutput(out, [{ path: p, text: "" }])).toThrow(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("rejects duplicate paths", () => {
    expect(() => writeOutput(out, [first[0]!, first[0]!])).toThrow(/same path/);
  });
});
