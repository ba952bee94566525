// Desktop applications: a browser, the 1Password app (with its CLI integration allowed for the
// host's administrators), and a few everyday tools.
import { defineModule, mkIf, mkOption, pkgs, types } from "panther";

export default defineModule(({ config }) => {
  const cfg = config.panther.desktop.apps;
  return {
    options: {
      panther: {
        desktop: {
          apps: {
            enable: mkOption({ type: types.bool, default: false, description: "Install the fleet's desktop applications." }),
            onePasswordUsers: mkOption({ type: types.listOf(types.str), default: [], description: "Users allowed to unlock the 1Password CLI through the desktop app (polkit)." }),
            extraPackages: mkOption({ type: types.listOf(types.package), default: [], description: "More applications for this host." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      programs: {
        firefox: { enable: true },
        _1password: { enable: true },
        "_1password-gui": { enable: true, polkitPolicyOwners: cfg.onePasswordUsers },
      },
      environment: { systemPackages: [pkgs.ghostty, pkgs.mpv, pkgs.imv, pkgs["wl-clipboard"], ...cfg.extraPackages] },
    }),
  };
});
