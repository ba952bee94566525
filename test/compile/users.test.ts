// Fleet users (flake.ts `users`): which hosts get them, what they compile to (users.users, sudo,
// typed home-manager users), the mistakes caught with their file:line, and the emitted Nix.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { defineHomeModule, defineModule, defineUser, mkOption, pkgs, types, type UserDefinition } from "panther";
import { compileHost, evaluateHost, type HostDefinition, type Project } from "../../src/compile/index.ts";
import { thrownBy } from "../helpers/errors.ts";
import { nixEvalJson, nixParse, requireNix, runNixTests } from "../helpers/nix.ts";
import homeProfile from "../../home/default.ts";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const inputs = {
  nixpkgs: { url: "github:NixOS/nixpkgs/64e75cd44acf21c7933d61d7721e812eac1b5a0a" },
  "home-manager": { url: "github:nix-community/home-manager", follows: { nixpkgs: "nixpkgs" } },
  impermanence: { url: "github:nix-community/impermanence" },
};
const empty = defineModule({});
/** The line of this file that holds `text`, to check reported locations. */
const lineOf = (text: string) => readFileSync(new URL(import.meta.url), "utf8").split("\n").findIndex((l) => l.includes(text)) + 1;
const laptop = defineModule({ panther: { home: { profile: "full" } } });

function project(users: readonly UserDefinition[], hosts?: readonly HostDefinition[], flakeInputs: Project["flake"]["inputs"] = inputs): Project {
  return {
    root,
    flakeFile: `${root}/flake.ts`,
    flake: {
      inputs: flakeInputs,
      users,
      hosts: hosts ?? [
        { name: "yoga", system: "x86_64-linux", module: laptop, tags: ["laptop"] },
        { name: "vps", system: "x86_64-linux", module: empty, tags: ["server"] },
      ],
    },
  };
}

const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKey ada@test";
const ada = defineUser({ name: "ada", admin: true, shell: "fish", groups: ["podman"], sshKeys: [key], home: [homeProfile] });
const usersOn = (p: Project, host: string) => Object.keys(evaluateHost(p, host).config.users.users).sort();
const hm = (p: Project, host: string, user: string) => evaluateHost(p, host).config["home-manager"].users[user];
const emitted = (p: Project, host: string) => compileHost(p, host).files[0]!.text;

describe("which hosts a user is on", () => {
  it("every host by default, or the hosts with one of its tags or names", () => {
    const bob = defineUser({ name: "bob", sshKeys: [key], hosts: { tags: ["laptop"] } });
    const eve = defineUser({ name: "eve", sshKeys: [key], hosts: { names: ["vps"] } });
    const p = project([ada, bob, eve]);
    expect(usersOn(p, "yoga")).toEqual(["ada", "bob"]);
    expect(usersOn(p, "vps")).toEqual(["ada", "eve"]);
  });

  it("a tag or host name no host has is an error with did-you-mean and the user's line", () => {
    const bob = defineUser({ name: "bob", sshKeys: [key], hosts: { tags: ["laptops"] } });
    const e = thrownBy(() => evaluateHost(project([bob]), "vps"));
    expect(e.code).toBe("invalid-value");
    expect(e.message).toContain("no host in flake.ts has it (tags: laptop, server). Did you mean `laptop'?");
    expect(e.locations[0]!.file).toMatch(/users\.test\.ts$/);
    const eve = defineUser({ name: "eve", sshKeys: [key], hosts: { names: ["vsp"] } });
    expect(thrownBy(() => evaluateHost(project([eve]), "vps")).code).toBe("unknown-host");
  });

  it("a user declared twice is an error", () => {
    expect(thrownBy(() => evaluateHost(project([ada, { ...ada }]), "vps")).code).toBe("duplicate-declaration");
  });
});

