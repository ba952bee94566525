// The typed disk DSL: GPT disks, partitions (ESP, BIOS boot, swap, LUKS, btrfs, plain
// filesystems) and their contents, each remembering the line that wrote it, lowered to `disko.devices`.

import { PantherError } from "../core/errors.ts";
import { captureCallerLocation, type SourceLocation } from "../core/location.ts";
import { partitionSizeProblem, swapfileSizeProblem, type PartitionSize, type SwapfileSize } from "./size.ts";

// ---------------------------------------------------------------- props

export interface FilesystemProps {
  /** The mkfs suffix: "vfat", "ext4", "xfs", "btrfs", … */
  readonly format: string;
  /** Where NixOS mounts it. @default not mounted */
  readonly mountpoint?: string;
  /** @default ["defaults"] (disko's) */
  readonly mountOptions?: readonly string[];
  /** Extra mkfs arguments. @default [] */
  readonly extraArgs?: readonly string[];
}

export interface SwapProps {
  /** Encrypt the swap with a random key at every boot (no hibernation then). @default false */
  readonly randomEncryption?: boolean;
  /** Use it as `boot.resumeDevice` (hibernation). @default false */
  readonly resumeDevice?: boolean;
  /** swapon discard policy. @default none */
  readonly discardPolicy?: "once" | "pages" | "both";
  /** 0 to 32767, higher first. @default the kernel's choice */
  readonly priority?: number;
}

export interface SwapfileProps {
  /** Size of the swap file, e.g. "16G" (at least the RAM to hibernate). */
  readonly size: SwapfileSize;
  /** File name, relative to the subvolume's mountpoint. @default "swapfile" */
  readonly path?: string;
  /** @default the kernel's choice */
  readonly priority?: number;
}

export interface SubvolumeProps {
  /** Where NixOS mounts the subvolume. @default not mounted */
  readonly mountpoint?: string;
  /** @default ["defaults"] (disko's); `subvol=<name>` is appended by disko */
  readonly mountOptions?: readonly string[];
  /** A swap file in this subvolume (`btrfs filesystem mkswapfile`), added to `swapDevices`. @default none */
  readonly swapfile?: SwapfileProps;
}

export interface BlankSnapshotProps {
  /** The subvolume to snapshot. @default "/root" */
  readonly subvolume?: string;
  /** The read-only snapshot, restored at every boot by impermanence. @default "/root-blank" */
  readonly snapshot?: string;
}

export interface BtrfsProps {
  /** mkfs.btrfs arguments. @default ["-f"] */
  readonly extraArgs?: readonly string[];
  /** Mount the top level of the filesystem here. @default not mounted */
  readonly mountpoint?: string;
  /** Options of the top-level mount. @default ["defaults"] (disko's) */
  readonly mountOptions?: readonly string[];
  /** Subvolumes by name ("/root", "/nix", …). @default none */
  readonly subvolumes?: Readonly<Record<string, SubvolumeProps>>;
  /**
   * Take a read-only snapshot of the root subvolume right after formatting (the blank-snapshot
   * convention: at every boot `/root` is restored from `/root-blank`). `true` means `/root` →
   * `/root-blank`. @default false
   */
  readonly blankSnapshot?: boolean | BlankSnapshotProps;
  /** Shell commands run after the filesystem and its subvolumes are created (before the blank snapshot). @default none */
  readonly postCreateHook?: string;
}

export interface LuksProps {
  /** The mapper name: the opened volume is /dev/mapper/<name>. */
  readonly name: string;
  /** Pass TRIM through dm-crypt (`boot.initrd.luks.devices.<name>.allowDiscards`). @default false */
  readonly allowDiscards?: boolean;
  /**
   * A file holding the passphrase while formatting (e.g. given by `nixos-anywhere
   * --disk-encryption-keys`); it need not exist at boot. @default disko asks interactively
   */
  readonly passwordFile?: string;
  /** More `boot.initrd.luks.devices.<name>` settings (crypttabExtraOpts, bypassWorkqueues, …). @default {} */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** `cryptsetup luksFormat` arguments. @default [] */
  readonly extraFormatArgs?: readonly string[];
  /** What the encrypted volume holds. */
  readonly content: Content;
}

