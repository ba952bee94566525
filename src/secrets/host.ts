// A host's secrets as its evaluated configuration declares them (`panther.security.secrets.*`,
// set by modules/security/secrets.ts): what `secrets check`, `--verify-secrets` and `materialize` read.

import type { SecretEntry, SecretsMapping } from "./mapping.ts";

export interface HostSecrets {
  /** The host name the mapping's `hosts` lists. */
  readonly host: string;
  readonly enabled: boolean;
  readonly mapping: SecretsMapping;
  /** The entries this host needs (all deliveries), sorted by name. */
  readonly entries: readonly SecretEntry[];
}

/**
 * `panther.security.secrets` of an evaluated host, or undefined when the host does not import
 * the secrets module (it then needs no secrets).
 */
export function hostSecrets(config: any): HostSecrets | undefined {
  const panther = config?.panther;
  if (panther === undefined || !Object.hasOwn(panther, "security") || !Object.hasOwn(panther.security, "secrets")) return undefined;
  const cfg = panther.security.secrets;
  const mapping = cfg.mapping as SecretsMapping;
  const host = cfg.host as string;
  return { host, enabled: cfg.enable === true, mapping, entries: mapping.forHost(host) };
}
