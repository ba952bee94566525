// The laptop profile: a Wayland desktop with the fleet's applications and development setup,
// Wi-Fi, the tailnet, and SSH reachable over the tailnet only.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";
import { secret } from "../../secrets-mapping.ts";

export default defineModule(({ config }) => ({
  options: {
    panther: { profiles: { laptop: { enable: mkOption({ type: types.bool, default: false, description: "Run the host as a fleet laptop (desktop, Wi-Fi, development, tailnet)." }) } } },
  },
  config: mkIf(config.panther.profiles.laptop.enable, {
    panther: {
      desktop: { enable: mkDefault(true), apps: { enable: mkDefault(true) } },
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
