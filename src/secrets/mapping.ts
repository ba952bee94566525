// The secrets mapping (secrets-mapping.ts): each logical secret's 1Password reference, the hosts
// that need it, how it reaches them and where it lands. Validated whole when defined; values never pass here.

import { PantherError } from "../core/errors.ts";
import { captureCallerLocation, type SourceLocation } from "../core/location.ts";
import { didYouMean, suggest } from "../core/suggest.ts";
import { checkSecretReference } from "./reference.ts";

/**
 * How a secret reaches its host:
 * - `opnix` (default): fetched on the host by OpNix at boot, after the network is up;
 * - `extra-files`: written by `panther secrets materialize` for `nixos-anywhere --extra-files`
 *   (files needed before OpNix can run: its own token, SSH host keys);
 * - `disk-encryption-key`: written for `nixos-anywhere --disk-encryption-keys` (LUKS passphrases).
 */
export type SecretDelivery = "opnix" | "extra-files" | "disk-encryption-key";

/** One entry of the mapping, as written in secrets-mapping.ts. */
export interface SecretSpec {
  /** `op://<vault>/<item>[/<section>]/<field>`, checked offline when the mapping is defined. */
  readonly reference: string;
  /** The hosts (names in flake.ts) that need the secret. */
  readonly hosts: readonly string[];
  readonly description?: string;
  /** Default "opnix". The install deliveries need `path` and take no owner, group or services. */
  readonly delivery?: SecretDelivery;
  /**
   * Where the value lands on the host (absolute). Default for OpNix: `/var/lib/opnix/secrets/<camelCaseName>`.
   * For `disk-encryption-key`: the path disko's LUKS `passwordFile` names on the installer (e.g. /tmp/secret.key).
   */
  readonly path?: string;
  /** Owner of the file (default "root"); OpNix only. */
  readonly owner?: string;
  /** Group of the file (default "root"); OpNix only. */
  readonly group?: string;
  /** Octal mode (default "0600"). */
  readonly mode?: string;
  /** systemd units (without `.service`) that read the secret: ordered after OpNix and restarted when it changes. */
  readonly services?: readonly string[];
}

/** An entry with every default filled in. */
export interface SecretEntry {
  /** The logical name, as written in the mapping (kebab-case). */
  readonly name: string;
  /** The OpNix attribute name (camelCase of `name`). */
  readonly attrName: string;
  readonly reference: string;
  readonly hosts: readonly string[];
  readonly description?: string;
  readonly delivery: SecretDelivery;
  readonly path: string;
  readonly owner: string;
  readonly group: string;
  readonly mode: string;
  readonly services: readonly string[];
}

export interface SecretsMapping<Name extends string = string> {
  /** Every entry, sorted by name. */
  readonly entries: readonly SecretEntry[];
  /** Where `defineSecrets` was called. */
  readonly location: SourceLocation | undefined;
  /**
   * The runtime path of a secret, for options such as `services.tailscale.authKeyFile`. An unknown
   * name is an error at the caller's line.
   */
  // Method syntax (bivariant), so that any mapping is a SecretsMapping<string>; both are arrow functions, safe to detach.
  secret(name: Name): string;
  /** The entry for a name (same errors as `secret`). */
  entry(name: Name): SecretEntry;
  /** The entries a host needs, sorted by name. */
  readonly forHost: (host: string) => readonly SecretEntry[];
}

/** OpNix' default `outputDir`. */
export const opnixOutputDir = "/var/lib/opnix/secrets";

const logicalName = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const unitName = /^[A-Za-z0-9@_.:\\-]+$/;
const userName = /^[a-z_][a-z0-9_-]*\$?$/;
const octalMode = /^[0-7]{3,4}$/;
const specKeys = ["reference", "hosts", "description", "delivery", "path", "owner", "group", "mode", "services"] as const;
const deliveries: readonly SecretDelivery[] = ["opnix", "extra-files", "disk-encryption-key"];
const mappingBrand = Symbol.for("panther.secretsMapping");

