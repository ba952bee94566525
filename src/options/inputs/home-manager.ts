// home-manager's NixOS module (nix-community/home-manager, nixos/common.nix): `home-manager.*`.
// A user's configuration is for now a free-form attribute set that merges per key as Nix merges
// a submodule (mkIf, mkForce, mkDefault at any depth), not yet checked against home-manager's options.

import type { Module } from "../../core/module.ts";
import { types } from "../../core/types/index.ts";
import { opt } from "./declare.ts";

const file = "<home-manager/nixos/common.nix>";

/** One user's home-manager configuration: a module (an attribute set or a function). */
const homeManagerUser = types.submodule({ file, freeformType: types.attrsOf(types.anything) }, "Home Manager module");

const enableOption = (what: string) => opt({ type: types.bool, default: false, example: true, description: `Whether to enable ${what}.` });

/** The options of home-manager's NixOS module (`home-manager.nixosModules.home-manager`). */
export const homeManagerOptions: Module = {
  file,
  key: "panther:inputs:home-manager",
  options: {
    "home-manager": {
      useUserPackages: enableOption("installation of user packages through the users.users.<name>.packages option"),
      useGlobalPkgs: enableOption("using the system configuration's `pkgs` argument in Home Manager (disables the Home Manager options nixpkgs.*)"),
      backupCommand: opt({
        type: types.nullOr(types.either(types.str, types.path)),
        default: null,
        description: "On activation run this command on each existing file rather than exiting with an error.",
      }),
      backupFileExtension: opt({
        type: types.nullOr(types.str),
        default: null,
        example: "backup",
        description: "On activation move existing files by appending the given file extension rather than exiting with an error.",
      }),
      overwriteBackup: enableOption("forced overwriting of existing backup files when using `backupFileExtension`"),
      extraSpecialArgs: opt({ type: types.attrs, default: {}, description: "Extra `specialArgs` passed to Home Manager (arguments of all its modules)." }),
      sharedModules: opt({ type: types.listOf(types.raw), default: [], description: "Extra modules added to all users." }),
      verbose: enableOption("verbose output on activation"),
      enableLegacyProfileManagement: opt({
        type: types.bool,
        default: false,
        description: "Whether to enable legacy profile management during activation (a per-user home-manager Nix profile).",
      }),
      users: opt({
        type: types.attrsOf(homeManagerUser),
        default: {},
        description: "Per-user Home Manager configuration (home.stateVersion, programs.*, home.packages, …).",
      }),
    },
  },
};
