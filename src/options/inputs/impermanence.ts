// impermanence (nix-community/impermanence, nixos.nix and submodule-options.nix at 7b1d382, the
// "v2" rewrite): `environment.persistence.<path>`. Directory and file entries are strings or
// records kept as written, since their defaults come from context NixOS has (users' groups).

import type { Module, ModuleArgs } from "../../core/module.ts";
import { types } from "../../core/types/index.ts";
import { opt, removedOption } from "./declare.ts";
import { recordType } from "./record.ts";

const file = "<impermanence/submodule-options.nix>";

const permissions = {
  user: { type: types.str },
  group: { type: types.nullOr(types.str) },
  /** Octal ("0700") or symbolic ("u=rwx,g=rx,o="). */
  mode: { type: types.str },
};

const directoryEntry = recordType({
  noun: "impermanence directory",
  fields: {
    directory: { type: types.str, required: true },
    ...permissions,
    hideMount: { type: types.bool },
    allowTrash: { type: types.bool },
    persistentStoragePath: { type: types.path },
  },
  removed: {
    method: "As real bind mounts are now used instead of bindfs, changing the directory linking method is deprecated.",
  },
});

const fileEntry = recordType({
  noun: "impermanence file",
  fields: {
    file: { type: types.str, required: true },
    parentDirectory: { type: recordType({ noun: "impermanence parent directory", fields: permissions }) },
    method: { type: types.enum(["auto", "symlink"]) },
    persistentStoragePath: { type: types.path },
  },
});

const entries = {
  files: opt({
    type: types.listOf(types.either(types.str, fileEntry)),
    default: [],
    example: ["/etc/machine-id", { file: "/etc/nix/id_rsa", parentDirectory: { mode: "u=rwx,g=,o=" } }],
    description: 'Files that should be stored in persistent storage: a path, or { file; parentDirectory = { user; group; mode; }; method = "auto" | "symlink"; }',
  }),
  directories: opt({
    type: types.listOf(types.either(types.str, directoryEntry)),
    default: [],
    example: ["/var/log", "/var/lib/nixos", { directory: "/var/lib/colord", user: "colord", group: "colord", mode: "u=rwx,g=rx,o=" }],
    description: "Directories to bind mount to persistent storage: a path, or { directory; user; group; mode; } (owner root:root and mode 0755 by default)",
  }),
};

const userPersistence: Module = {
  file,
  options: {
    ...entries,
    home: removedOption("The home directory is now automatically deduced, rendering this option useless."),
  },
};

const persistentStorage = ({ name }: ModuleArgs): object => ({
  file,
  options: {
    ...entries,
    enable: opt({ type: types.bool, default: true, description: "Whether to enable this persistent storage location." }),
    persistentStoragePath: opt({ type: types.path, default: name, description: "The path to persistent storage where the real files and directories should be stored (default: the attribute name)" }),
    hideMounts: opt({ type: types.bool, default: false, description: "Whether to hide bind mounts from showing up as mounted drives (x-gvfs-hide)." }),
    allowTrash: opt({ type: types.bool, default: false, description: "Whether to allow newer GIO-based applications to trash files (x-gvfs-trash)." }),
    enableWarnings: opt({ type: types.bool, default: true, description: "Enable non-critical warnings." }),
    enableDebugging: opt({ type: types.bool, default: false, internal: true, description: "Enable debug trace output when running scripts." }),
    users: opt({
      type: types.attrsOf(types.submodule(userPersistence)),
      default: {},
      description: "Per user: files and directories relative to the user's home directory (owned by the user by default)",
    }),
    allowOther: removedOption("As real bind mounts are now used instead of bindfs, `allowOther' is no longer needed."),
    removePrefixDirectory: removedOption(
      "The use of prefix directories is deprecated and the functionality has been removed. If you depend on this functionality, use the `home-manager-v1' branch.",
    ),
    defaultDirectoryMethod: removedOption("As real bind mounts are now used instead of bindfs, changing the default directory linking method is deprecated."),
  },
});

/** The options of impermanence's NixOS module (`impermanence.nixosModules.impermanence`). */
export const impermanenceOptions: Module = {
  file: "<impermanence/nixos.nix>",
  key: "panther:inputs:impermanence",
  options: {
    environment: {
      persistence: opt({
        type: types.attrsOf(types.submodule(persistentStorage)),
        default: {},
        description:
          'Persistent storage locations, keyed by their path (e.g. "/persist"), listing the files and directories to link there. Each path must be on a filesystem with neededForBoot = true.',
      }),
    },
  },
};
