// The pure parts of history and diff: option records from evaluations, snapshot comparison,
// header-only file changes, and deterministic generation records.

import path from "node:path";
import { describe, expect, test } from "vitest";
import { defineModule, evalModules, mkDefault, mkForce, mkOption, pkgs, types } from "../../src/lib/index.ts";
import { body, diffFiles, diffOptions, diffSnapshots } from "../../src/history/diff.ts";
import { encodeValue, optionRecords, type OptionRecord } from "../../src/history/options.ts";
import { filesHash, makeRecord, recordText, sameResult } from "../../src/history/record.ts";

const repo = path.resolve(import.meta.dirname, "../..");

const declarations = defineModule({
  options: {
    demo: {
      port: mkOption({ type: types.port, default: 80, description: "A port." }),
      sysctl: mkOption({ type: types.attrsOf(types.int), default: {}, description: "Per key." }),
      package: mkOption({ type: types.package, description: "A package." }),
      users: mkOption({
        type: types.attrsOf(types.submodule({ options: { shell: mkOption({ type: types.str, default: "bash", description: "Shell." }), uid: mkOption({ type: types.int, description: "Id." }) } })),
        default: {},
        description: "Users.",
      }),
    },
  },
});

function records(...modules: object[]): OptionRecord[] {
  const { config } = evalModules({ modules: [declarations, ...modules] });
  return optionRecords(config, repo);
}

describe("option records", () => {
  test("leaves of attribute sets and submodules, each with its own priority; defaults left out", () => {
    const rows = records(
      defineModule({ demo: { sysctl: { a: 1, b: mkForce(2) }, package: pkgs.ripgrep, users: { alice: { uid: 1000 } } } }),
      defineModule({ demo: { sysctl: { b: 3 } } }),
    );
    expect(rows.map((r) => [r.path.join("."), r.value, r.priority])).toEqual([
      ["demo.package", { $pkgs: "ripgrep" }, 100],
      ["demo.sysctl.a", 1, 100],
      ["demo.sysctl.b", 2, 50],
      ["demo.users.alice.uid", 1000, 100],
    ]);
    // Only the winning definition of sysctl.b is where it is defined.
    const b = rows.find((r) => r.path.join(".") === "demo.sysctl.b")!;
    expect(b.definedAt).toEqual([{ file: "test/history/diff.test.ts", line: expect.any(Number) }]);
  });

  test("a mkDefault leaf records priority 1000 and its module's file:line, relative to the root", () => {
    const rows = records(defineModule({ demo: { port: mkDefault(8080) } }));
    expect(rows).toEqual([{ path: ["demo", "port"], value: 8080, priority: 1000, definedAt: [{ file: "test/history/diff.test.ts", line: expect.any(Number) }] }]);
  });

  test("non-plain objects are recorded by kind only, never converted", () => {
    class Secret {
      toString(): string {
        return "hunter2";
      }
      toJSON(): string {
        return "hunter2";
      }
    }
    expect(encodeValue(new Secret())).toEqual({ $opaque: "Secret" });
    expect(JSON.stringify(encodeValue([new Secret(), { nested: new Secret() }]))).not.toContain("hunter2");
  });
});

const record = (path: string, value: OptionRecord["value"], priority = 100, file = "a.ts", line = 1): OptionRecord => ({
  path: path.split("."),
  value,
  priority,
  definedAt: [{ file, line }],
});

describe("diffOptions", () => {
  test("added, removed, changed value, changed priority; moved is not a change", () => {
    const old = [record("a", 1), record("b", "x"), record("c", true, 1000), record("d", [1], 100, "one.ts", 3)];
    const now = [record("b", "y"), record("c", true, 50), record("d", [1], 100, "two.ts", 9), record("e", null)];
    const { options, moved } = diffOptions(old, now);
    expect(options.map((o) => [o.kind, o.path.join(".")])).toEqual([
      ["removed", "a"],
      ["changed", "b"],
      ["changed", "c"],
      ["added", "e"],
    ]);
    expect(moved).toEqual([{ path: ["d"], old: [{ file: "one.ts", line: 3 }], new: [{ file: "two.ts", line: 9 }] }]);
  });

  test("ordering of the inputs does not matter", () => {
    const rows = [record("a", 1), record("b", 2)];
    expect(diffOptions(rows, [...rows].reverse())).toEqual({ options: [], moved: [] });
  });
});

describe("files", () => {
  test("a change in the leading comment block only is no difference", () => {
    const a = "# Sources: a.ts\n\n{ x = 1; }\n";
    const b = "# Sources: a.ts, b.ts\n\n{ x = 1; }\n";
    expect(body(a)).toBe(body(b));
    expect(diffFiles(new Map([["f.nix", a]]), new Map([["f.nix", b]]))).toEqual({ files: [], headerOnly: ["f.nix"] });
  });

  test("a `#` line inside the Nix is a real change", () => {
    const a = "{\n  text = ''\n    # one\n  '';\n}\n";
    const b = "{\n  text = ''\n    # two\n  '';\n}\n";
    const { files } = diffFiles(new Map([["f.nix", a]]), new Map([["f.nix", b]]));
    expect(files).toMatchObject([{ path: "f.nix", status: "modified", added: 1, removed: 1 }]);
  });

  test("added and removed files; identical snapshots do not differ", () => {
    const old = { options: [], files: new Map([["gone.nix", "{ }\n"]]) };
    const now = { options: [], files: new Map([["new.nix", "{ }\n"]]) };
    const diff = diffSnapshots(old, now);
    expect(diff.files.map((f) => [f.path, f.status, f.added, f.removed])).toEqual([
      ["gone.nix", "removed", 0, 1],
      ["new.nix", "added", 1, 0],
    ]);
    expect(diffSnapshots(now, now).differs).toBe(false);
  });
});

describe("generation records", () => {
  const snapshot = { options: [record("a", 1)], files: new Map([["b.nix", "b"], ["a.nix", "a"]]) };

  test("the same input gives the same bytes, with files sorted and hashed", () => {
    const one = makeRecord({ host: "h", generation: 1, source: null, snapshot });
    const two = makeRecord({ host: "h", generation: 1, source: null, snapshot: { ...snapshot, files: new Map([...snapshot.files].reverse()) } });
    expect(recordText(one)).toBe(recordText(two));
    expect(Object.keys(one.files)).toEqual(["a.nix", "b.nix"]);
    expect(one.filesHash).toBe(filesHash(one.files));
  });

  test("sameResult ignores the number and the source revision, not the options", () => {
    const one = makeRecord({ host: "h", generation: 1, source: null, snapshot });
    const two = makeRecord({ host: "h", generation: 2, source: { revision: "abc", dirty: false }, snapshot });
    expect(sameResult(one, two)).toBe(true);
    const three = makeRecord({ host: "h", generation: 3, source: null, snapshot: { ...snapshot, options: [record("a", 1, 1000)] } });
    expect(sameResult(one, three)).toBe(false);
  });
});
