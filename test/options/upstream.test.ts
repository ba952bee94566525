// Upstream NixOS options as real declarations: typed, documented, with "did you mean".

import { describe, expect, it } from "vitest";
import { defineModule, evalModules, mkDefault, mkForce, mkOption, pkgs, PantherError, types, type Module } from "panther";
import { upstreamDeclarations } from "../../src/options/upstream.ts";
import { thrownBy } from "../helpers/errors.ts";
import { parseNixLiteral } from "../../src/options/literal.ts";

const nixos = (modules: Module[]) => evalModules({ modules, lazyDeclarations: upstreamDeclarations("nixos") });
const error = thrownBy;

const typical = defineModule({
  networking: { hostName: "hetzner-vps", useNetworkd: true, firewall: { enable: true, allowedTCPPorts: [22, 80, 443], trustedInterfaces: ["tailscale0"] } },
  services: {
    openssh: { enable: true, openFirewall: true, settings: { PasswordAuthentication: false, PermitRootLogin: "prohibit-password" } },
    tailscale: { enable: true, useRoutingFeatures: "server" },
    caddy: { enable: true, email: "admin@example.org" },
    restic: { backups: { home: { paths: ["/persist"], repository: "b2:bucket:/host", timerConfig: { OnCalendar: "daily" } } } },
    journald: { extraConfig: "SystemMaxUse=500M" },
  },
  boot: {
    loader: { grub: { enable: true, efiSupport: true, efiInstallAsRemovable: true } },
    kernelPackages: pkgs.linuxPackages_latest,
    kernelParams: ["console=ttyS0,115200"],
    initrd: { systemd: { enable: true }, availableKernelModules: ["virtio_pci", "virtio_scsi"] },
    kernel: { sysctl: { "net.ipv4.ip_forward": 1 } },
  },
  virtualisation: { podman: { enable: true, dockerCompat: true } },
  environment: { systemPackages: [pkgs.ripgrep, pkgs.git, pkgs.htop] },
  time: { timeZone: "UTC" },
  i18n: { defaultLocale: "en_US.UTF-8" },
  nix: { settings: { "experimental-features": ["nix-command", "flakes"], "trusted-users": ["root", "@wheel"] } },
  users: { mutableUsers: false, users: { ada: { isNormalUser: true, extraGroups: ["wheel"], openssh: { authorizedKeys: { keys: ["ssh-ed25519 AAAA ada"] } } } } },
  security: { sudo: { wheelNeedsPassword: false } },
  systemd: { services: { backup: { wantedBy: ["multi-user.target"], after: ["network-online.target"], serviceConfig: { Restart: "on-failure" } } } },
  system: { stateVersion: mkDefault("25.05") },
  zramSwap: { enable: true },
});

describe("upstream NixOS options", () => {
  it("a correct configuration of typical options evaluates", () => {
    const { config, options } = nixos([typical, { services: { openssh: { openFirewall: mkForce(false) } } }]);
    expect(config.services.openssh.enable).toBe(true);
    expect(config.services.openssh.openFirewall).toBe(false);
    expect(config.boot.kernelPackages).toBe(pkgs.linuxPackages_latest);
    expect(config.services.restic.backups.home.timerConfig).toEqual({ OnCalendar: "daily" });
    expect(config.users.users.ada.extraGroups).toEqual(["wheel"]);
    expect(config.system.stateVersion).toBe("25.05");
    expect(options.services.openssh.enable.declarations[0].file).toBe("<nixpkgs/nixos/modules/services/networking/ssh/sshd.nix>");
    expect(options.services.openssh.enable.description).toMatch(/OpenSSH/);
  });

  it("recursive settings types (pkgs.formats) describe themselves and check values", () => {
    // Regression: describing `attrsOf (TOML value)` used to recurse forever while the type was built.
    const { config, options } = nixos([{ services: { atticd: { enable: true, settings: { listen: "127.0.0.1:8080", chunking: { "nar-size-threshold": 65536 } } } } }]);
    expect(options.services.atticd.settings.type.description).toBe("TOML value");
    expect(config.services.atticd.settings.chunking["nar-size-threshold"]).toBe(65536);
    expect(error(() => nixos([{ services: { atticd: { settings: { listen: () => 1 } } } }]).config.services.atticd.settings.listen).code).toBe("type-mismatch");
  });

  it("a misspelt upstream option fails with a suggestion from real option names", () => {
    const e = error(() => nixos([{ services: { opensh: { enable: true } } }]));
    expect(e.code).toBe("undefined-option");
    expect(e.message).toContain("Did you mean `services.openssh'?");
    const e2 = error(() => nixos([{ services: { openssh: { enabel: true } } }]));
    expect(e2.message).toContain("`services.openssh.enable'");
  });

  it("options that do not exist upstream are errors (the reference fleet's services.ideapad)", () => {
    expect(error(() => nixos([{ services: { ideapad: { enable: true } } }])).code).toBe("undefined-option");
  });

  it("a wrong value type fails with the option's documented type", () => {
    const e = error(() => nixos([{ services: { openssh: { ports: "22" } } }]).config.services.openssh.ports);
    expect(e.code).toBe("type-mismatch");
    expect(e.message).toContain("is not of type `list of 16 bit unsigned integer; between 0 and 65535 (both inclusive)'");
    const tlp = error(() => nixos([{ services: { tlp: null } }]).config.services.tlp);
    expect(tlp.code).toBe("invalid-definition");
  });

  it("re-declaring an option upstream owns is a duplicate declaration", () => {
    const redeclare = defineModule({ options: { programs: { fish: { enable: mkOption({ type: types.bool, default: true }) } } } });
    expect(error(() => nixos([redeclare]).config.programs.fish.enable).code).toBe("duplicate-declaration");
  });

  it("modules read upstream literal defaults of options nobody set", () => {
    const reader = defineModule(({ config }) => ({
      options: { sshOn: mkOption({ type: types.bool }) },
      config: { sshOn: config.services.openssh.enable },
    }));
    expect(nixos([reader]).config.sshOn).toBe(false);
  });
});

describe("Nix literals of upstream defaults", () => {
  it.each([
    ["false", false],
    ["[ ]", []],
    ['"info"', "info"],
    ['[ "a" "b\\"c" ]', ["a", 'b"c']],
    ["{ a = 1; \"b-c\" = [ true ]; }", { a: 1, "b-c": [true] }],
    ["-3", -3],
    ["0.5", 0.5],
  ])("%s", (text, value) => expect(parseNixLiteral(text)).toEqual({ value }));
  it.each(["pkgs.hello", "config.networking.hostName", '"${x}"', "[ 1 2", "{ a = 1 }"])("%s is not a literal", (text) => {
    expect(parseNixLiteral(text)).toBeUndefined();
  });
});
