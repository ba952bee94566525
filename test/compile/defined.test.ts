// What a host emits: an option whose every definition is `mkIf false` is left to NixOS' default.

import { describe, expect, it } from "vitest";
import { defineModule, mkIf, pkgs } from "panther";
import { compileHost } from "../../src/compile/index.ts";
import { hostProject } from "../helpers/host.ts";

describe("emitted options", () => {
  it("leave out an option (with a non-literal NixOS default) that only mkIf false defines", () => {
    const module = defineModule({ boot: { kernelPackages: mkIf(false, pkgs.linuxPackages_latest), kernelModules: ["kvm-amd"] } });
    const text = compileHost(hostProject(module), "machine").files[0]!.text;
    expect(text).toContain('kernelModules = [ "kvm-amd" ];');
    expect(text).not.toContain("kernelPackages");
  });
});