export interface PartitionProps {
  readonly size: PartitionSize;
  /** sgdisk type code or GUID. @default disko's: "8300" (Linux), "8200" for swap */
  readonly type?: string;
  /**
   * The GPT label. @default disko's `disk-<disk>-<partition>`, which the partition's device path
   * (/dev/disk/by-partlabel/…) is made of: pin it before renaming a partition of an installed host.
   */
  readonly label?: string;
  /** Creation order, smaller first. @default disko's: 100 for EF02, 9001 for "100%", else 1000 */
  readonly priority?: number;
  /** @default none (an unformatted partition) */
  readonly content?: Content;
}

export interface EspProps {
  /** @default "1G" */
  readonly size?: PartitionSize;
  /** @default "/boot" */
  readonly mountpoint?: string;
  /** @default ["umask=0077"] (the ESP holds the boot loader's random seed: keep it private) */
  readonly mountOptions?: readonly string[];
  /** @default as for `partition` */
  readonly label?: string;
}

export interface BiosBootProps {
  /** @default "1M" */
  readonly size?: PartitionSize;
  /** @default as for `partition` */
  readonly label?: string;
}

export interface GptDiskProps {
  /**
   * The whole-disk device. Prefer /dev/disk/by-id/… on machines with several disks: /dev/nvme0n1
   * and /dev/sda are numbered in detection order, which can change between boots.
   */
  readonly device: string;
  /** Partitions by name (the name is part of the partition's label and device path). */
  readonly partitions: Readonly<Record<string, Partition>>;
  /** Size of the image disko builds for VM tests. @default "2G" (disko's) */
  readonly imageSize?: string;
}

export interface NodevProps {
  /** e.g. "tmpfs" */
  readonly fsType: string;
  /** @default ["defaults"] (disko's) */
  readonly mountOptions?: readonly string[];
}

export interface DiskLayoutProps {
  /** Disks by name (the name is part of every partition label: see docs/disks.md before renaming one). */
  readonly disks: Readonly<Record<string, GptDisk>>;
  /** Filesystems without a block device (a tmpfs), by mountpoint. @default none */
  readonly nodev?: Readonly<Record<string, NodevProps>>;
}

// ---------------------------------------------------------------- built values

const site = Symbol("panther.disks.site");

interface Built<K extends string> {
  readonly kind: K;
  /** Where the builder was called, for messages and definition locations. */
  readonly [site]: SourceLocation | undefined;
}

export interface FilesystemContent extends Built<"filesystem"> { readonly props: FilesystemProps }
export interface SwapContent extends Built<"swap"> { readonly props: SwapProps }
export interface LuksContent extends Built<"luks"> { readonly props: LuksProps }
export interface BtrfsContent extends Built<"btrfs"> { readonly props: BtrfsProps }
export type Content = FilesystemContent | SwapContent | LuksContent | BtrfsContent;
export interface Partition extends Built<"partition"> { readonly props: PartitionProps }
export interface GptDisk extends Built<"gptDisk"> { readonly props: GptDiskProps }

/** Where a built value was written. */
export function siteOf(value: Built<string>): SourceLocation | undefined {
  return value[site];
}

function built<K extends string, P>(kind: K, props: P, where: SourceLocation | undefined) {
  return { kind, props, [site]: where } as Built<K> & { readonly props: P };
}

function layoutError(where: SourceLocation | undefined, message: string): PantherError {
  return new PantherError({ code: "invalid-disk-layout", message, locations: where ? [{ ...where, role: "layout" }] : [] });
}

function absolute(where: SourceLocation | undefined, what: string, path: string | undefined): void {
  if (path !== undefined && !(typeof path === "string" && path.startsWith("/"))) {
    throw layoutError(where, `${what} ${JSON.stringify(path)} is not an absolute path.`);
  }
}

// ---------------------------------------------------------------- builders

/** A formatted partition or volume (ext4, xfs, vfat…), mounted when `mountpoint` is given. */
export function filesystem(props: FilesystemProps): FilesystemContent {
  const where = captureCallerLocation();
  absolute(where, "The mountpoint", props.mountpoint);
  if (!props.format) throw layoutError(where, "A filesystem needs a `format' (the mkfs suffix: vfat, ext4, xfs, …).");
  return built("filesystem", props, where);
}

/** A swap partition. */
export function swap(props: SwapProps = {}): SwapContent {
  return built("swap", props, captureCallerLocation());
}

