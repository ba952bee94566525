// Host checks for secrets: the OpNix token must reach the host at install and live outside the
// vault it unlocks, install-time files must survive an impermanent root, and a module may only
// point at a secret the mapping gives its host.

import { definedOptions } from "../core/eval.ts";
import type { RelatedLocation } from "../core/errors.ts";
import { registerHostChecks, type CheckContext, type Finding, type HostCheck } from "../compile/checks/index.ts";
import { definitionSites, siteLocations } from "../compile/checks/sites.ts";
import { diskoDevices, hostLayout } from "../compile/checks/disko-layout.ts";
import { hostSecrets, type HostSecrets } from "./host.ts";
import type { SecretEntry } from "./mapping.ts";
import { persistedPath, persistenceRoots } from "./persist.ts";
import { checkSecretReference } from "./reference.ts";

function mappingLocation(secrets: HostSecrets, detail?: string): RelatedLocation[] {
  const at = secrets.mapping.location;
  return at ? [{ ...at, role: "secrets mapping", ...(detail === undefined ? {} : { detail }) }] : [];
}

const vaultOf = (entry: SecretEntry): string | undefined => {
  const checked = checkSecretReference(entry.reference);
  return checked.ok ? checked.reference.vault.toLowerCase() : undefined;
};

/** Secrets OpNix fetches need its token on the host before the first boot, from another vault. */
const bootstrapToken: HostCheck = {
  name: "secrets-bootstrap-token",
  description: "The OpNix token is materialized at install and is not stored in a vault it unlocks.",
  *run({ config }: CheckContext): Iterable<Finding> {
    const secrets = hostSecrets(config);
    if (!secrets?.enabled) return;
    const fetched = secrets.entries.filter((e) => e.delivery === "opnix");
    if (fetched.length === 0) return;
    const tokenFile: string = config.panther.security.secrets.tokenFile;
    const fetchedToken = fetched.find((e) => e.path === tokenFile);
    if (fetchedToken) {
      yield {
        severity: "error",
        code: "invalid-secret",
        message: `\`${fetchedToken.name}' lands at OpNix' own token file ${tokenFile} but is fetched by OpNix, which needs that token to fetch anything.`,
        locations: mappingLocation(secrets, fetchedToken.name),
        hint: 'Give it delivery: "extra-files" so that `panther secrets materialize` writes it at install.',
      };
      return;
    }
    const token = secrets.entries.find((e) => e.delivery === "extra-files" && e.path === tokenFile);
    if (!token) {
      yield {
        severity: "warning",
        code: "invalid-secret",
        message: `No secret of the mapping writes OpNix' token (${tokenFile}) for ${secrets.host}: its ${fetched.length} secrets stay absent until someone runs \`opnix token set\` on it.`,
        locations: mappingLocation(secrets),
      };
      return;
    }
    const tokenVault = vaultOf(token);
    const unlocked = fetched.filter((e) => vaultOf(e) === tokenVault);
    if (unlocked.length > 0) {
      yield {
        severity: "error",
        code: "invalid-secret",
        message:
          `The OpNix token \`${token.name}' (${token.reference}) is kept in the vault it unlocks: ${secrets.host} fetches ` +
          `${unlocked.map((e) => `\`${e.name}'`).join(", ")} from the same vault. Whoever reads that vault holds the key to it, and a new host cannot bootstrap from it.`,
        locations: mappingLocation(secrets, token.name),
        hint: "Keep the token in a vault the hosts' service account cannot read (pantherOS-bootstrap, say).",
      };
    }
  },
};

/** A mapping that lists the host does nothing unless the host enables the module. */
const enabledWhenMapped: HostCheck = {
  name: "secrets-enabled",
  description: "Hosts the mapping gives secrets to enable panther.security.secrets.",
  *run({ config }: CheckContext): Iterable<Finding> {
    const secrets = hostSecrets(config);
    if (!secrets || secrets.enabled) return;
    const fetched = secrets.entries.filter((e) => e.delivery === "opnix");
    if (fetched.length === 0) return;
    yield {
      severity: "warning",
      code: "invalid-secret",
      message: `The secrets mapping gives ${secrets.host} ${fetched.length} secrets to fetch, but panther.security.secrets.enable is false: none of them will exist on it.`,
      locations: mappingLocation(secrets),
    };
  },
};

/** On an impermanent root, files written at install must be persisted or the first boot loses them. */
const persistedBootstrap: HostCheck = {
  name: "secrets-persistence",
  description: "Install-time secret files and OpNix' token survive an impermanent root.",
  *run({ config }: CheckContext): Iterable<Finding> {
    const secrets = hostSecrets(config);
    if (!secrets?.enabled) return;
    const persistence = config.environment?.persistence;
    if (persistenceRoots(persistence).length === 0) return;
    const paths = new Set([config.panther.security.secrets.tokenFile as string, ...secrets.entries.filter((e) => e.delivery === "extra-files").map((e) => e.path)]);
    for (const path of [...paths].sort()) {
      if (persistedPath(persistence, path)) continue;
      yield {
        severity: "error",
        code: "persistence",
        message: `${path} (a secret written at install) is not persisted on ${secrets.host}, whose root is wiped at every boot: it would be gone after the first one.`,
        locations: mappingLocation(secrets),
        hint: `Add ${JSON.stringify(path)} to environment.persistence."/persist".files.`,
      };
    }
  },
};

/** A string option value equal to the path of a secret that the mapping does not give this host. */
const unmappedUse: HostCheck = {
  name: "secrets-unmapped-use",
  description: "Modules only point at secrets the mapping gives their host.",
  *run({ config }: CheckContext): Iterable<Finding> {
    const secrets = hostSecrets(config);
    if (!secrets) return;
    const mine = new Set(secrets.entries.map((e) => e.path));
    const others = new Map(secrets.mapping.entries.filter((e) => !mine.has(e.path)).map((e) => [e.path, e]));
    if (others.size === 0) return;
    for (const option of definedOptions(config)?.options ?? []) {
      if (!option.external) continue;
      for (const def of option.allDefinitions) {
        for (const path of stringsIn(def.value)) {
          const entry = others.get(path);
          if (!entry) continue;
          yield {
            severity: "error",
            code: "invalid-secret",
            message: `\`${option.loc.join(".")}' points at the secret \`${entry.name}' (${path}), which the secrets mapping does not give ${secrets.host} (only ${entry.hosts.join(", ")}).`,
            optionPath: option.loc,
            locations: [{ ...def.source, role: "used here" }, ...mappingLocation(secrets, entry.name)],
            hint: `Add "${secrets.host}" to the hosts of \`${entry.name}' in secrets-mapping.ts.`,
          };
        }
      }
    }
  },
};