/** `tailscale-auth-key` → `tailscaleAuthKey` (OpNix requires ^[a-z][a-zA-Z0-9]*$). */
export function camelCaseName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Define the fleet's secrets. Keys are logical names (kebab-case); `secret(name)` then only
 * accepts those names (a type error for any other, and an error at the caller's line at runtime).
 * Every problem in the mapping is reported at once, as one `invalid-secret` error.
 */
export function defineSecrets<const Specs extends Readonly<Record<string, SecretSpec>>>(specs: Specs): SecretsMapping<Extract<keyof Specs, string>> {
  const location = captureCallerLocation();
  const { entries, issues } = validateMapping(specs);
  if (issues.length > 0) {
    throw new PantherError({
      code: "invalid-secret",
      message: `The secrets mapping has ${issues.length === 1 ? "a mistake" : `${issues.length} mistakes`}:\n${issues.map((i) => `- ${i}`).join("\n")}`,
      locations: location ? [{ ...location, role: "secrets mapping" }] : [],
    });
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const entry = (name: string): SecretEntry => {
    const found = byName.get(name);
    if (found) return found;
    throw unknownSecret(name, [...byName.keys()], captureCallerLocation(), location);
  };
  const mapping: SecretsMapping<Extract<keyof Specs, string>> & { [mappingBrand]: true } = {
    [mappingBrand]: true,
    entries,
    location,
    entry,
    secret: (name) => entry(name).path,
    forHost: (host) => entries.filter((e) => e.hosts.includes(host)),
  };
  return Object.freeze(mapping);
}

export function isSecretsMapping(value: unknown): value is SecretsMapping {
  return typeof value === "object" && value !== null && mappingBrand in value;
}

function unknownSecret(name: string, names: readonly string[], caller: SourceLocation | undefined, mapping: SourceLocation | undefined): PantherError {
  const close = didYouMean(suggest(name, names));
  return new PantherError({
    code: "unknown-secret",
    message: `There is no secret \`${name}' in the secrets mapping.${close ? ` ${close}` : ""}`,
    locations: [...(caller ? [{ ...caller, role: "used here" }] : []), ...(mapping ? [{ ...mapping, role: "secrets mapping" }] : [])],
    hint: close ? undefined : `The secrets are: ${names.join(", ")}.`,
  });
}

/** Fill in defaults and collect every problem (the mapping is data: nothing throws here). */
export function validateMapping(specs: Readonly<Record<string, SecretSpec>>): { entries: SecretEntry[]; issues: string[] } {
  const issues: string[] = [];
  const entries: SecretEntry[] = [];
  if (typeof specs !== "object" || specs === null || Array.isArray(specs)) return { entries, issues: ["defineSecrets takes an object whose keys are the secrets' logical names"] };
  for (const name of Object.keys(specs).sort()) {
    const found = validateEntry(name, specs[name] as SecretSpec);
    issues.push(...found.issues);
    if (found.entry) entries.push(found.entry);
  }
  issues.push(...collisions(entries));
  return { entries, issues };
}

function validateEntry(name: string, spec: SecretSpec): { entry?: SecretEntry; issues: string[] } {
  const issues: string[] = [];
  const at = `\`${name}'`;
  if (!logicalName.test(name)) issues.push(`${at}: a secret's name must be kebab-case (lower-case letters, digits and single dashes, like tailscale-auth-key)`);
  if (typeof spec !== "object" || spec === null) return { issues: [...issues, `${at}: expected an object with at least reference and hosts`] };
  for (const key of Object.keys(spec)) {
    if (!(specKeys as readonly string[]).includes(key)) issues.push(`${at}: unknown key \`${key}'${withHint(suggest(key, specKeys))}`);
  }
  if (typeof spec.reference !== "string") issues.push(`${at}: \`reference' must be an op:// string`);
  else {
    const checked = checkSecretReference(spec.reference);
    if (!checked.ok) issues.push(`${at}: the reference ${JSON.stringify(spec.reference)} is malformed: ${checked.problem}.${checked.hint ? ` ${checked.hint}` : ""}`);
  }
  const delivery = spec.delivery ?? "opnix";
  if (!deliveries.includes(delivery)) issues.push(`${at}: \`delivery' must be one of ${deliveries.join(", ")}${withHint(suggest(String(delivery), deliveries))}`);
  issues.push(...checkHosts(at, spec.hosts));
  const path = spec.path ?? (delivery === "opnix" ? `${opnixOutputDir}/${camelCaseName(name)}` : undefined);
  if (path === undefined) issues.push(`${at}: a secret delivered by ${delivery} needs a \`path'`);
  else if (typeof path !== "string" || !path.startsWith("/") || path.split("/").includes("..") || path.endsWith("/")) issues.push(`${at}: \`path' must be an absolute file path, not ${JSON.stringify(path)}`);
  else if (path.startsWith("/nix/store")) issues.push(`${at}: \`path' is in the Nix store, which every user can read`);
  if (delivery !== "opnix") {
    for (const key of ["owner", "group", "services"] as const) {
      if (spec[key] !== undefined) issues.push(`${at}: \`${key}' only applies to secrets OpNix delivers; ${delivery} files are root's, mode 0600`);
    }
    if (spec.mode !== undefined && spec.mode !== "0600") issues.push(`${at}: ${delivery} files are always written with mode 0600`);
  }
  for (const key of ["owner", "group"] as const) {
    const value = spec[key];
    if (value !== undefined && (typeof value !== "string" || !userName.test(value))) issues.push(`${at}: \`${key}' ${JSON.stringify(value)} is not a user or group name`);
  }
  if (spec.mode !== undefined && (typeof spec.mode !== "string" || !octalMode.test(spec.mode))) issues.push(`${at}: \`mode' must be an octal string like "0600", not ${JSON.stringify(spec.mode)}`);
  issues.push(...checkServices(at, spec.services));
  if (issues.length > 0) return { issues };
  return {
    issues,
    entry: {
      name,
      attrName: camelCaseName(name),
      reference: spec.reference,
      hosts: [...new Set(spec.hosts)].sort(),
      ...(spec.description !== undefined && { description: spec.description }),
      delivery,
      path: path!,
      owner: spec.owner ?? "root",
      group: spec.group ?? "root",
      mode: spec.mode ?? "0600",
      services: [...new Set(spec.services ?? [])].sort(),
    },
  };
}

function checkHosts(at: string, hosts: unknown): string[] {
  if (!Array.isArray(hosts) || hosts.length === 0) return [`${at}: \`hosts' must list at least one host`];
  return hosts.filter((h) => typeof h !== "string" || h === "").map((h) => `${at}: ${JSON.stringify(h)} is not a host name`);
}

function checkServices(at: string, services: unknown): string[] {
  if (services === undefined) return [];
  if (!Array.isArray(services)) return [`${at}: \`services' must be a list of systemd unit names`];
  return services.flatMap((unit: unknown) => {
    if (typeof unit !== "string" || !unitName.test(unit)) return [`${at}: ${JSON.stringify(unit)} is not a systemd unit name`];
    if (unit.endsWith(".service")) return [`${at}: write the unit as ${JSON.stringify(unit.slice(0, -".service".length))}, without \`.service' (it names systemd.services.<unit>)`];
    return [];
  });
}

/** Two names with the same OpNix attribute, or two secrets landing on one path of one host. */
function collisions(entries: readonly SecretEntry[]): string[] {
  const issues: string[] = [];
  const byAttr = new Map<string, string>();
  const byPath = new Map<string, string>();
  for (const e of entries) {
    const other = byAttr.get(e.attrName);
    if (other) issues.push(`\`${other}' and \`${e.name}' both become the OpNix name \`${e.attrName}'`);
    else byAttr.set(e.attrName, e.name);
    for (const host of e.hosts) {
      const key = `${host}\0${e.path}`;
      const first = byPath.get(key);
      if (first) issues.push(`\`${first}' and \`${e.name}' both land at ${e.path} on ${host}`);
      else byPath.set(key, e.name);
    }
  }
  return issues;
}

/** Hosts the mapping names that the flake does not have (each with "did you mean"). */
export function unknownHosts(mapping: SecretsMapping, hostNames: readonly string[]): string[] {
  const known = new Set(hostNames);
  return mapping.entries.flatMap((e) =>
    e.hosts.filter((h) => !known.has(h)).map((h) => `\`${e.name}' lists the host \`${h}', which flake.ts does not define${withHint(suggest(h, hostNames))}`),
  );
}

function withHint(names: readonly string[]): string {
  const hint = didYouMean(names);
  return hint ? ` (${hint})` : "";
}