/** A LUKS-encrypted volume, unlocked in the initrd, holding `content`. */
export function luks(props: LuksProps): LuksContent {
  const where = captureCallerLocation();
  if (!props.name || /[\s/]/.test(props.name)) throw layoutError(where, `${JSON.stringify(props.name)} is not a LUKS mapper name (no spaces or slashes: "cryptroot").`);
  absolute(where, "The LUKS password file", props.passwordFile);
  return built("luks", props, where);
}

/** A btrfs filesystem with subvolumes, swap files and optionally the blank root snapshot. */
export function btrfs(props: BtrfsProps): BtrfsContent {
  const where = captureCallerLocation();
  absolute(where, "The btrfs mountpoint", props.mountpoint);
  for (const [name, subvol] of Object.entries(props.subvolumes ?? {})) {
    absolute(where, `The mountpoint of subvolume ${name}`, subvol.mountpoint);
    if (subvol.swapfile) {
      const problem = swapfileSizeProblem(subvol.swapfile.size);
      if (problem) throw layoutError(where, `Swap file of subvolume ${name}: ${problem}`);
      if (subvol.mountpoint === undefined) {
        throw layoutError(where, `Subvolume ${name} has a swap file but no mountpoint: disko creates and enables swap files under the subvolume's mountpoint.`);
      }
    }
  }
  const blank = blankSnapshotOf(props);
  if (blank && !subvolumeNames(props).includes(trimSlash(blank.subvolume))) {
    throw layoutError(
      where,
      `The blank snapshot is taken of subvolume ${blank.subvolume}, which this btrfs filesystem does not have (subvolumes: ${Object.keys(props.subvolumes ?? {}).join(", ") || "none"}).`,
    );
  }
  return built("btrfs", props, where);
}

/** A GPT partition. */
export function partition(props: PartitionProps): Partition {
  const where = captureCallerLocation();
  const problem = partitionSizeProblem(props.size);
  if (problem) throw layoutError(where, `Partition size ${problem}`);
  return built("partition", props, where);
}

/** The EFI system partition: EF00, vfat, mounted at /boot with umask=0077. */
export function esp(props: EspProps = {}): Partition {
  const where = captureCallerLocation();
  const size = props.size ?? "1G";
  const problem = partitionSizeProblem(size);
  if (problem) throw layoutError(where, `ESP size ${problem}`);
  absolute(where, "The ESP mountpoint", props.mountpoint);
  const content = built("filesystem", { format: "vfat", mountpoint: props.mountpoint ?? "/boot", mountOptions: props.mountOptions ?? ["umask=0077"] }, where);
  return built("partition", { size, type: "EF00", content, ...(props.label === undefined ? {} : { label: props.label }) }, where);
}

/** The 1M BIOS boot partition (EF02) GRUB embeds itself in on GPT disks; disko then adds the disk to GRUB's devices. */
export function biosBoot(props: BiosBootProps = {}): Partition {
  const where = captureCallerLocation();
  const size = props.size ?? "1M";
  const problem = partitionSizeProblem(size);
  if (problem) throw layoutError(where, `BIOS boot partition size ${problem}`);
  return built("partition", { size, type: "EF02", ...(props.label === undefined ? {} : { label: props.label }) }, where);
}

/** A disk with a GPT partition table. */
export function gptDisk(props: GptDiskProps): GptDisk {
  const where = captureCallerLocation();
  if (typeof props.device !== "string" || !props.device.startsWith("/dev/")) {
    throw layoutError(where, `A disk needs its device, a path under /dev (e.g. /dev/disk/by-id/nvme-…); found ${JSON.stringify(props.device)}.`);
  }
  return built("gptDisk", props, where);
}

// ---------------------------------------------------------------- lowering to disko.devices

const trimSlash = (name: string) => name.replace(/^\/+/, "");
const subvolumeNames = (props: BtrfsProps) => Object.keys(props.subvolumes ?? {}).map(trimSlash);

function blankSnapshotOf(props: BtrfsProps): Required<BlankSnapshotProps> | undefined {
  if (!props.blankSnapshot) return undefined;
  const given = props.blankSnapshot === true ? {} : props.blankSnapshot;
  return { subvolume: given.subvolume ?? "/root", snapshot: given.snapshot ?? "/root-blank" };
}

/**
 * The shell of the blank snapshot, run by disko after it created the filesystem (disko defines
 * `$device` for the hook). Skipped when the snapshot exists, as disko skips what exists.
 */
