// Base system for every host: locale, time, an admin user, and a state version.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";

export default defineModule(({ config }) => ({
  options: {
    panther: {
      admin: {
        name: mkOption({ type: types.str, default: "panther", description: "Login name of the fleet administrator." }),
        sshKeys: mkOption({ type: types.listOf(types.str), default: [], description: "SSH public keys allowed to log in as the administrator." }),
      },
    },
  },
  config: {
    time: { timeZone: mkDefault("UTC") },
    i18n: { defaultLocale: mkDefault("en_US.UTF-8") },
    users: {
      mutableUsers: false,
      users: {
        [config.panther.admin.name]: {
          isNormalUser: true,
          extraGroups: ["wheel"],
          openssh: { authorizedKeys: { keys: config.panther.admin.sshKeys } },
        },
      },
    },
    security: { sudo: { wheelNeedsPassword: mkIf(config.panther.admin.sshKeys.length > 0, false) } },
    system: { stateVersion: mkDefault("25.05") },
  },
}));
