// fail2ban for public servers: bans addresses that keep failing SSH logins, never the tailnet.
import { defineModule, mkIf, mkOption, types } from "panther";
import impermanence from "../core/impermanence.ts";

export default defineModule(({ config }) => {
  const cfg = config.panther.security.fail2ban;
  return {
    // Declares panther.impermanence, where this module's state is persisted.
    imports: [impermanence],
    options: {
      panther: {
        security: {
          fail2ban: {
            enable: mkOption({ type: types.bool, default: false, description: "Ban addresses with repeated failed logins." }),
            maxRetry: mkOption({ type: types.ints.positive, default: 5, description: "Failures before a ban." }),
            banTime: mkOption({ type: types.str, default: "1h", description: "How long a first ban lasts (bans grow for repeat offenders)." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      panther: { impermanence: { directories: ["/var/lib/fail2ban"] } },
      services: {
        fail2ban: {
          enable: true,
          maxretry: cfg.maxRetry,
          bantime: cfg.banTime,
          "bantime-increment": { enable: true, maxtime: "1w" },
          // The tailnet (CGNAT range) and loopback are never banned.
          ignoreIP: ["127.0.0.0/8", "::1", "100.64.0.0/10"],
        },
      },
    }),
  };
});