export function blankSnapshotHook(subvolume = "/root", snapshot = "/root-blank"): string {
  const from = `"$MNTPOINT"/${shellWord(trimSlash(subvolume))}`;
  const to = `"$MNTPOINT"/${shellWord(trimSlash(snapshot))}`;
  // In a subshell of its own, like disko's own steps, so the trap ends with it.
  return [
    "(",
    "  MNTPOINT=$(mktemp -d)",
    '  mount "$device" "$MNTPOINT" -o subvol=/',
    '  trap \'umount "$MNTPOINT"; rm -rf "$MNTPOINT"\' EXIT',
    `  if ! test -e ${to}; then`,
    `    btrfs subvolume snapshot -r ${from} ${to}`,
    "  fi",
    ")",
    "",
  ].join("\n");
}

/** A word safe in a shell script: single-quoted unless it is plain. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

type Json = Record<string, unknown>;

/** Copy the keys of `props` that are set (the emitted file holds only what the layout says). */
function defined(props: object, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) {
    const value = (props as Json)[key];
    if (value !== undefined) out[key] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

export function lowerContent(content: Content): Json {
  switch (content.kind) {
    case "filesystem":
      return { type: "filesystem", ...defined(content.props, ["format", "mountpoint", "mountOptions", "extraArgs"]) };
    case "swap":
      return { type: "swap", ...defined(content.props, ["randomEncryption", "resumeDevice", "discardPolicy", "priority"]) };
    case "luks": {
      const p = content.props;
      const settings = { ...(p.allowDiscards === undefined ? {} : { allowDiscards: p.allowDiscards }), ...p.settings };
      return {
        type: "luks",
        ...defined(p, ["name", "passwordFile", "extraFormatArgs"]),
        ...(Object.keys(settings).length > 0 ? { settings } : {}),
        content: lowerContent(p.content),
      };
    }
    case "btrfs":
      return lowerBtrfs(content.props);
  }
}

function lowerBtrfs(p: BtrfsProps): Json {
  const subvolumes: Json = {};
  for (const [name, s] of Object.entries(p.subvolumes ?? {})) {
    subvolumes[name] = {
      ...defined(s, ["mountpoint", "mountOptions"]),
      ...(s.swapfile ? { swap: { swapfile: defined(s.swapfile, ["size", "path", "priority"]) } } : {}),
    };
  }
  const blank = blankSnapshotOf(p);
  const hooks = [p.postCreateHook, blank && blankSnapshotHook(blank.subvolume, blank.snapshot)].filter((h): h is string => !!h);
  return {
    type: "btrfs",
    extraArgs: [...(p.extraArgs ?? ["-f"])],
    ...defined(p, ["mountpoint", "mountOptions"]),
    ...(Object.keys(subvolumes).length > 0 ? { subvolumes } : {}),
    ...(hooks.length > 0 ? { postCreateHook: hooks.map((h) => (h.endsWith("\n") ? h : `${h}\n`)).join("") } : {}),
  };
}

export function lowerPartition(partition: Partition): Json {
  const p = partition.props;
  return { ...defined(p, ["size", "type", "label", "priority"]), ...(p.content ? { content: lowerContent(p.content) } : {}) };
}

/** The disk without its partitions (each partition is its own definition, with its own line). */
export function lowerDiskShell(disk: GptDisk): Json {
  return { type: "disk", ...defined(disk.props, ["device", "imageSize"]), content: { type: "gpt" } };
}

/** The whole layout as one `disko.devices` value. */
export function lowerLayout(props: DiskLayoutProps): Json {
  const disk: Json = {};
  for (const [name, d] of Object.entries(props.disks)) {
    const partitions: Json = {};
    for (const [pname, part] of Object.entries(d.props.partitions)) partitions[pname] = lowerPartition(part);
    const shell = lowerDiskShell(d);
    disk[name] = { ...shell, content: { type: "gpt", partitions } };
  }
  const nodev = lowerNodev(props);
  return { disk, ...(Object.keys(nodev).length > 0 ? { nodev } : {}) };
}

/** The layout's tmpfs and other device-less mounts, by mountpoint. */
export function lowerNodev(props: DiskLayoutProps): Json {
  const nodev: Json = {};
  for (const [mountpoint, n] of Object.entries(props.nodev ?? {})) nodev[mountpoint] = { fsType: n.fsType, ...defined(n, ["mountOptions"]) };
  return nodev;
}
