// The laptop profile: a Wayland desktop with the fleet's applications and development setup,
// Wi-Fi, the tailnet, and SSH reachable over the tailnet only.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";
import { secret } from "../../secrets-mapping.ts";

const admins = (users: Record<string, { admin: boolean }>) =>
  Object.entries(users)
    .filter(([, user]) => user.admin)
    .map(([name]) => name)
    .sort();

export default defineModule(({ config }) => ({
  options: {
    panther: { profiles: { laptop: { enable: mkOption({ type: types.bool, default: false, description: "Run the host as a fleet laptop (desktop, Wi-Fi, development, tailnet)." }) } } },
  },
  config: mkIf(config.panther.profiles.laptop.enable, {
    panther: {
      desktop: {
        enable: mkDefault(true),
        // The fleet's administrators may unlock the 1Password CLI through the desktop app.
        apps: { enable: mkDefault(true), onePasswordUsers: mkDefault(admins(config.panther.users ?? {})) },
      },
      development: { enable: mkDefault(true) },
      networking: { wireless: { enable: mkDefault(true) }, tailscale: { enable: mkDefault(true), authKeyFile: mkDefault(secret("tailscale-auth-key")) } },
      services: { ssh: { enable: mkDefault(true), openFirewall: mkDefault(false) } },
      security: { hardening: { enable: mkDefault(true) }, secrets: { enable: mkDefault(true) } },
      monitoring: { exporter: { enable: mkDefault(true) } },
    },
    services: { fwupd: { enable: mkDefault(true) } },
    zramSwap: { enable: mkDefault(true) },
  }),
}));
