// Git for a user: delta as the pager, sensible defaults, commit signing optional (SSH or OpenPGP).
// The user's name and email are per-user settings: `programs.git.userName` / `userEmail`.
import { defineHomeModule, mkIf, mkOption, types } from "panther";

export default defineHomeModule(({ config }) => {
  const cfg = config.panther.git;
  return {
    options: {
      panther: {
        git: {
          enable: mkOption({ type: types.bool, default: false, description: "Whether to configure git, with delta as its diff pager." }),
          signing: {
            enable: mkOption({ type: types.bool, default: false, description: "Whether to sign every commit and tag." }),
            format: mkOption({ type: types.enum(["ssh", "openpgp"]), default: "ssh", description: "How to sign: with an SSH key or with OpenPGP (GnuPG)." }),
            key: mkOption({
              type: types.nullOr(types.str),
              default: null,
              example: "~/.ssh/id_ed25519.pub",
              description: "The signing key: an SSH public key (file) for `ssh`, a key id for `openpgp`; null lets git choose.",
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      programs: {
        git: {
          enable: true,
          delta: { enable: true, options: { navigate: true, "line-numbers": true } },
          ignores: [".direnv/", "result", "result-*"],
          extraConfig: { init: { defaultBranch: "main" }, pull: { rebase: true }, push: { autoSetupRemote: true } },
          signing: mkIf(cfg.signing.enable, { signByDefault: true, format: cfg.signing.format, key: cfg.signing.key }),
        },
      },
    }),
  };
});
