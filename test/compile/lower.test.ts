// Lowering details: what reaches the emitted file and what NixOS is left to compute.
import { describe, expect, test } from "vitest";
import { defineModule, mkIf } from "panther";
import { compileTestHost } from "../helpers/host.ts";

describe("lowering", () => {
  test("a list of submodules emits each element's defined options only", () => {
    const text = compileTestHost(
      defineModule({ services: { prometheus: { enable: true, scrapeConfigs: [{ job_name: "node", static_configs: [{ targets: ["a:9100"] }] }] } } }),
    ).files[0]!.text;
    expect(text).toContain('job_name = "node";');
    expect(text).toContain('"a:9100"');
    // Upstream defaults of the element's other options (null) stay NixOS' business.
    expect(text).not.toContain("azure_sd_configs");
    expect(text).not.toMatch(/labels = \{ \};/);
  });

  test("an option defined only under a false mkIf is not emitted (and its missing default is not an error)", () => {
    const text = compileTestHost(
      defineModule({ services: { greetd: mkIf(false, { enable: true, settings: { default_session: { command: "x" } } }) }, time: { timeZone: "UTC" } }),
    ).files[0]!.text;
    expect(text).toContain('time.timeZone = "UTC";');
    expect(text).not.toContain("greetd");
  });
});
