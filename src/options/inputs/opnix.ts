// OpNix (brizzbuzz/opnix, nix/module.nix at 0ea3a9e, v0.11): `services.onepassword-secrets`,
// 1Password secrets fetched at boot by a service account. References are checked offline here;
// `secretPaths` is computed as OpNix computes it, so modules can point other options at a secret.

import { PantherError, showOption } from "../../core/errors.ts";
import type { Module, ModuleArgs } from "../../core/module.ts";
import { showDefinitions } from "../../core/show.ts";
import { types } from "../../core/types/index.ts";
import type { OptionType } from "../../core/types/type.ts";
import { computed, opt, type Config } from "./declare.ts";
import { isSecretReference } from "../../secrets/reference.ts";

const file = "<opnix/nix/module.nix>";

/**
 * `op://<vault>/<item>[/<section>]/<field>[?attribute=…]`, checked by panther's reference parser
 * (the one `panther secrets check` uses, which accepts what the 1Password SDK accepts), not only
 * by OpNix's looser pattern: `op://a/b/c/d/e` or an empty segment is a type error here.
 */
const secretReference: OptionType<string> = {
  ...types.str,
  name: "secretReference",
  description: "1Password secret reference op://<vault>/<item>[/<section>]/<field>",
  check: (value) => typeof value === "string" && isSecretReference(value),
};

/** OpNix throws at evaluation for secret names that are not camelCase identifiers. */
const secretName = /^[a-z][a-zA-Z0-9]*$/;

/** The element type, checking the attribute name it is bound to (kept a submodule for lowering). */
function namedSecret(element: OptionType): OptionType {
  return {
    ...element,
    merge(loc, defs) {
      const name = loc.at(-1)!;
      if (!secretName.test(name)) {
        throw new PantherError({
          code: "invalid-definition",
          message:
            `The secret name \`${name}' of \`${showOption(loc.slice(0, -1))}' is invalid: OpNix requires camelCase names ` +
            `matching ${secretName.source} (like databasePassword), not path-like strings. Definition values:\n${showDefinitions(defs)}`,
          optionPath: loc,
          locations: defs.map((d) => ({ ...d.source, role: "definition" })),
        });
      }
      return element.merge(loc, defs);
    },
  };
}

const serviceAction = types.submodule({
  file,
  options: {
    restart: opt({ type: types.bool, default: true, description: "Whether to restart the service when this secret changes" }),
    signal: opt({ type: types.nullOr(types.str), default: null, example: "SIGHUP", description: "Custom signal to send instead of restart (e.g., SIGHUP for reload)" }),
    after: opt({ type: types.listOf(types.str), default: ["opnix-secrets.service"], description: "Additional systemd dependencies for this service" }),
  },
});

const secret = types.submodule({
  file,
  options: {
    reference: opt({ type: secretReference, example: "op://Homelab/Database/password", description: "1Password reference in the format op://Vault/Item/field or op://Vault/Item/filename" }),
    kind: opt({ type: types.enum(["field", "file"]), default: "field", description: "Whether to resolve a text field or download a Document/attachment as raw bytes" }),
    path: opt({ type: types.nullOr(types.str), default: null, example: "/etc/ssl/certs/app.pem", description: "Custom path for the secret file; null uses pathTemplate or outputDir/<name>" }),
    symlinks: opt({ type: types.listOf(types.str), default: [], description: "List of symlink paths that should point to this secret" }),
    variables: opt({ type: types.attrsOf(types.str), default: {}, description: "Variables for path template substitution" }),
    owner: opt({ type: types.str, default: "root", example: "caddy", description: "User who owns the secret file" }),
    group: opt({ type: types.str, default: "root", example: "caddy", description: "Group that owns the secret file" }),
    // OpNix asserts this when enabled; checking it as a type reports it where it is written.
    mode: opt({ type: types.strMatching("^[0-7]{3,4}$"), default: "0600", example: "0644", description: "File permissions in octal notation" }),
    services: opt({
      type: types.either(types.listOf(types.str), types.attrsOf(serviceAction)),
      default: [],
      example: ["caddy", "postgresql"],
      description: "Services to restart (or signal) when this secret changes: a list of unit names, or { <unit> = { restart; signal; after; }; }",
    }),
  },
});