describe("what a user compiles to", () => {
  it("a normal user with keys, groups and shell; admins in wheel with passwordless sudo; no password", () => {
    const { config } = evaluateHost(project([ada]), "vps");
    const user = config.users.users.ada;
    expect(user.isNormalUser).toBe(true);
    expect(user.extraGroups).toEqual(["wheel", "podman"]);
    expect(user.shell).toBe(pkgs.fish);
    expect(user.openssh.authorizedKeys.keys).toEqual([key]);
    expect(user.hashedPasswordFile).toBeNull();
    expect(user.initialPassword).toBeNull();
    expect(config.users.mutableUsers).toBe(false);
    expect(config.programs.fish.enable).toBe(true);
    expect(config.security.sudo.extraRules.map((r: { users: string[] }) => r.users)).toEqual([["ada"]]);
    expect(config["home-manager"].useGlobalPkgs).toBe(true);
    expect(config["home-manager"].useUserPackages).toBe(true);
  });

  it("a host with no users defines nothing for them", () => {
    const text = emitted(project([]), "vps");
    expect(text).not.toContain("users");
    expect(text).not.toContain("home-manager");
  });

  it("a misspelt user setting fails with did-you-mean at the user's line", () => {
    const bad = defineUser({ name: "bob", shel: "fish" } as UserDefinition);
    const e = thrownBy(() => evaluateHost(project([bad]), "vps").config.users.users);
    expect(e.code).toBe("undefined-option");
    expect(e.message).toContain("Did you mean `panther.users.bob.shell'?");
    expect(e.locations[0]!.file).toMatch(/users\.test\.ts$/);
  });

  it("an admin without SSH keys fails the build, naming the user's line", () => {
    const keyless = defineUser({ name: "bob", admin: true });
    const e = thrownBy(() => compileHost(project([keyless]), "vps"));
    expect(e.code).toBe("invalid-value");
    expect(e.message).toContain("User `bob' is an admin without SSH keys");
    expect(e.locations.some((l) => l.file.endsWith("users.test.ts"))).toBe(true);
  });

  it("on an impermanent host, a password hash file must be on the persistent volume", () => {
    const persist = defineModule({ environment: { persistence: { "/persist": { directories: ["/var/lib/nixos"] } } } });
    const hosts = (user: UserDefinition): Project => project([user], [{ name: "vps", system: "x86_64-linux", module: persist }]);
    const outside = defineUser({ name: "bob", sshKeys: [key], hashedPasswordFile: "/etc/secrets/bob" });
    const e = thrownBy(() => compileHost(hosts(outside), "vps"));
    expect(e.code).toBe("persistence");
    expect(e.message).toContain("`/etc/secrets/bob', which is not under a persistent volume (/persist)");
    const inside = defineUser({ name: "bob", sshKeys: [key], hashedPasswordFile: "/persist/secrets/passwords/bob" });
    expect(emitted(hosts(inside), "vps")).toContain('hashedPasswordFile = "/persist/secrets/passwords/bob";');
  });

  it("home modules without the home-manager input fail instead of being dropped", () => {
    const p = project([ada], undefined, { nixpkgs: inputs.nixpkgs });
    const e = thrownBy(() => compileHost(p, "vps"));
    expect(e.code).toBe("failed-assertion");
    expect(e.message).toContain("User `ada' has home modules, but flake.ts has no home-manager input");
  });
});

