// Typed definitions (src/core/definitions.ts): what `defineModule` accepts, checked by the type
// checker (`npm run typecheck` compiles this file: a `@ts-expect-error` that no longer errs fails
// it), and the same modules evaluated, so that the types accept what panther accepts and reject
// what it rejects.

import { describe, expect, expectTypeOf, it } from "vitest";
import {
  assertionsModule,
  defineHomeModule,
  defineModule,
  defineSecrets,
  evalModules,
  mkAfter,
  mkBefore,
  mkDefault,
  mkForce,
  mkIf,
  mkImageMediaOverride,
  mkMerge,
  mkOptionDefault,
  mkOrder,
  mkOverride,
  mkVMOverride,
  nix,
  nixRaw,
  pkgs,
  type Definitions,
  type Module,
  type NixosModuleConfig,
} from "panther";
import { upstreamDeclarations } from "../../src/options/upstream.ts";
import { inputOptionsModule } from "../../src/options/inputs/index.ts";
import { thrownBy } from "../helpers/errors.ts";

const nixos = (modules: Module[]) =>
  evalModules({
    modules: [assertionsModule, inputOptionsModule(["opnix", "impermanence", "home-manager"]), ...modules],
    lazyDeclarations: upstreamDeclarations("nixos"),
  });

const mapping = defineSecrets({
  "restic-password": { reference: "op://vault/restic/password", hosts: ["vps"], services: ["restic-backups-b2"] },
});
const on = true as boolean;

// ---------------------------------------------------------------- accepted

/** Every wrapper at an option, in every nesting Nix accepts. */
const optionWrappers = defineModule({
  services: {
    openssh: {
      enable: mkIf(on, mkForce(true)),
      ports: mkMerge([[22], mkIf(on, [2222]), mkOverride(90, mkAfter([2223]))]),
      openFirewall: mkDefault(true),
      allowSFTP: mkOptionDefault(true),
      startWhenNeeded: mkVMOverride(false),
      banner: mkImageMediaOverride("hello"),
    },
  },
  networking: { firewall: { allowedTCPPorts: mkMerge([mkBefore([80]), mkOrder(1200, [443]), mkIf(on, mkOverride(100, mkAfter([8080])))]) } },
});

/** Wrappers around namespaces and submodules, and at the top of `config`. */
const namespaceWrappers = defineModule({
  config: mkMerge([
    { boot: mkIf(on, { loader: { timeout: 3 } }) },
    mkIf(on, { services: mkForce({ tailscale: { enable: true } }) }),
    { networking: mkDefault({ useNetworkd: true }) },
    { services: { openssh: { settings: mkForce({ PasswordAuthentication: false }) } } },
  ]),
});

/** attrsOf submodules: element definitions start afresh, wrappers around the set and inside it. */
const attrsOfSubmodules = defineModule({
  systemd: {
    services: mkMerge([
      { backup: { wantedBy: ["multi-user.target"], serviceConfig: { Type: "oneshot", Restart: mkForce("no") } } },
      mkIf(on, { web: mkForce({ enable: mkIf(on, true), after: mkBefore(["network-online.target"]) }) }),
    ]),
  },
  users: { users: { ada: { isNormalUser: true, extraGroups: ["wheel"], shell: pkgs.zsh } } },
  // attrsOf of a scalar: every element its own definition
  boot: { kernel: { sysctl: { "vm.swappiness": mkDefault(10), "net.ipv4.ip_forward": 1 } } },
});

/** Packages, store paths, paths taking packages, raw Nix, secrets, readonly arrays. */
const ports = [22, 2022] as const;
const values = defineModule({
  environment: {
    systemPackages: [pkgs.git, mkBefore(pkgs.ripgrep), mkIf(on, pkgs.htop), "/nix/store/0000000000000000000000000000000a-hello"],
    etc: { "motd.conf": { source: pkgs.hello } },
  },
  fonts: { packages: [pkgs["noto-fonts"], "/run/fonts"] },
  services: {
    openssh: { ports },
    restic: { backups: { b2: { passwordFile: mapping.secret("restic-password"), repository: "b2:bucket:/vps", paths: ["/persist"] } } },
    greetd: { settings: { default_session: { command: nixRaw('"${lib.getExe pkgs.greetd.tuigreet}"') } } },
  },
  nixpkgs: { config: { allowUnfreePredicate: nix.lambda("pkg", true) } },
  time: { timeZone: mkForce(nixRaw('"UTC"')) },
});

