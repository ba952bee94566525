// Laws of the merge, checked with fast-check over random module sets.

import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { evalModules, mkMerge, mkOption, mkOrder, mkOverride, types, type OptionType } from "panther";

const priority = fc.constantFrom(10, 50, 60, 100, 1000, 1500, 2000);
const decl = (type: OptionType) => ({ options: { x: mkOption({ type }) } });

function outcome(modules: object[]): { ok: unknown } | { error: string } {
  try {
    return { ok: JSON.parse(JSON.stringify(evalModules({ modules }).config.x)) };
  } catch (e) {
    return { error: (e as { code: string }).code };
  }
}

describe("merge laws", () => {
  test.prop([fc.array(fc.tuple(priority, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 8 }), fc.infiniteStream(fc.nat())])(
    "the highest priority wins whatever the module order",
    (defs, seeds) => {
      const modules = defs.map(([p, v]) => ({ x: mkOverride(p, v) }));
      const shuffled = [...modules].sort(() => (seeds.next().value % 3) - 1);
      const result = outcome([decl(types.int), ...shuffled]);
      const best = Math.min(...defs.map(([p]) => p));
      const winners = new Set(defs.filter(([p]) => p === best).map(([, v]) => v));
      if (defs.length > 1 && best > 9999) expect(result).toEqual({ error: "no-value" });
      else if (winners.size === 1) expect(result).toEqual({ ok: [...winners][0] });
      else expect(result).toEqual({ error: "conflicting-definitions" });
    },
  );

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer()), { minLength: 1, maxLength: 10 })])(
    "mkOrder sorting is stable over definition order (reverse module order)",
    (defs) => {
      const modules = defs.map(([order, v]) => ({ x: mkOrder(order, [v]) }));
      const definitionOrder = defs.map(([order, v], i) => ({ order, v, i })).reverse();
      const expected = [...definitionOrder].sort((a, b) => a.order - b.order).map((d) => d.v);
      expect(outcome([decl(types.listOf(types.int)), ...modules])).toEqual({ ok: expected });
    },
  );

  test.prop([fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.tuple(priority, fc.integer({ min: 0, max: 2 })), { maxKeys: 6 }), fc.nat()])(
    "attrsOf: splitting definitions across modules does not change the result",
    (entries, cut) => {
      const keys = Object.keys(entries);
      const at = keys.length === 0 ? 0 : cut % (keys.length + 1);
      const def = (ks: string[]) => ({ x: Object.fromEntries(ks.map((k) => [k, mkOverride(entries[k]![0], entries[k]![1])])) });
      const together = outcome([decl(types.attrsOf(types.int)), def(keys)]);
      const apart = outcome([decl(types.attrsOf(types.int)), def(keys.slice(0, at)), def(keys.slice(at))]);
      const merged = outcome([decl(types.attrsOf(types.int)), { x: mkMerge([def(keys.slice(0, at)).x, def(keys.slice(at)).x]) }]);
      expect(apart).toEqual(together);
      expect(merged).toEqual(together);
    },
  );

  // Up to 12 definitions of up to 20 names each: past the evaluator's shortcut for a few names
  // (16, sorted by insertion), so every path of the attrsOf merge is compared with the per-name
  // rule of nixpkgs (a lone definition wins; otherwise the best priority, whose values must
  // agree), names in sorted order.
  test.prop([
    fc.array(fc.dictionary(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz".split("")), fc.tuple(priority, fc.integer({ min: 0, max: 1 })), { maxKeys: 20 }), {
      minLength: 1,
      maxLength: 12,
    }),
  ])("attrsOf merges each name by the rule of nixpkgs, names sorted", (defs) => {
    const modules = defs.map((entries) => ({ x: Object.fromEntries(Object.entries(entries).map(([k, [p, v]]) => [k, mkOverride(p, v)])) }));
    // Definition order is the reverse of module order.
    const byName = new Map<string, [number, number][]>();
    for (const entries of [...defs].reverse()) for (const [k, pv] of Object.entries(entries)) byName.set(k, [...(byName.get(k) ?? []), pv]);
    let conflict = false;
    const expected: Record<string, number> = {};
    for (const name of [...byName.keys()].sort()) {
      const pvs = byName.get(name)!;
      const best = Math.min(...pvs.map(([p]) => p));
      const winners = new Set(pvs.length === 1 ? [pvs[0]![1]] : pvs.filter(([p]) => p === best).map(([, v]) => v));
      if (winners.size > 1) conflict = true;
      expected[name] = [...winners][0]!;
    }
    const result = outcome([decl(types.attrsOf(types.int)), ...modules]);
    if (conflict) expect(result).toEqual({ error: "conflicting-definitions" });
    else {
      expect(result).toEqual({ ok: expected });
      expect(Object.keys((result as { ok: object }).ok)).toEqual(Object.keys(expected));
    }
  });

  test.prop([fc.array(fc.array(fc.integer(), { maxLength: 3 }), { minLength: 1, maxLength: 6 })])(
    "lists: mkMerge in one module equals one module per definition in reverse order",
    (lists) => {
      const oneModule = outcome([decl(types.listOf(types.int)), { x: mkMerge(lists) }]);
      const perModule = outcome([decl(types.listOf(types.int)), ...[...lists].reverse().map((l) => ({ x: l }))]);
      expect(perModule).toEqual(oneModule);
      expect(oneModule).toEqual({ ok: lists.flat() });
    },
  );
});
