// A host exercising every way a priority or an order reaches the output: whole-option overrides,
// per-key overrides inside attribute sets and submodules, ordered lists, multi-line strings.
import { defineModule, mkAfter, mkBefore, mkDefault, mkForce, mkOverride, pkgs } from "panther";
import type { Project } from "../../src/compile/index.ts";

const profile = defineModule({
  environment: { systemPackages: mkAfter([pkgs.htop]) },
  services: { openssh: { enable: mkDefault(false), settings: { PermitRootLogin: mkDefault("yes") } } },
  boot: { kernel: { sysctl: { "vm.swappiness": mkDefault(60), "net.ipv4.ip_forward": 1 } } },
  users: { users: { ada: { isNormalUser: true, shell: mkDefault(pkgs.bash) } } },
});

const host = defineModule({
  imports: [profile],
  environment: { systemPackages: [pkgs.git, mkBefore(pkgs.ripgrep)] },
  services: {
    openssh: { enable: true, settings: { PermitRootLogin: mkForce("no") } },
    journald: { extraConfig: "SystemMaxUse=1G\nRuntimeMaxUse=${SIZE}\n''quoted''" },
  },
  boot: { kernel: { sysctl: { "vm.swappiness": 10 } }, kernelParams: mkOverride(900, ["quiet"]) },
  users: { users: { ada: { shell: pkgs.fish, extraGroups: mkBefore(["wheel"]) } } },
  documentation: { enable: mkForce(false) },
});

export const project: Project = {
  root: new URL("../..", import.meta.url).pathname.replace(/\/$/, ""),
  flakeFile: new URL("../../flake.ts", import.meta.url).pathname,
  flake: {
    inputs: { nixpkgs: { url: "github:NixOS/nixpkgs/64e75cd44acf21c7933d61d7721e812eac1b5a0a" } },
    hosts: [{ name: "fixture", system: "x86_64-linux", module: host }],
  },
};
