// home-manager's NixOS module (nix-community/home-manager, nixos/common.nix): `home-manager.*`.
// Each user's configuration is a module evaluation against home-manager's own options (lazy).

import type { Module, ModuleArgs } from "../../core/module.ts";
import { mkOption } from "../../core/options.ts";
import { types } from "../../core/types/index.ts";
import { upstreamDeclarations } from "../upstream.ts";
import { opt } from "./declare.ts";

const file = "<home-manager/nixos/common.nix>";

/**
 * What home-manager's NixOS module gives every user: `home.username` and `home.homeDirectory`
 * come from `users.users.<name>` (panther takes NixOS' `/home/<name>` for the directory). They are
 * declared here as defaults, so that modules may read them and nothing is emitted: NixOS fills them.
 */
const filledByNixos = ({ name }: ModuleArgs): Module => ({
  file,
  options: {
    home: {
      username: mkOption({ type: types.str, default: name, external: true }),
      homeDirectory: mkOption({ type: types.path, default: `/home/${name}`, external: true }),
    },
  },
});

/**
 * One user's home-manager configuration: a module (an attribute set with `imports`, `options`,
 * `config`, or a function) checked against home-manager's options. Its modules receive the host's
 * configuration as `osConfig`, as in home-manager.
 */
export function homeManagerUser(osConfig: unknown) {
  return types.submoduleWith({
    modules: [filledByNixos],
    specialArgs: { osConfig },
    shorthandOnlyDefinesConfig: false,
    lazyDeclarations: upstreamDeclarations("home-manager"),
    description: "Home Manager module",
  });
}

const enableOption = (what: string) => opt({ type: types.bool, default: false, example: true, description: `Whether to enable ${what}.` });

/** The options of home-manager's NixOS module (`home-manager.nixosModules.home-manager`). */
export const homeManagerOptions = ({ config }: ModuleArgs): Module => ({
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
        type: types.attrsOf(homeManagerUser(config)),
        default: {},
        description: "Per-user Home Manager configuration (home.stateVersion, programs.*, home.packages, …).",
      }),
    },
  },
});
