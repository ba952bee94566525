// Initrd units get the sub-options of their stage 2 counterparts, minus those only stage 2 has.

import { describe, expect, it } from "vitest";
import { findUpstreamOption, loadUpstreamOptions } from "../../src/options/load.ts";

const nixos = loadUpstreamOptions("nixos");
const find = (path: string) => findUpstreamOption(nixos, path.split("."));

describe("boot.initrd.systemd units", () => {
  it.each(["services", "targets", "mounts"])("%s have the stage 2 unit options", (kind) => {
    const unit = kind === "mounts" ? "0" : "x";
    for (const name of ["after", "before", "wantedBy", "requiredBy", "unitConfig", "description"]) {
      expect(find(`boot.initrd.systemd.${kind}.${unit}.${name}`)?.option.t).toEqual(find(`systemd.${kind}.${unit}.${name}`)?.option.t);
    }
  });

  it("services have scripts and serviceConfig", () => {
    expect(find("boot.initrd.systemd.services.rollback.script")).toBeDefined();
    expect(find("boot.initrd.systemd.services.rollback.serviceConfig")).toBeDefined();
  });

  it("lack what only stage 2 has: switch-to-configuration triggers, startAt, confinement", () => {
    for (const name of ["restartTriggers", "reloadTriggers", "restartIfChanged", "startAt", "confinement.enable"]) {
      expect(find(`systemd.services.x.${name}`)).toBeDefined();
      expect(find(`boot.initrd.systemd.services.x.${name}`)).toBeUndefined();
    }
  });
});
