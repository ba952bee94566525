import { describe, expect, test } from "vitest";
import { sysctlProblem } from "../../src/validate/sysctl.ts";

describe("sysctl values", () => {
  test.each([
    ["vm.swappiness", 10],
    ["vm.swappiness", 200],
    ["vm.dirty_ratio", "20"],
    ["vm.overcommit_memory", 1],
    ["net.ipv4.ip_forward", true],
    ["net.ipv4.conf.all.rp_filter", 2],
    ["net.core.somaxconn", 4096], // unknown to panther: not judged
  ])("accepts %s = %j", (key, value) => expect(sysctlProblem(key, value)).toBeUndefined());

  test("the reference fleet's io-optimized values are out of range", () => {
    expect(sysctlProblem("vm.dirty_background_ratio", 8192)).toMatch(/vm\.dirty_background_ratio' takes background writeback ratio \(a percentage, 0–100\); 8192 is out of range/);
    expect(sysctlProblem("vm.dirty_ratio", 160)).toMatch(/160 is out of range/);
  });
  test("rejects non-numbers, negative ranges and bad names", () => {
    expect(sysctlProblem("vm.swappiness", "low")).toMatch(/not "low"/);
    expect(sysctlProblem("vm.overcommit_memory", 3)).toMatch(/3 is out of range/);
    expect(sysctlProblem("net.ipv4.conf.eth0.rp_filter", -1)).toMatch(/-1 is out of range/);
    expect(sysctlProblem("vm swappiness", 1)).toMatch(/not a sysctl name/);
  });
});
