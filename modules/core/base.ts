// Base system for every host: nix settings, locale, time, and a state version. Users come from
// flake.ts `users` (docs/users-and-home.md).
import { defineModule, mkDefault } from "panther";

export default defineModule({
  config: {
    nix: { settings: { "experimental-features": ["nix-command", "flakes"], "trusted-users": ["root", "@wheel"], "auto-optimise-store": true } },
    time: { timeZone: mkDefault("UTC") },
    i18n: { defaultLocale: mkDefault("en_US.UTF-8") },
    system: { stateVersion: mkDefault("25.05") },
  },
});
