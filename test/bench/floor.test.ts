// The bench's floor (bench/floor.ts) computes the same configuration as evalModules on the
// workload: otherwise its time would not be a floor for the same work. This also checks panther
// against an independent, much simpler merge of 25 to 5,000 options.

import { describe, expect, it } from "vitest";
import { evalModules, mkForce, mkOption, types } from "panther";
import { floorEvaluation } from "../../bench/floor.ts";
import { workload } from "../../bench/workload.ts";

describe("bench/floor.ts", () => {
  it.each([5, 100, 1000])("gives evalModules' configuration for the workload at N = %i", (n) => {
    const expected = JSON.stringify(evalModules({ modules: workload(n) }).config);
    expect(floorEvaluation(workload(n))).toBe(expected);
  });

  it("fails where evalModules fails: a value of the wrong type, equal-priority values that differ", () => {
    const declare = { options: { a: mkOption({ type: types.int }), b: mkOption({ type: types.str }) } };
    expect(() => floorEvaluation([declare, { options: {}, config: { a: "one" } }])).toThrow(/not of type/);
    expect(() => floorEvaluation([declare, { options: {}, config: { b: "x" } }, { options: {}, config: { b: "y" } }])).toThrow(/conflicting/);
    expect(JSON.parse(floorEvaluation([declare, { options: {}, config: { b: "x" } }, { options: {}, config: { b: mkForce("y") } }]))).toEqual({ b: "y" });
  });
});