/** Options of flake inputs under NixOS namespaces; names of their own (disko, home-manager) are open. */
const inputs = defineModule({
  services: {
    "onepassword-secrets": {
      enable: true,
      secrets: { resticPassword: { reference: "op://vault/restic/password", path: "/run/restic", services: ["restic-backups-b2"] } },
    },
  },
  environment: { persistence: { "/persist": { directories: ["/var/lib/nixos", { directory: "/var/lib/tailscale", mode: "0700" }], files: ["/etc/machine-id"] } } },
  assertions: [{ assertion: true, message: "holds" }],
  warnings: mkIf(false, ["never"]),
});

/** The function form, with enum literals in a block body (typed by the context, not widened). */
const functionForm = defineModule(({ config }) => {
  const enabled = config.services.openssh.enable;
  return {
    services: { openssh: { settings: { PermitRootLogin: "prohibit-password" } } },
    boot: { binfmt: { registrations: { arm: { interpreter: "/bin/qemu", magicOrExtension: "arm", recognitionType: "extension" } } } },
    systemd: { services: { sshd: { enable: enabled } } },
  };
});

const home = defineHomeModule(({ config }) => ({
  programs: { git: { enable: mkDefault(true), userName: "Ada", ignores: mkAfter(["result"]) } },
  home: { packages: [pkgs.ripgrep], file: { ".hushlogin": { text: "" } } },
  panther: { anything: config.panther.profile },
}));

/**
 * The types cannot tell a namespace from a submodule option: mkIf under mkForce is accepted around
 * both, which is right for a submodule (settings) and wrong for a namespace (openssh).
 */
const ifUnderForceInSubmodule = defineModule({ services: { openssh: { settings: mkForce({ PasswordAuthentication: mkIf(on, false) }) } } });
const ifUnderForceInNamespace = defineModule({ services: { openssh: mkForce({ enable: mkIf(on, true) }) } });

// ---------------------------------------------------------------- rejected

// @ts-expect-error a string where a boolean goes
const wrongValue = defineModule({ services: { openssh: { enable: "yes" } } });
// @ts-expect-error services.opensh is no option (services is a closed namespace)
const unknownOption = defineModule({ services: { opensh: { enable: true } } });
// @ts-expect-error mkForce around mkIf: Nix strips the override and leaves the mkIf to the option's type
const forceAroundIf = defineModule({ services: { openssh: { enable: mkForce(mkIf(on, true)) } } });
// @ts-expect-error mkBefore around mkForce: the order is stripped after the override, which stays
const orderAroundForce = defineModule({ networking: { firewall: { allowedTCPPorts: mkBefore(mkForce([80])) } } });
// @ts-expect-error two overrides: only one is stripped
const forceAroundDefault = defineModule({ services: { openssh: { enable: mkForce(mkDefault(true)) } } });
// @ts-expect-error mkForce around mkMerge at an option: the merge is not discharged after the override
const forceAroundMerge = defineModule({ services: { openssh: { ports: mkForce(mkMerge([[22]])) } } });
// @ts-expect-error mkOrder around a namespace: Nix reads its fields as options
const orderAroundNamespace = defineModule({ services: { openssh: mkBefore({ enable: true }) } });
// @ts-expect-error a list element of the wrong type
const wrongElement = defineModule({ networking: { firewall: { allowedTCPPorts: ["22"] } } });
// @ts-expect-error a string that is no store path where a package goes
const stringForPackage = defineModule({ environment: { systemPackages: ["git"] } });
// @ts-expect-error a package where a string (not a path) goes
const packageForString = defineModule({ services: { openssh: { banner: pkgs.hello } } });
// @ts-expect-error an attrsOf element's option of the wrong type
const wrongElementOption = defineModule({ systemd: { services: { backup: { enable: "yes" } } } });
// @ts-expect-error an enum value that is not one of the enum's
const wrongEnum = defineModule({ services: { "onepassword-secrets": { secrets: { x: { kind: "blob" } } } } });
// @ts-expect-error function form: the error is reported at the function (a block body is not elaborated)
const wrongInFunction = defineModule(({ config }) => {
  return { services: { openssh: { enable: config.networking.hostName } } };
});
// @ts-expect-error a home module: home-manager's options are typed too
const wrongHome = defineHomeModule({ programs: { git: { userName: 42 } } });

