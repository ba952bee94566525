// Impermanence: the root btrfs subvolume is restored from a blank snapshot at every boot (a systemd
// initrd service), and the state that must survive is bind-mounted from /persist by impermanence.
import { defineModule, escapeSystemdPath, escapeSystemdString, mkDefault, mkIf, mkOption, pkgs, types } from "panther";
// The disks stage's reading of disko.devices: the same mounts disko's NixOS module will define.
import { diskoContributions, type DiskoContributions } from "../../src/disks/contributions.ts";

// ---------------------------------------------------------------- what a module may persist

const permissions = {
  user: mkOption({ type: types.nullOr(types.str), default: null, description: "Owner when impermanence creates it (root, or the user for users.<name>)." }),
  group: mkOption({ type: types.nullOr(types.str), default: null, description: "Group when impermanence creates it (root, or the user's group)." }),
  mode: mkOption({ type: types.nullOr(types.str), default: null, description: 'Mode when impermanence creates it, octal ("0700") or symbolic ("u=rwx,g=,o="); "0755" by default.' }),
};

const directoryEntry = types.either(
  types.str,
  types.submodule({ options: { directory: mkOption({ type: types.str, description: "The directory's path." }), ...permissions } }),
);

const fileEntry = types.either(
  types.str,
  types.submodule({
    options: {
      file: mkOption({ type: types.str, description: "The file's path." }),
      parentDirectory: mkOption({
        type: types.nullOr(types.submodule({ options: permissions })),
        default: null,
        description: "Owner and mode of the file's parent directory when impermanence creates it.",
      }),
      method: mkOption({
        type: types.nullOr(types.enum(["auto", "symlink"])),
        default: null,
        description: 'How the file is linked: "auto" (a bind mount, or a symlink while the file does not exist yet) or "symlink".',
      }),
    },
  }),
);

const entries = (what: string) => ({
  directories: mkOption({
    type: types.listOf(directoryEntry),
    default: [],
    description: `Directories ${what} that survive reboots: a path, or { directory; user; group; mode; }.`,
  }),
  files: mkOption({
    type: types.listOf(fileEntry),
    default: [],
    description: `Files ${what} that survive reboots: a path, or { file; parentDirectory; method; }.`,
  }),
});

/** The path of a directory or file entry. */
const entryPath = (entry: unknown): string =>
  typeof entry === "string" ? entry : String((entry as Record<string, unknown>).directory ?? (entry as Record<string, unknown>).file);

/** An entry with its unset (null) fields left out: impermanence's records take no nulls. */
type Written<E> = E extends object ? { [K in keyof E]?: Written<Exclude<E[K], null>> } : E;

/** An entry as impermanence takes it: a path, or a record with only the fields that were set. */
function written<E>(entry: E): Written<E> {
  if (typeof entry !== "object" || entry === null) return entry as Written<E>;
  const fields = Object.entries(entry as Record<string, unknown>).filter(([, v]) => v !== null);
  return Object.fromEntries(fields.map(([k, v]) => [k, written(v)])) as Written<E>;
}

// ---------------------------------------------------------------- the disk layout

/** What disko's module will contribute, or nothing when the host has no disko layout. */
function layout(devices: unknown): DiskoContributions | null {
  return devices && typeof devices === "object" ? diskoContributions(devices as Record<string, any>) : null;
}

/** The btrfs filesystem one of whose subvolumes is mounted at `/`. */
function rootBtrfs(disko: DiskoContributions | null) {
  return disko?.btrfs.find((fs) => fs.subvolumes.some((s) => s.mountpoint === "/")) ?? null;
}

/** The mountpoint a path lives on: the longest mountpoint that is the path or one of its parents. */
function mountOf(path: string, mountpoints: readonly string[]): string | null {
  const under = (mp: string) => mp === "/" || path === mp || path.startsWith(`${mp}/`);
  return mountpoints.filter(under).sort((a, b) => b.length - a.length)[0] ?? null;
}