const submoduleOf = (options: Record<string, unknown>) => types.submodule({ file, options });

const systemdIntegration = submoduleOf({
  enable: opt({ type: types.bool, default: true, description: "Enable systemd service integration and dependency management" }),
  services: opt({ type: types.listOf(types.str), default: [], description: "Global list of services that should depend on opnix-secrets.service" }),
  restartOnChange: opt({ type: types.bool, default: true, description: "Whether to restart services when their secrets change" }),
  changeDetection: opt({
    type: submoduleOf({
      enable: opt({ type: types.bool, default: true, description: "Enable content-based change detection to avoid unnecessary service restarts" }),
      hashFile: opt({ type: types.str, default: "/var/lib/opnix/secret-hashes.json", description: "File to store secret content hashes for change detection" }),
    }),
    default: {},
    description: "Change detection configuration",
  }),
  polling: opt({
    type: submoduleOf({
      enable: opt({ type: types.bool, default: false, description: "Periodically retrieve secrets from 1Password" }),
      interval: opt({ type: types.str, default: "6h", example: "30min", description: "Systemd time span between automatic secret retrievals" }),
    }),
    default: {},
    description: "Automatic 1Password polling configuration",
  }),
  errorHandling: opt({
    type: submoduleOf({
      rollbackOnFailure: opt({ type: types.bool, default: false, description: "Reserved for future secret-file rollback handling" }),
      continueOnError: opt({ type: types.bool, default: true, description: "Continue processing other secrets if one fails" }),
      maxRetries: opt({ type: types.int, default: 3, description: "Maximum number of retry attempts for failed operations" }),
    }),
    default: {},
    description: "Error handling and recovery configuration",
  }),
});

/** `secretPaths` as OpNix sets it: each secret's `path`, or `<outputDir>/<name>`. */
function secretPaths(cfg: Config): Record<string, string> {
  if (cfg.enable !== true) return {};
  const secrets = cfg.secrets as Record<string, Config>;
  return Object.fromEntries(Object.keys(secrets).map((name) => [name, secrets[name]!.path ?? `${cfg.outputDir}/${name}`]));
}

/** The options of OpNix's NixOS module (`opnix.nixosModules.default`). */
export const opnixOptions: Module = ({ config }: ModuleArgs) => {
  const cfg = (config as Config).services["onepassword-secrets"] as Config;
  return {
    file,
    key: "panther:inputs:opnix",
    options: {
      services: {
        "onepassword-secrets": {
          enable: opt({ type: types.bool, default: false, example: true, description: "Whether to enable 1Password secrets integration." }),
          tokenFile: opt({
            type: types.path,
            default: "/etc/opnix-token",
            description: "Path to file containing the 1Password service account token (root:onepassword-secrets 0640; `opnix token set`)",
          }),
          configFiles: opt({ type: types.listOf(types.path), default: [], description: "List of secrets configuration files (JSON)" }),
          outputDir: opt({ type: types.str, default: "/var/lib/opnix/secrets", description: "Directory to store retrieved secrets" }),
          users: opt({ type: types.listOf(types.str), default: [], example: ["alice", "bob"], description: "Users that should have access to the 1Password token through group membership" }),
          secrets: opt({
            type: types.attrsOf(namedSecret(secret)),
            default: {},
            description: "Declarative secrets, keyed by camelCase secret names (databasePassword)",
          }),
          pathTemplate: opt({ type: types.nullOr(types.str), default: null, example: "/etc/secrets/{service}/{name}", description: "Path template for secrets without an explicit path ({variable} substitution)" }),
          defaults: opt({ type: types.attrsOf(types.str), default: {}, description: "Default variables for path template substitution" }),
          systemdIntegration: opt({ type: systemdIntegration, default: {}, description: "Systemd service integration configuration" }),
          secretPaths: opt({
            type: types.attrsOf(types.str),
            readOnly: true,
            default: computed([cfg.enable, cfg.outputDir], () => secretPaths(cfg)),
            defaultText: "each secret's path, or outputDir/<name>",
            description: "Runtime paths of the declared secrets (computed; read it, e.g. passwordFile = config.services.onepassword-secrets.secretPaths.dbPassword)",
          }),
        },
      },
    },
  };
};
