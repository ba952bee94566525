// Secrets through OpNix: each secret the mapping (secrets-mapping.ts) gives this host is declared
// in `services.onepassword-secrets` (a reference and a path, never a value), and its consuming
// units start after OpNix' unit. Install-time secrets (token, host keys, LUKS) are not fetched here.
import { defineModule, mkIf, mkOption, secretsMappingType, types, type SecretEntry, type SecretsMapping } from "panther";
import fleetSecrets from "../../secrets-mapping.ts";
import impermanence from "../core/impermanence.ts";

/** OpNix (v0.11, nix/module.nix) fetches secrets in `systemd.services.opnix-secrets`. */
const opnixUnit = "opnix-secrets.service";

/** The `services.onepassword-secrets.secrets` entry of a secret OpNix delivers. */
function opnixSecret(entry: SecretEntry) {
  return { reference: entry.reference, path: entry.path, owner: entry.owner, group: entry.group, mode: entry.mode, services: [...entry.services] };
}

export default defineModule(({ config, host }) => {
  const cfg = config.panther.security.secrets;
  const fetched = () => (cfg.mapping as SecretsMapping).forHost(cfg.host).filter((e) => e.delivery === "opnix");
  return {
    // Declares panther.impermanence: the token and what OpNix wrote survive a reboot.
    imports: [impermanence],
    options: {
      panther: {
        security: {
          secrets: {
            enable: mkOption({
              type: types.bool,
              default: false,
              description: "Fetch this host's secrets from 1Password at boot with OpNix, as secrets-mapping.ts lists them.",
            }),
            mapping: mkOption({
              type: secretsMappingType,
              default: fleetSecrets,
              defaultText: "the mapping of secrets-mapping.ts",
              description: "The secrets mapping (defineSecrets) whose entries for this host are declared.",
            }),
            host: mkOption({
              type: types.str,
              default: host?.name ?? config.networking.hostName,
              defaultText: "the host's name in flake.ts",
              description: "The name under which the mapping's `hosts` lists this machine.",
            }),
            tokenFile: mkOption({
              type: types.str,
              default: "/etc/opnix-token",
              description: "Where OpNix reads its service-account token; `panther secrets materialize` writes it there at install.",
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      panther: { impermanence: { files: [cfg.tokenFile], directories: ["/var/lib/opnix"] } },
      services: {
        "onepassword-secrets": {
          enable: true,
          tokenFile: cfg.tokenFile,
          secrets: Object.fromEntries(fetched().map((e) => [e.attrName, opnixSecret(e)])),
        },
      },
      // OpNix orders these too while its systemdIntegration is on; stated here so it holds regardless.
      systemd: {
        services: Object.fromEntries(
          [...new Set(fetched().flatMap((e) => e.services))].sort().map((unit) => [unit, { after: [opnixUnit], wants: [opnixUnit] }]),
        ),
      },
    }),
  };
});
