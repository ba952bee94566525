// The fleet's users, declared once in flake.ts (`users`): which hosts each user is on, and the
// module every host evaluates with, declaring `panther.users.<name>` and lowering it to NixOS'
// `users.users.<name>`, sudo, and home-manager's `home-manager.users.<name>`.

import { PantherError } from "../core/errors.ts";
import { captureCallerLocation, type SourceLocation } from "../core/location.ts";
import { recordedLocation, withLocation, type HomeModule, type Module, type ModuleArgs } from "../core/module.ts";
import { mkOption } from "../core/options.ts";
import { pkgs } from "../core/package.ts";
import { didYouMean, suggest } from "../core/suggest.ts";
import { types } from "../core/types/index.ts";
import { mkIf } from "../core/wrappers.ts";
import type { FlakeDefinition, HostDefinition } from "./project.ts";

/** The login shells panther enables system-wide for a user (NixOS wants `programs.<shell>.enable`). */
export const loginShells = ["bash", "fish", "zsh"] as const;
export type LoginShell = (typeof loginShells)[number];

/** One user's settings: the options `panther.users.<name>.*` (documented there). */
export interface UserSettings {
  readonly description?: string;
  readonly sshKeys?: readonly string[];
  readonly groups?: readonly string[];
  readonly shell?: LoginShell;
  readonly admin?: boolean;
  readonly hashedPasswordFile?: string | null;
  readonly home?: readonly HomeModule[];
  readonly homeStateVersion?: string;
}

/** Which hosts a user is on: every host unless `tags` or `names` narrow it (a host matching either). */
export interface UserHosts {
  readonly tags?: readonly string[];
  readonly names?: readonly string[];
}

export interface UserDefinition extends UserSettings {
  /** Login name. */
  readonly name: string;
  /** Hosts the user exists on (default: all). */
  readonly hosts?: UserHosts;
}

/** Declare a fleet user (in flake.ts `users`), remembering the line for messages. */
export function defineUser<U extends UserDefinition>(user: U): U {
  const where = captureCallerLocation();
  if (where && !recordedLocation(user)) withLocation(user, where);
  return user;
}

const file = "<panther/users>";

const userOptions = {
  description: mkOption({ type: types.str, default: "", example: "Ada Lovelace", description: "Full name (the GECOS field)." }),
  sshKeys: mkOption({ type: types.listOf(types.str), default: [], description: "SSH public keys that may log in as the user (the only way in over the network)." }),
  groups: mkOption({ type: types.listOf(types.str), default: [], example: ["podman"], description: "Supplementary groups (`wheel` is added for admins)." }),
  shell: mkOption({ type: types.enum([...loginShells]), default: "bash", description: "Login shell; fish and zsh are also enabled system-wide, as NixOS requires." }),
  admin: mkOption({
    type: types.bool,
    default: false,
    description: "Administrator: in `wheel`, and sudo without a password (the user has none: keys only, so at least one SSH key is required).",
  }),
  hashedPasswordFile: mkOption({
    type: types.nullOr(types.path),
    default: null,
    example: "/persist/secrets/passwords/ada",
    description:
      "File holding the user's password hash (`mkpasswd -m yescrypt`), for console logins. Read at every activation; on an impermanent host it must be under the persistent volume. Without it the user has no password.",
  }),
  home: mkOption({
    type: types.listOf(types.raw),
    default: [],
    description: "home-manager modules for the user (from `home/`, or inline settings such as `{ programs: { git: { userEmail } } }`). Empty: no home-manager configuration.",
  }),
  homeStateVersion: mkOption({
    type: types.str,
    default: "25.05",
    description: "home-manager's `home.stateVersion` for the user: the release whose defaults their home data follows. Never bump it casually.",
  }),
};

interface User extends Required<Omit<UserSettings, "hashedPasswordFile">> {
  readonly hashedPasswordFile: string | null;
}

/**
 * The users module every host evaluates with: `panther.users.<name>` and `panther.home.profile`,
 * lowered to NixOS options. `homeManager` says whether the flake has the home-manager input (without
 * it, a user with home modules is an error).
 */
