// Interactive shell for a user: fish with the starship prompt, zoxide (`z`), fzf key bindings, and
// direnv with nix-direnv (cached `use flake`). A home-manager module (inside home-manager.users.<name>).
import { defineHomeModule, mkIf, mkOption, types } from "panther";

const toggle = (what: string) => mkOption({ type: types.bool, default: true, description: `Whether to enable ${what} (when the shell module is on).` });

export default defineHomeModule(({ config }) => {
  const cfg = config.panther.shell;
  return {
    options: {
      panther: {
        shell: {
          enable: mkOption({ type: types.bool, default: false, description: "Whether to set up fish as the interactive shell, with the tools below." }),
          starship: toggle("the starship prompt"),
          zoxide: toggle("zoxide, a `cd` that learns (`z <part of a path>`)"),
          fzf: toggle("fzf and its key bindings (Ctrl-R history, Ctrl-T files)"),
          direnv: toggle("direnv with nix-direnv, which loads a project's `.envrc` (`use flake`) on `cd`"),
          abbreviations: mkOption({
            type: types.attrsOf(types.str),
            default: { g: "git", gs: "git status", gd: "git diff", gl: "git log --oneline --graph" },
            description: "fish abbreviations: typed short, expanded in place.",
          }),
        },
      },
    },
    // Each tool's fish integration is on by default in home-manager (home.shell.enableFishIntegration).
    config: mkIf(cfg.enable, {
      programs: {
        fish: { enable: true, interactiveShellInit: "set -g fish_greeting", shellAbbrs: cfg.abbreviations },
        starship: { enable: cfg.starship },
        zoxide: { enable: cfg.zoxide },
        fzf: { enable: cfg.fzf },
        direnv: { enable: cfg.direnv, silent: true, "nix-direnv": { enable: cfg.direnv } },
      },
    }),
  };
});
