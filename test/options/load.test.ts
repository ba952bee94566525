// Tests of loading the shipped upstream option data, lookups through submodules and
// "did you mean" suggestions.

import { describe, expect, it } from "vitest";
import {
  findUpstreamOption,
  levenshtein,
  loadUpstreamData,
  loadUpstreamOptions,
  suggestOptionNames,
} from "../../src/options/load.ts";
import { describeTypeSpec } from "../../src/options/type-description.ts";

const nixos = loadUpstreamOptions("nixos");
const hm = loadUpstreamOptions("home-manager");

function find(tree: typeof nixos, dotted: string): { loc: string; type: string } | undefined {
  const found = findUpstreamOption(tree, dotted.split("."));
  return found && { loc: found.loc.join("."), type: describeTypeSpec(found.option.t) };
}

describe("loadUpstreamOptions", () => {
  it("loads once and caches", () => {
    expect(loadUpstreamOptions("nixos")).toBe(nixos);
    expect(loadUpstreamData("nixos").tree).toBe(nixos);
  });

  it("records provenance", () => {
    expect(loadUpstreamData("nixos").release).toContain("nixos-25.05beta751650.64e75cd44acf");
    expect(loadUpstreamData("nixos").optionCount).toBe(20919);
    expect(loadUpstreamData("home-manager").optionCount).toBe(3753);
  });
});

describe("findUpstreamOption", () => {
  it("finds top-level options with their record", () => {
    const found = findUpstreamOption(nixos, ["services", "openssh", "enable"]);
    expect(found?.loc).toEqual(["services", "openssh", "enable"]);
    expect(found?.option.t).toBe("bool");
    expect(found?.option.decl).toEqual(["nixos/modules/services/networking/ssh/sshd.nix"]);
    expect(found?.option.def).toBe("false");
  });

  it("walks attrsOf submodules by concrete key or by <name>", () => {
    expect(find(nixos, "services.nginx.virtualHosts.example.root")).toEqual({
      loc: "services.nginx.virtualHosts.<name>.root",
      type: "null or path",
    });
    expect(find(nixos, "services.nginx.virtualHosts.<name>.root")?.loc).toBe("services.nginx.virtualHosts.<name>.root");
    expect(find(nixos, "services.nginx.virtualHosts.example.locations./.proxyPass")?.loc).toBe(
      "services.nginx.virtualHosts.<name>.locations.<name>.proxyPass",
    );
  });

  it("walks list elements by index or *", () => {
    expect(find(nixos, "services.nginx.virtualHosts.a.listen.0.addr")?.loc).toBe("services.nginx.virtualHosts.<name>.listen.*.addr");
    expect(find(nixos, "services.nginx.virtualHosts.a.listen.*.addr")?.loc).toBe("services.nginx.virtualHosts.<name>.listen.*.addr");
  });

  it("finds declared options of freeform settings submodules", () => {
    expect(find(nixos, "services.openssh.settings.PermitRootLogin")?.type).toMatch(/^null or one of "yes"/);
    const settings = findUpstreamOption(nixos, ["services", "openssh", "settings"])!.option.t;
    expect(typeof settings !== "string" && settings.type).toBe("submodule");
    expect(describeTypeSpec(settings)).toBe("attribute set of (atom (null, bool, int, float or string))");
    // A freeform key is valid config but no declared option.
    expect(find(nixos, "services.openssh.settings.SomethingElse")).toBeUndefined();
  });

  it("keeps custom attrsWith placeholders", () => {
    expect(find(nixos, "systemd.tmpfiles.settings.10-foo./var/lib/foo.d.age")?.loc).toBe(
      "systemd.tmpfiles.settings.<config-name>.<path>.<tmpfiles-type>.age",
    );
  });

  it("walks attrTag tags", () => {
    expect(find(nixos, "services.misskey.reverseProxy.webserver.nginx")?.loc).toBe("services.misskey.reverseProxy.webserver.nginx");
  });

  it("finds sub-options whose owner is undocumented", () => {
    expect(find(nixos, "boot.specialFileSystems./proc.fsType")).toEqual({
      loc: "boot.specialFileSystems.<name>.fsType",
      type: "string (with check: non-empty)",
    });
  });

  it("works on home-manager", () => {
    expect(find(hm, "programs.git.enable")?.type).toBe("boolean");
    expect(find(hm, "home.file.foo.source")?.loc).toBe("home.file.<name>.source");
    expect(find(hm, "programs.ssh.matchBlocks.github.hostname")?.loc).toBe("programs.ssh.matchBlocks.<name>.hostname");
  });

  it("returns undefined for unknown paths and non-options", () => {
    expect(find(nixos, "services.opensh.enable")).toBeUndefined();
    expect(find(nixos, "services.openssh")).toBeUndefined();
    expect(find(nixos, "services.nginx.virtualHosts.example")).toBeUndefined();
    expect(find(nixos, "networking.firewall.allowedTCPPorts.0")).toBeUndefined();
  });
});

describe("suggestOptionNames", () => {
  it("suggests close siblings", () => {
    expect(suggestOptionNames(nixos, ["services", "opensh"])).toEqual(["openssh"]);
    expect(suggestOptionNames(nixos, ["services", "openssh", "enabel"])).toEqual(["enable"]);
    expect(suggestOptionNames(hm, ["programs", "gti"])).toContain("git");
  });

  it("suggests inside submodules", () => {
    expect(suggestOptionNames(nixos, ["services", "nginx", "virtualHosts", "example", "rot"])).toEqual(["root"]);
    expect(suggestOptionNames(nixos, ["services", "openssh", "settings", "PermitRootLogn"])).toEqual(["PermitRootLogin"]);
  });

  it("returns at most three, closest first, tighter among many siblings", () => {
    const many = suggestOptionNames(nixos, ["services", "xyzzyq"]);
    expect(many.length).toBeLessThanOrEqual(3);
    for (const s of many) expect(levenshtein("xyzzyq", s)).toBeLessThanOrEqual(2);
    const few = suggestOptionNames(nixos, ["services", "openssh", "enablx"]);
    expect(few[0]).toBe("enable");
  });

  it("returns nothing for unknown parents", () => {
    expect(suggestOptionNames(nixos, ["nosuch", "thing"])).toEqual([]);
    expect(suggestOptionNames(nixos, [])).toEqual([]);
  });
});

describe("levenshtein", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["opensh", "openssh", 1],
    ["gti", "git", 2],
  ])("%s / %s = %d", (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
  });
});