export function usersModule(homeManager: boolean): Module {
  return ({ config }: ModuleArgs) => {
    const users = config.panther.users as Readonly<Record<string, User>>;
    const names = Object.keys(users).sort();
    const admins = names.filter((n) => users[n]!.admin);
    const withHome = names.filter((n) => users[n]!.home.length > 0);
    const shells = new Set(names.map((n) => users[n]!.shell));
    return {
      file,
      key: "panther:users",
      options: {
        panther: {
          users: mkOption({
            type: types.attrsOf(types.submodule({ options: userOptions })),
            default: {},
            description: "The users on this host, from flake.ts `users` (selected by their `hosts`).",
          }),
          home: {
            profile: mkOption({
              type: types.enum(["lean", "full"]),
              default: "lean",
              description: "How much of a user's home profile (home/default.ts) this host installs: `lean` (shell, git, editors: servers) or `full` (also terminals and development toolchains: laptops).",
            }),
          },
        },
      },
      config: mkIf(names.length > 0, {
        assertions: homeManager
          ? []
          : withHome.map((n) => ({ assertion: false, message: `User \`${n}' has home modules, but flake.ts has no home-manager input to apply them: add \`"home-manager"' to its inputs.` })),
        users: {
          // Declarative users only: no passwd, no password drift; keys and hash files are the truth.
          mutableUsers: false,
          users: Object.fromEntries(names.map((n) => [n, systemUser(users[n]!)])),
        },
        programs: { fish: { enable: mkIf(shells.has("fish"), true) }, zsh: { enable: mkIf(shells.has("zsh"), true) } },
        // After NixOS' own wheel rule (order 600), so that it wins for these users.
        security: { sudo: { extraRules: admins.length > 0 ? [{ users: admins, commands: [{ command: "ALL", options: ["NOPASSWD"] }] }] : [] } },
        ...(homeManager
          ? {
              "home-manager": {
                useGlobalPkgs: mkIf(withHome.length > 0, true),
                useUserPackages: mkIf(withHome.length > 0, true),
                users: Object.fromEntries(withHome.map((n) => [n, homeConfiguration(users[n]!)])),
              },
            }
          : {}),
      }),
    };
  };
}

function systemUser(user: User) {
  const groups = user.admin && !user.groups.includes("wheel") ? ["wheel", ...user.groups] : user.groups;
  return {
    isNormalUser: true,
    description: user.description,
    extraGroups: groups,
    shell: user.shell === "bash" ? pkgs.bashInteractive : pkgs[user.shell],
    openssh: { authorizedKeys: { keys: user.sshKeys } },
    ...(user.hashedPasswordFile !== null ? { hashedPasswordFile: user.hashedPasswordFile } : {}),
  };
}

/** `home-manager.users.<name>`: a module importing the user's home modules. */
function homeConfiguration(user: User) {
  return { imports: user.home, home: { stateVersion: user.homeStateVersion } };
}

/** Whether the host is one of the user's hosts. */
export function userIsOn(user: UserDefinition, host: HostDefinition): boolean {
  const { tags, names } = user.hosts ?? {};
  if (tags === undefined && names === undefined) return true;
  return (names ?? []).includes(host.name) || (tags ?? []).some((t) => host.tags?.includes(t));
}

/** A user's `hosts` naming a tag or host that no host in flake.ts has. */
function checkSelectors(flake: FlakeDefinition, user: UserDefinition, where: SourceLocation): void {
  const allTags = [...new Set(flake.hosts.flatMap((h) => h.tags ?? []))].sort();
  const hostNames = flake.hosts.map((h) => h.name);
  const unknown = (kind: "tag" | "host", value: string, known: readonly string[]) =>
    new PantherError({
      code: kind === "tag" ? "invalid-value" : "unknown-host",
      message: `User \`${user.name}' is put on hosts with the ${kind} \`${value}', but no host in flake.ts has it (${kind}s: ${known.join(", ") || "none"}).${didYouMean(suggest(value, known)) ? ` ${didYouMean(suggest(value, known))}` : ""}`,
      locations: [{ ...where, role: "definition" }],
    });
  for (const tag of user.hosts?.tags ?? []) if (!allTags.includes(tag)) throw unknown("tag", tag, allTags);
  for (const name of user.hosts?.names ?? []) if (!hostNames.includes(name)) throw unknown("host", name, hostNames);
}

/**
 * The modules a host evaluates for the fleet's users: the users module, and one module per user
 * on the host defining `panther.users.<name>`, located where flake.ts declares the user.
 */
export function fleetUserModules(flake: FlakeDefinition, host: HostDefinition, flakeFile: string): Module[] {
  const modules: Module[] = [usersModule(Object.hasOwn(flake.inputs, "home-manager"))];
  const seen = new Set<string>();
  for (const user of flake.users ?? []) {
    const where = recordedLocation(user) ?? { file: flakeFile };
    if (seen.has(user.name)) {
      throw new PantherError({ code: "duplicate-declaration", message: `User \`${user.name}' is declared twice in flake.ts.`, locations: [{ ...where, role: "definition" }] });
    }
    seen.add(user.name);
    checkSelectors(flake, user, where);
    if (!userIsOn(user, host)) continue;
    const { name, hosts: _hosts, ...settings } = user;
    // Inline home settings (`{ programs: { git: { userEmail } } }`) are located at the user's line.
    const home = settings.home?.map((m) => (recordedLocation(m) ? m : withLocation({ imports: [m] }, where)));
    modules.push(withLocation({ panther: { users: { [name]: { ...settings, ...(home ? { home } : {}) } } } }, where));
  }
  return modules;
}
