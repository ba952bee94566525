// The server profile: what every fleet server runs, each piece a default the host can turn off.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";
import { secret } from "../../secrets-mapping.ts";

export default defineModule(({ config }) => ({
  options: {
    panther: { profiles: { server: { enable: mkOption({ type: types.bool, default: false, description: "Run the host as a fleet server (SSH, tailnet, firewall, hardening, metrics, serial console)." }) } } },
  },
  config: mkIf(config.panther.profiles.server.enable, {
    panther: {
      services: { ssh: { enable: mkDefault(true) } },
      networking: {
        server: { enable: mkDefault(true) },
        tailscale: { enable: mkDefault(true), tags: mkDefault(["server"]), authKeyFile: mkDefault(secret("tailscale-auth-key")) },
      },
      security: { hardening: { enable: mkDefault(true) }, fail2ban: { enable: mkDefault(true) }, secrets: { enable: mkDefault(true) } },
      monitoring: { exporter: { enable: mkDefault(true) } },
      boot: { serialConsole: { enable: mkDefault(true) } },
      // Servers have no /home subvolume: keep the users' work, config and shell history across reboots.
      impermanence: {
        users: Object.fromEntries(Object.keys(config.panther.users ?? {}).map((name) => [name, { directories: ["dev", ".config", ".local/share"] }])),
      },
    },
    // Servers have no /home subvolume: keep the users' own work and shell history across reboots.
    services: { journald: { extraConfig: mkDefault("SystemMaxUse=1G") } },
    // A server has no one reading local manuals; the NixOS manual alone is a large build.
    documentation: { nixos: { enable: mkDefault(false) } },
    zramSwap: { enable: mkDefault(true), memoryPercent: mkDefault(25) },
  }),
}));
