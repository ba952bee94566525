// A development workstation: nix-ld so prebuilt toolchains (language servers, VS Code
// extensions) run, direnv with nix-direnv for per-project shells, and the everyday CLI tools.
// Language toolchains are per user (home/development); AI coding tools are a separate switch.
import { defineModule, mkIf, mkOption, nixRaw, pkgs, types } from "panther";

const aiTools = ["claude-code", "aider-chat", "gemini-cli"];

export default defineModule(({ config }) => {
  const cfg = config.panther.development;
  return {
    options: {
      panther: {
        development: {
          enable: mkOption({ type: types.bool, default: false, description: "Set the host up for software development." }),
          ai: mkOption({ type: types.bool, default: false, description: "Install AI coding assistants (Claude Code, Aider, Gemini CLI); Claude Code is unfree and allowed by name." }),
        },
      },
    },
    config: mkIf(cfg.enable, {
      programs: {
        "nix-ld": { enable: true },
        direnv: { enable: true, "nix-direnv": { enable: true } },
      },
      environment: {
        systemPackages: [pkgs.git, pkgs.gh, pkgs.jq, pkgs.ripgrep, pkgs.fd, pkgs.just, pkgs.nixd, pkgs.nixfmt, ...(cfg.ai ? aiTools.map((name) => pkgs[name]) : [])],
      },
      nixpkgs: mkIf(cfg.ai, {
        config: { allowUnfreePredicate: nixRaw(`pkg: builtins.elem (lib.getName pkg) [ "claude-code" ]`) },
      }),
    }),
  };
});
