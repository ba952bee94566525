// Checks on the fleet's users: an admin must be able to log in (keys only, so at least one SSH
// key), and a password hash file must survive a reboot on an impermanent host.

import { registerHostChecks, type Finding, type HostCheck } from "./index.ts";
import { definitionSites, siteLocations } from "./sites.ts";

interface UserValue {
  readonly sshKeys: readonly string[];
  readonly admin: boolean;
  readonly hashedPasswordFile: string | null;
}

function* usersOf(config: any): Generator<[string, UserValue]> {
  const users = config.panther?.users as Readonly<Record<string, UserValue>> | undefined;
  for (const name of Object.keys(users ?? {}).sort()) yield [name, users![name]!];
}

const adminKeys: HostCheck = {
  name: "admin-keys",
  description: "An admin (passwordless sudo, no password) has at least one SSH key.",
  *run({ config }): Iterable<Finding> {
    for (const [name, user] of usersOf(config)) {
      if (!user.admin || user.sshKeys.length > 0) continue;
      const path = ["panther", "users", name, "admin"];
      yield {
        severity: "error",
        code: "invalid-value",
        message: `User \`${name}' is an admin without SSH keys: admins log in with keys only, so nobody could log in as \`${name}'.`,
        optionPath: path,
        locations: siteLocations(definitionSites(config, path)),
        hint: `Give \`${name}' its public keys (sshKeys), or drop admin.`,
      };
    }
  },
};

/** The persistent roots of an impermanent host (`environment.persistence."/persist"`), if it has any. */
function persistentRoots(config: any): string[] {
  const persistence = config.environment?.persistence as Readonly<Record<string, unknown>> | undefined;
  return Object.keys(persistence ?? {});
}

const passwordFilePersists: HostCheck = {
  name: "password-file-persists",
  description: "On an impermanent host, a user's hashedPasswordFile lies on a persistent volume.",
  *run({ config }): Iterable<Finding> {
    const roots = persistentRoots(config);
    if (roots.length === 0) return;
    for (const [name, user] of usersOf(config)) {
      const file = user.hashedPasswordFile;
      if (file === null || roots.some((root) => file.startsWith(`${root.replace(/\/$/, "")}/`))) continue;
      const path = ["panther", "users", name, "hashedPasswordFile"];
      yield {
        severity: "error",
        code: "persistence",
        message: `User \`${name}' has hashedPasswordFile \`${file}', which is not under a persistent volume (${roots.join(", ")}): the root is wiped at every boot, and NixOS reads the file when it creates users, which can be before impermanence links persisted files into place.`,
        optionPath: path,
        locations: siteLocations(definitionSites(config, path)),
        hint: `Keep the hash on the persistent volume itself, e.g. \`${roots[0]!.replace(/\/$/, "")}/secrets/passwords/${name}'.`,
      };
    }
  },
};

registerHostChecks(adminKeys, passwordFilePersists);