describe("home-manager users, typed with home-manager's options", () => {
  it("a misspelt home-manager option fails with did-you-mean and the home module's file:line", () => {
    // @ts-expect-error the type check catches the typo too; this test is about evaluation's error
    const typo = defineHomeModule({ programs: { gti: { enable: true } } });
    const user = defineUser({ name: "bob", sshKeys: [key], home: [typo] });
    const e = thrownBy(() => compileHost(project([user]), "vps"));
    expect(e.code).toBe("undefined-option");
    expect(e.optionPath).toEqual(["home-manager", "users", "bob", "programs", "gti"]);
    expect(e.message).toMatch(/Did you mean .*`home-manager\.users\.bob\.programs\.git'/);
    expect(e.locations[0]!.file).toMatch(/users\.test\.ts$/);
    expect(e.locations[0]!.line).toBe(lineOf("const typo = defineHomeModule"));
  });

  it("a value of the wrong type names the home-manager option's type", () => {
    // @ts-expect-error the type check catches the wrong value too; this test is about evaluation's error
    const wrong = defineHomeModule({ programs: { git: { userName: 42 } } });
    const user = defineUser({ name: "bob", sshKeys: [key], home: [wrong] });
    const e = thrownBy(() => compileHost(project([user]), "vps"));
    expect(e.code).toBe("type-mismatch");
    expect(e.message).toContain("A definition for option `home-manager.users.bob.programs.git.userName' is not of type `null or string'.");
    expect(e.locations[0]).toMatchObject({ line: lineOf("const wrong = defineHomeModule") });
    const themes = defineHomeModule({ programs: { helix: { settings: { editor: { "line-number": null } } } } });
    const e2 = thrownBy(() => compileHost(project([defineUser({ name: "bob", sshKeys: [key], home: [themes] })]), "vps"));
    expect(e2.message).toContain("`home-manager.users.bob.programs.helix.settings.editor.line-number' is not of type `boolean or signed integer");
  });

  it("emits home-manager's options with home.stateVersion, never panther's own", () => {
    const text = emitted(project([ada]), "vps");
    const block = text.slice(text.indexOf("home-manager = {"), text.indexOf("networking"));
    expect(block).toContain('home.stateVersion = "25.05";');
    expect(block).toContain("starship.enable = true;");
    // Only the header mentions panther: no `panther.shell`, `panther.profile`, … reach the file.
    expect(text.split("\n").filter((l) => l.includes("panther"))).toEqual([expect.stringMatching(/^# Generated by panther/)]);
    expect(text).not.toContain("username");
    expect(text).not.toContain("homeDirectory");
  });

  it("home.username and home.homeDirectory are filled as home-manager's NixOS module fills them", () => {
    const reader = defineHomeModule(({ config }) => ({
      options: { panther: { where: mkOption({ type: types.str, description: "test" }) } },
      config: { panther: { where: `${config.home.username}:${config.home.homeDirectory}` } },
    }));
    const user = defineUser({ name: "bob", sshKeys: [key], home: [reader] });
    expect(hm(project([user]), "vps", "bob").panther.where).toBe("bob:/home/bob");
  });

  it("servers get the lean profile, a host asking for `full` the whole one (through osConfig)", () => {
    const p = project([ada]);
    const server = hm(p, "vps", "ada");
    expect([server.programs.fish.enable, server.programs.git.enable, server.programs.neovim.enable]).toEqual([true, true, true]);
    expect([server.programs.ghostty.enable, server.programs.tmux.enable, server.home.packages]).toEqual([false, false, []]);
    const desk = hm(p, "yoga", "ada");
    expect([desk.programs.ghostty.enable, desk.programs.zellij.enable, desk.programs.tmux.enable, desk.programs.go.enable]).toEqual([true, true, true, true]);
    expect(desk.home.packages).toEqual([pkgs.fnm, pkgs.rustup, pkgs.uv]);
    expect(emitted(p, "yoga")).toContain("enableFishIntegration = false;");
  });

  it.skipIf(!runNixTests())("the emitted host parses, and evaluates to the home-manager user panther computed", () => {
    requireNix();
    const text = emitted(project([ada]), "yoga");
    expect(nixParse(text)).toMatchObject({ ok: true });
    const stubLib = "{ mkDefault = v: v; mkForce = v: v; mkOverride = p: v: v; mkBefore = v: v; mkAfter = v: v; mkMerge = vs: vs; }";
    const stubPkgs = "{ fish = \"fish\"; fnm = \"fnm\"; rustup = \"rustup\"; uv = \"uv\"; }";
    const value = nixEvalJson(`(${text.replace(/^#.*$/gm, "")}) { config = { }; lib = ${stubLib}; pkgs = ${stubPkgs}; }`) as Record<string, any>;
    const user = value["home-manager"].users.ada;
    expect(Object.keys(user).sort()).toEqual(["home", "programs"]);
    expect(user.home.packages).toEqual(["fnm", "rustup", "uv"]);
    expect(user.programs.git.delta.enable).toBe(true);
    expect(value.users.users.ada.extraGroups).toEqual(["wheel", "podman"]);
  });
});