/** `'text'` for a POSIX shell. */
const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The initrd script: mount the btrfs top level, delete the root subvolume, restore it from the blank snapshot. */
function rollbackScript(device: string, root: string, blank: string): string {
  const top = "/btrfs_tmp";
  const [dev, rootPath, blankPath] = [device, `${top}/${root}`, `${top}/${blank}`].map(shellQuote);
  return [
    `mkdir -p ${top}`,
    `mount -t btrfs -o subvol=/ ${dev} ${top}`,
    `if [[ ! -e ${blankPath} ]]; then`,
    `  echo ${shellQuote(`rollback: no blank snapshot ${blank} on ${device}: keeping ${root} as it is`)} >&2`,
    `  umount ${top}`,
    `  exit 1`,
    `fi`,
    // Subvolumes nested in the root (systemd-nspawn's /var/lib/machines, …) first: a subvolume
    // with children cannot be deleted.
    `delete_subvolume_recursively() {`,
    `  IFS=$'\\n'`,
    `  for i in $(btrfs subvolume list -o "$1" | cut -f 9- -d ' '); do`,
    `    delete_subvolume_recursively "${top}/$i"`,
    `  done`,
    `  btrfs subvolume delete "$1"`,
    `}`,
    `if [[ -e ${rootPath} ]]; then`,
    `  delete_subvolume_recursively ${rootPath}`,
    `fi`,
    `btrfs subvolume snapshot ${blankPath} ${rootPath}`,
    `umount ${top}`,
    ``,
  ].join("\n");
}

// ---------------------------------------------------------------- the module

/** State every impermanent NixOS host keeps: users' ids, systemd's state, the machine id, SSH host keys. */
const baseDirectories = ["/var/lib/nixos", "/var/lib/systemd"];
const baseFiles = [
  "/etc/machine-id",
  "/etc/ssh/ssh_host_ed25519_key",
  "/etc/ssh/ssh_host_ed25519_key.pub",
  "/etc/ssh/ssh_host_rsa_key",
  "/etc/ssh/ssh_host_rsa_key.pub",
];

/**
 * What the disk layout implies: the root device, and /var/log persisted unless it has its own
 * subvolume. A module of its own because panther evaluates a module's whole result at once: the
 * main module reads these options, so it cannot also define them.
 */
const derived = defineModule(({ config }) => {
  const disko = layout((config as any).disko?.devices);
  const logOwnMount = disko?.mounts.some((m) => m.mountpoint === "/var/log") ?? false;
  return {
    panther: {
      impermanence: {
        device: mkDefault(rootBtrfs(disko)?.device ?? null),
        directories: [...baseDirectories, ...(logOwnMount ? [] : ["/var/log"])],
        files: baseFiles,
      },
    },
  };
});

