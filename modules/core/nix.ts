// Nix itself: flakes, weekly garbage collection and store optimisation, and the fleet's binary
// caches (the Attic cache on hetzner-vps next to cache.nixos.org).
import { defineModule, mkOption, types } from "panther";

export default defineModule(({ config }) => {
  const cfg = config.panther.core.nix;
  return {
    options: {
      panther: {
        core: {
          nix: {
            keepGenerationsFor: mkOption({ type: types.strMatching("[0-9]+d"), default: "14d", description: "Garbage-collect system generations older than this." }),
            substituters: mkOption({ type: types.listOf(types.str), default: [], example: ["https://attic.example.org/fleet"], description: "Binary caches besides cache.nixos.org." }),
            trustedPublicKeys: mkOption({ type: types.listOf(types.str), default: [], description: "Signing keys of those caches." }),
          },
        },
      },
    },
    config: {
      nix: {
        settings: {
          "experimental-features": ["nix-command", "flakes"],
          "trusted-users": ["root", "@wheel"],
          "auto-optimise-store": true,
          substituters: cfg.substituters,
          "trusted-public-keys": cfg.trustedPublicKeys,
        },
        gc: { automatic: true, dates: "weekly", options: `--delete-older-than ${cfg.keepGenerationsFor}` },
        optimise: { automatic: true, dates: ["weekly"] },
      },
    },
  };
});
