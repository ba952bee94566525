// Terminal for a user's desktop: a terminal emulator (ghostty or alacritty) and the multiplexers
// zellij and tmux.
import { defineHomeModule, mkIf, mkOption, types } from "panther";

export default defineHomeModule(({ config }) => {
  const cfg = config.panther.terminal;
  return {
    options: {
      panther: {
        terminal: {
          enable: mkOption({ type: types.bool, default: false, description: "Whether to install a terminal emulator and multiplexers." }),
          emulator: mkOption({
            type: types.enum(["ghostty", "alacritty", "none"]),
            default: "ghostty",
            description: "The terminal emulator (`none` on machines without a display).",
          }),
          zellij: mkOption({ type: types.bool, default: true, description: "Whether to install zellij (started by hand: `zellij`)." }),
          tmux: mkOption({ type: types.bool, default: true, description: "Whether to install tmux, with mouse support, windows from 1 and a long history." }),
        },
      },
    },
    config: mkIf(cfg.enable, {
      programs: {
        ghostty: mkIf(cfg.emulator === "ghostty", { enable: true }),
        alacritty: mkIf(cfg.emulator === "alacritty", { enable: true }),
        // home-manager's fish integration for zellij starts zellij in every new shell: not wanted.
        zellij: mkIf(cfg.zellij, { enable: true, enableFishIntegration: false }),
        tmux: mkIf(cfg.tmux, { enable: true, mouse: true, baseIndex: 1, escapeTime: 10, historyLimit: 50000, terminal: "tmux-256color" }),
      },
    }),
  };
});
