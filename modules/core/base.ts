// Base system for every host: locale, time, and a state version. Users come from flake.ts
// `users` (docs/users-and-home.md).
import { defineModule, mkDefault } from "panther";

export default defineModule({
  config: {
    time: { timeZone: mkDefault("UTC") },
    i18n: { defaultLocale: mkDefault("en_US.UTF-8") },
    system: { stateVersion: mkDefault("25.05") },
  },
});