describe("typed definitions", () => {
  it("keep what a module writes close to what it reads", () => {
    expectTypeOf(mkIf(on, mkForce(mkBefore(true)))).toExtend<Definitions<boolean>>();
    expectTypeOf(mkForce(mkIf(on, true))).not.toExtend<Definitions<boolean>>();
    expectTypeOf({ enable: true }).toExtend<Definitions<NixosModuleConfig["services"]["openssh"]>>();
    expectTypeOf({ enable: "yes" }).not.toExtend<Definitions<NixosModuleConfig["services"]["openssh"]>>();
    expectTypeOf<Definitions<unknown>>().toEqualTypeOf<unknown>();
    expectTypeOf<Definitions<{ readonly [name: string]: any }>>().toExtend<object>();
  });

  it("accept what panther evaluates", () => {
    const config = nixos([optionWrappers, namespaceWrappers, attrsOfSubmodules, values, inputs, functionForm]).config;
    expect(config.services.openssh.enable).toBe(true);
    // mkOverride 90 beats every plain definition (22, 2222 and the readonly [22, 2022])
    expect(config.services.openssh.ports).toEqual([2223]);
    expect(config.networking.firewall.allowedTCPPorts).toEqual([80, 443, 8080]);
    expect(config.services.tailscale.enable).toBe(true);
    expect(config.systemd.services.web.after).toEqual(["network-online.target"]);
    expect(config.services.openssh.settings.PermitRootLogin).toBe("prohibit-password");
    expect(config.environment.persistence["/persist"].files).toEqual(["/etc/machine-id"]);
    expect(config.services["onepassword-secrets"].secrets.resticPassword.path).toBe("/run/restic");
    expect(String(config.fonts.packages[0])).toBe("pkgs.noto-fonts");
    expect(typeof home).toBe("function");
  });

  it.each([
    ["a wrong value", wrongValue, "services.openssh.enable", "type-mismatch"],
    ["an unknown option", unknownOption, "services.openssh.enable", "undefined-option"],
    ["mkForce around mkIf", forceAroundIf, "services.openssh.enable", "type-mismatch"],
    ["mkBefore around mkForce", orderAroundForce, "networking.firewall.allowedTCPPorts", "type-mismatch"],
    ["two overrides", forceAroundDefault, "services.openssh.enable", "type-mismatch"],
    ["mkForce around mkMerge", forceAroundMerge, "services.openssh.ports", "type-mismatch"],
    ["mkOrder around a namespace", orderAroundNamespace, "services.openssh.enable", "undefined-option"],
    ["a wrong list element", wrongElement, "networking.firewall.allowedTCPPorts", "type-mismatch"],
    ["a string for a package", stringForPackage, "environment.systemPackages", "type-mismatch"],
    ["a package for a string", packageForString, "services.openssh.banner", "type-mismatch"],
    ["an attrsOf element's wrong option", wrongElementOption, "systemd.services.backup.enable", "type-mismatch"],
    ["a wrong enum value", wrongEnum, "services.onepassword-secrets.secrets.x.kind", "type-mismatch"],
    ["a wrong home-manager value", { "home-manager": { users: { ada: wrongHome } } }, "home-manager.users.ada.programs.git.userName", "type-mismatch"],
  ] as const)("reject what panther rejects: %s", (_what, module, path, code) => {
    const e = thrownBy(() => path.split(".").reduce((value: any, key) => value[key], nixos([module as Module]).config));
    expect(e.code).toBe(code);
  });

  it("are lenient under mkForce around a namespace (documented): evaluation reports it", () => {
    expect(nixos([ifUnderForceInSubmodule]).config.services.openssh.settings.PasswordAuthentication).toBe(false);
    expect(thrownBy(() => nixos([ifUnderForceInNamespace]).config.services.openssh.enable).code).toBe("type-mismatch");
  });

  it("check the function form too", () => {
    const e = thrownBy(() => nixos([wrongInFunction as Module, { networking: { hostName: "vps" } }]).config.services.openssh.enable);
    expect(e.code).toBe("type-mismatch");
  });
});