function* stringsIn(value: unknown, depth = 0): Generator<string> {
  if (typeof value === "string") yield value;
  else if (depth > 12 || value === null || typeof value !== "object") return;
  else if (Array.isArray(value)) for (const v of value) yield* stringsIn(v, depth + 1);
  else if (Object.getPrototypeOf(value) === Object.prototype) for (const v of Object.values(value)) yield* stringsIn(v, depth + 1);
}

/** A LUKS passphrase file the layout reads while formatting must be one `materialize` writes. */
const luksPassphrase: HostCheck = {
  name: "secrets-luks-passphrase",
  description: "Each LUKS passwordFile of the disk layout is the path of a disk-encryption-key secret of the host.",
  *run(ctx: CheckContext): Iterable<Finding> {
    const { config } = ctx;
    const secrets = hostSecrets(config);
    const devices = diskoDevices(ctx);
    // The layout the disk checks computed (memoized; absent when a disk has no device, which they report).
    const layout = hostLayout(ctx);
    if (!secrets || !devices || !layout) return;
    const keys = new Set(secrets.entries.filter((e) => e.delivery === "disk-encryption-key").map((e) => e.path));
    for (const luks of layout.luks) {
      const node = luks.path.reduce<any>((at, key) => at?.[key], devices);
      const file = node?.passwordFile;
      if (typeof file !== "string" || keys.has(file)) continue;
      yield {
        severity: "error",
        code: "invalid-secret",
        message:
          `The LUKS volume \`${luks.name}' reads its passphrase from ${file} while formatting, but no disk-encryption-key secret of ${secrets.host} ` +
          `lands there (${[...keys].sort().join(", ") || "none"}): \`panther secrets materialize\` would not provide it and the install would fail.`,
        optionPath: ["disko", "devices", ...luks.path, "passwordFile"],
        locations: [...siteLocations(definitionSites(config, ["disko", "devices", ...luks.path, "passwordFile"])), ...mappingLocation(secrets)],
        hint: `Give the host a secret with delivery "disk-encryption-key" and path ${JSON.stringify(file)} in secrets-mapping.ts, or point passwordFile at the one it has.`,
      };
    }
  },
};

registerHostChecks(bootstrapToken, enabledWhenMapped, persistedBootstrap, unmappedUse, luksPassphrase);