export default defineModule(({ config }) => {
  const cfg = config.panther.impermanence;
  const disko = () => layout((config as any).disko?.devices);
  const mountpoints = () => disko()?.mounts.map((m) => m.mountpoint) ?? [];
  const device = () => cfg.device as string | null;
  /** The LUKS volume the root device is, when it is one disko opens. */
  const luks = () => disko()?.luks.find((l) => l.mapperDevice === device())?.name ?? null;
  /** A user's home: users.users.<name>.home when a module sets it, else NixOS' default for a normal user. */
  const homeOf = (name: string): string => {
    const home = (config as any).users?.users?.[name]?.home;
    return typeof home === "string" && home !== "/var/empty" ? home : name === "root" ? "/root" : `/home/${name}`;
  };
  /**
   * Mountpoints holding persisted state, which must be mounted in the initrd: the persistent
   * storage's, /var/log's, and those under which something is persisted (/home for users' files).
   */
  const neededForBoot = () => {
    const all = mountpoints();
    const homes = Object.keys(cfg.users).map(homeOf);
    const persisted = [...(cfg.directories as unknown[]), ...(cfg.files as unknown[])].map(entryPath).concat(homes);
    const parents = all.filter((mp) => persisted.some((p) => p.startsWith(`${mp}/`)));
    const holders = [mountOf(cfg.persistPath, all), all.includes("/var/log") ? "/var/log" : null, ...parents];
    return [...new Set(holders.filter((mp): mp is string => mp !== null && mp !== "/"))].sort();
  };
  const unitDevice = () => `${escapeSystemdPath(device() ?? "/")}.device`;

  return {
    imports: [derived],
    options: {
      panther: {
        impermanence: {
          enable: mkOption({
            type: types.bool,
            default: false,
            description: "Wipe the root filesystem at every boot: restore the root btrfs subvolume from its blank snapshot, and keep only what is persisted.",
          }),
          persistPath: mkOption({
            type: types.path,
            default: "/persist",
            description: "Where persisted state lives; must be a filesystem of its own in the disk layout (the persist subvolume).",
          }),
          rootSubvolume: mkOption({ type: types.str, default: "root", description: "The btrfs subvolume mounted at `/`, deleted at every boot." }),
          blankSnapshot: mkOption({
            type: types.str,
            default: "root-blank",
            description: "The read-only snapshot of the empty root subvolume, taken when disko formats the disk, from which the root is restored.",
          }),
          device: mkOption({
            type: types.nullOr(types.str),
            default: null,
            description:
              "The block device holding the root btrfs filesystem. Derived from disko.devices: the btrfs content whose subvolume mounts `/` (/dev/mapper/<name> when it is inside LUKS).",
            example: "/dev/mapper/cryptroot",
          }),
          ...entries("of the system"),
          users: mkOption({
            type: types.attrsOf(types.submodule({ options: entries("in the user's home directory (paths relative to it)") })),
            default: {},
            description: "Per user: directories and files in the home directory that survive reboots, relative to the home directory.",
            example: { alice: { directories: [".ssh", "Documents"], files: [".bash_history"] } },
          }),
        },
      },
    },
    config: {
      environment: mkIf(cfg.enable, {
        persistence: {
          [cfg.persistPath]: {
            hideMounts: true,
            directories: cfg.directories.map(written),
            files: cfg.files.map(written),
            users: Object.fromEntries(
              Object.entries(cfg.users).map(([name, u]) => [name, { directories: u.directories.map(written), files: u.files.map(written) }]),
            ),
          },
        },
      }),
      boot: mkIf(cfg.enable, {
        initrd: {
          systemd: {
            enable: true,
            initrdBin: [pkgs["btrfs-progs"]],
            services: {
              "rollback-root": {
                description: `Restore the root subvolume ${cfg.rootSubvolume} from its blank snapshot ${cfg.blankSnapshot}`,
                unitConfig: { DefaultDependencies: false },
                serviceConfig: { Type: "oneshot" },
                // wantedBy, not requiredBy: if the rollback fails the host still boots (with last boot's root).
                wantedBy: ["initrd.target"],
                before: ["sysroot.mount"],
                requires: [unitDevice()],
                // local-fs-pre.target: after hibernation resume, which must find the root as it was.
                after: [unitDevice(), ...(luks() === null ? [] : [`systemd-cryptsetup@${escapeSystemdString(luks()!)}.service`]), "local-fs-pre.target"],
                script: rollbackScript(device() ?? "", cfg.rootSubvolume, cfg.blankSnapshot),
              },
            },
          },
        },
      }),
      fileSystems: mkIf(cfg.enable, Object.fromEntries(neededForBoot().map((mp) => [mp, { neededForBoot: true }]))),
      assertions: [
        {
          // With a disk layout, panther's persistence checks say what is wrong with its root.
          assertion: !cfg.enable || device() !== null || disko() !== null,
          message: "panther.impermanence: no device holds the root btrfs filesystem (the host has no disko layout). Set panther.impermanence.device.",
        },
      ],
    },
  };
});
