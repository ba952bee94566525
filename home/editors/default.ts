// Editors for a user: neovim and helix, one of them the default ($EDITOR and $VISUAL).
import { defineHomeModule, mkIf, mkOption, types } from "panther";

export default defineHomeModule(({ config }) => {
  const cfg = config.panther.editors;
  return {
    options: {
      panther: {
        editors: {
          enable: mkOption({ type: types.bool, default: false, description: "Whether to install the editors below." }),
          neovim: mkOption({ type: types.bool, default: true, description: "Whether to install neovim (also as `vi` and `vim`)." }),
          helix: mkOption({ type: types.bool, default: true, description: "Whether to install helix (`hx`)." }),
          default: mkOption({
            type: types.enum(["neovim", "helix"]),
            default: "neovim",
            description: "The editor in $EDITOR; it is installed even if its switch above is off.",
          }),
        },
      },
    },
    config: mkIf(cfg.enable, {
      programs: {
        neovim: { enable: cfg.neovim || cfg.default === "neovim", defaultEditor: cfg.default === "neovim", viAlias: true, vimAlias: true },
        helix: {
          enable: cfg.helix || cfg.default === "helix",
          defaultEditor: cfg.default === "helix",
          settings: { editor: { "line-number": "relative", "cursorline": true } },
        },
      },
    }),
  };
});
