// disko contents (lib/types/*.nix at 878ec37): what a disk, partition, LUKS volume or logical
// volume holds, a tagged union on `type` (tagged-union.ts). Partition tables compute labels,
// devices and priorities as disko does, so modules can read them.

import { createHash } from "node:crypto";
import { PantherError } from "../../core/errors.ts";
import type { Module, ModuleArgs } from "../../core/module.ts";
import { types } from "../../core/types/index.ts";
import { derivedOption, opt, type Config } from "./declare.ts";
import {
  absolutePathname,
  extraArgs,
  file,
  hooks,
  mountOptions,
  mountpoint,
  partitionSize,
  required,
  strings,
  tag,
  taggedWithDefault,
  uuidPattern,
  type ContentContext,
} from "./disko-common.ts";
import { taggedUnion } from "./tagged-union.ts";

/** The `device` a content is created on, by default its parent's. */
function contentDevice(type: string, description: string, ctx: ContentContext) {
  return derivedOption(
    file(type),
    "device",
    { type: types.str, description, defaultText: "the device of the parent" },
    // Reading `type` (always defined) keeps the default a probe during panther's first call.
    (config) => config.type,
    () => ctx.device(),
  );
}

type Variant = (ctx: ContentContext) => readonly Module[];

const filesystem: Variant = (ctx) => [
  hooks,
  {
    file: file("filesystem"),
    options: {
      type: tag("filesystem"),
      extraArgs: extraArgs(),
      mountOptions: mountOptions(),
      mountpoint: mountpoint("Path to mount the filesystem to"),
      format: required(types.str, "Format of the filesystem (the mkfs suffix: vfat, ext4, xfs, btrfs, …)"),
    },
  },
  contentDevice("filesystem", "Device to use", ctx),
];

/** `swap.<file>` of btrfs and its subvolumes: swap files created with `btrfs filesystem mkswapfile`. */
const swapFiles = () =>
  opt({
    type: types.attrsOf(
      types.submodule(({ name }: ModuleArgs) => ({
        file: file("btrfs"),
        options: {
          size: required(types.strMatching("^([0-9]+[KMGTP])?$"), "Size of the swap file (e.g. 2G)"),
          path: opt({ type: types.str, default: name, description: "Path to the swap file (relative to the mountpoint)" }),
          priority: opt({ type: types.nullOr(types.int), default: null, description: "Priority of the swap file (0 to 32767, higher first); null lets the kernel choose" }),
          options: opt({ type: types.listOf(types.nonEmptyStr), default: ["defaults"], description: "Options used to mount the swap." }),
        },
      })),
    ),
    default: {},
    description: "Swap files",
  });

const btrfsSubvolume = ({ name }: ModuleArgs) => ({
  file: file("btrfs"),
  options: {
    name: opt({ type: types.str, default: name, description: "Name of the BTRFS subvolume." }),
    type: taggedWithDefault("btrfs_subvol"),
    extraArgs: extraArgs(),
    mountOptions: mountOptions(),
    mountpoint: mountpoint("Location to mount the subvolume to."),
    swap: swapFiles(),
  },
});

const btrfs: Variant = (ctx) => [
  hooks,
  {
    file: file("btrfs"),
    options: {
      type: tag("btrfs"),
      extraArgs: extraArgs(),
      mountOptions: mountOptions("A list of options to pass to mount."),
      subvolumes: opt({ type: types.attrsOf(types.submodule(btrfsSubvolume)), default: {}, description: "Subvolumes to define for BTRFS." }),
      mountpoint: mountpoint("A path to mount the BTRFS filesystem to."),
      swap: swapFiles(),
    },
  },
  contentDevice("btrfs", "Device to use", ctx),
];

const luks: Variant = (ctx) => [
  hooks,
  {
    file: file("luks"),
    options: {
      type: tag("luks"),
      name: required(types.str, "Name of the LUKS (the device is /dev/mapper/<name>)"),
      keyFile: opt({ type: types.nullOr(absolutePathname), default: null, description: "DEPRECATED: use passwordFile or settings.keyFile. Path to the key for encryption" }),
      passwordFile: opt({ type: types.nullOr(absolutePathname), default: null, description: "Path to the file which contains the password for initial encryption" }),
      settings: opt({ type: types.attrsOf(types.anything), default: {}, description: "LUKS settings (as boot.initrd.luks.devices.<name>: allowDiscards, keyFile, crypttabExtraOpts, …)" }),
      additionalKeyFiles: opt({ type: types.listOf(absolutePathname), default: [], description: "Path to additional key files for encryption" }),
      initrdUnlock: opt({ type: types.bool, default: true, description: "Whether to add a boot.initrd.luks.devices entry for the specified disk." }),
      extraFormatArgs: extraArgs("Extra arguments to pass to `cryptsetup luksFormat` when formatting"),
      extraOpenArgs: extraArgs("Extra arguments to pass to `cryptsetup luksOpen` when opening"),
    },
  },
  derivedOption(
    file("luks"),
    "askPassword",
    { type: types.bool, description: "Whether to ask for a password for initial encryption", defaultText: "true if neither keyFile nor passwordFile are set" },
    (config) => [config.keyFile, config.passwordFile],
    (config) => config.keyFile === null && config.passwordFile === null && !("keyFile" in config.settings),
  ),
  contentDevice("luks", "Device to encrypt", ctx),
  ({ config }: ModuleArgs) => ({
    file: file("luks"),
    options: {
      content: contentOption("device", {
        device: () => `/dev/mapper/${(config as Config).name}`,
        parent: () => ({ type: "luks", name: (config as Config).name }),
      }),
    },
  }),
];

const swap: Variant = (ctx) => [
  hooks,
  {
    file: file("swap"),
    options: {
      type: tag("swap"),
      discardPolicy: opt({ type: types.nullOr(types.enum(["once", "pages", "both"])), default: null, description: "Discard policy of the swap device (see swapon(8))" }),
      extraArgs: extraArgs(),
      mountOptions: opt({ type: types.listOf(types.nonEmptyStr), default: ["defaults"], description: "Options used to mount the swap." }),
      priority: opt({ type: types.nullOr(types.int), default: null, description: "Priority of the swap device (0 to 32767, higher first); null lets the kernel choose" }),
      randomEncryption: opt({ type: types.bool, default: false, description: "Whether to randomly encrypt the swap" }),
      resumeDevice: opt({ type: types.bool, default: false, description: "Whether to use this as a boot.resumeDevice" }),
    },
  },
  contentDevice("swap", "Device", ctx),
];

/** Contents that only name what they belong to: an LVM PV, an md RAID member, a ZFS vdev, a bcachefs member. */
const member =
  (type: string, field: string, description: string, extra: Record<string, unknown> = {}): Variant =>
  (ctx) => [
    hooks,
    { file: file(type), options: { type: tag(type), [field]: required(types.str, description), ...extra } },
    contentDevice(type, "Device", ctx),
  ];

const lvmPv = member("lvm_pv", "vg", "Volume group");
const mdraid = member("mdraid", "name", "Name of the mdadm array");
const zfs = member("zfs", "pool", "Name of the ZFS pool");
const bcachefs = member("bcachefs", "filesystem", "Name of the bcachefs filesystem this partition belongs to.", {
  extraFormatArgs: extraArgs("Extra arguments passed to the bcachefs format command."),
  label: opt({ type: types.str, default: "", description: "Label of this device (`bcachefs format --label`)" }),
});

// ---------------------------------------------------------------- partition tables

/** `diskoLib.hexEscapeUdevSymlink`: bytes outside [0-9A-Za-z#+,-.:=@_/] become \xHH. */
function hexEscapeUdevSymlink(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /^[0-9A-Za-z#+,\-.:=@_/]$/.test(c) ? c : `\\x${byte.toString(16).toUpperCase()}`;
    })
    .join("");
}

/** GPT partition names hold 36 UTF-16 characters: a longer label is a truncated hash. */
function partitionLabel(parent: { type: string; name: string }, name: string): string {
  const label = `${parent.type}-${parent.name}-${name}`;
  return Buffer.byteLength(label) > 36 ? createHash("sha256").update(label).digest("hex").slice(0, 36) : label;
}

/** 1-based position of a partition among its siblings sorted by priority (`_index`). */
function partitionIndex(partitions: Record<string, Config>, name: string): number {
  const sorted = Object.values(partitions).sort((a, b) => (a.priority as number) - (b.priority as number));
  return sorted.findIndex((p) => p.name === name) + 1;
}

function gptPartition(ctx: ContentContext, partitions: () => Record<string, Config>): readonly Module[] {
  const parent = () => ctx.parent!();
  const gpt = file("gpt");
  const hex = (n: number) => `[A-Fa-f0-9]{${n}}`;
  return [
    ({ name }: ModuleArgs) => ({
      file: gpt,
      options: {
        attributes: opt({ type: types.listOf(types.int), default: [], description: "GPT partition entry attributes (bit numbers: 0 required, 1 no block IO, 2 legacy BIOS bootable, 60 read only, 62 hidden, 63 do not automount)" }),
        name: opt({ type: types.str, default: name, description: "Name of the partition" }),
        uuid: opt({ type: types.nullOr(types.strMatching(uuidPattern)), default: null, description: "UUID (GUID) of the partition, distinct from the filesystem's; null generates one" }),
        size: opt({ type: partitionSize, default: "0", description: "Size of the partition, in sgdisk format (\"512M\", \"1G\"), or \"100%\" for the rest of the disk (created last)" }),
        start: opt({ type: types.str, default: "0", description: "Start of the partition, in sgdisk format, use 0 for next available range" }),
        hybrid: opt({
          type: types.nullOr(
            types.submodule({
              file: gpt,
              options: {
                mbrPartitionType: opt({ type: types.nullOr(types.str), default: null, description: "MBR type code" }),
                mbrBootableFlag: opt({ type: types.bool, default: false, description: "Set the bootable flag (aka the active flag) on any or all of your hybridized partitions" }),
              },
            }),
          ),
          default: null,
          description: "Entry to add to the Hybrid MBR table",
        }),
      },
    }),
    derivedOption(
      gpt,
      "type",
      {
        type: types.either(types.strMatching(hex(4)), types.strMatching([8, 4, 4, 4, 12].map(hex).join("-"))),
        description: "Partition type: an sgdisk code (EF00 ESP, EF02 BIOS boot, 8300 Linux, 8200 swap) or a full GUID",
        defaultText: '8300 (Linux filesystem) normally, 8200 (Linux swap) if content.type is "swap"',
      },
      (config) => (config.content === null ? null : config.content.type),
      (config) => (config.content !== null && config.content.type === "swap" ? "8200" : "8300"),
    ),
    derivedOption(
      gpt,
      "label",
      { type: types.str, description: "GPT partition label (by-partlabel name)", defaultText: "<parent type>-<parent name>-<name>, or a truncated hash of it if longer than 36 characters" },
      (config) => config.name,
      (config) => partitionLabel(parent(), config.name),
    ),
    derivedOption(
      gpt,
      "device",
      { type: types.str, description: "Device to use for the partition", defaultText: "/dev/disk/by-partuuid/<uuid> if uuid is set, else /dev/disk/by-partlabel/<label>" },
      (config) => [config.uuid, config.label],
      (config) =>
        config.uuid !== null
          ? `/dev/disk/by-partuuid/${config.uuid}`
          : parent().type === "mdadm"
            ? // disko's workaround: mdadm partition labels do not appear in /dev/disk/by-partlabel.
              `/dev/disk/by-id/md-name-any:${parent().name}-part${partitionIndex(partitions(), config.name)}`
            : `/dev/disk/by-partlabel/${hexEscapeUdevSymlink(config.label)}`,
    ),
    derivedOption(
      gpt,
      "priority",
      { type: types.int, description: "Priority of the partition, smaller values are created first", defaultText: "9001 for size 100%, 100 for EF02 (BIOS boot), else 1000" },
      (config) => [config.size, config.type],
      (config) => (config.size === "100%" ? 9001 : config.type === "EF02" ? 100 : 1000),
    ),
    derivedOption(
      gpt,
      "end",
      { type: types.str, description: "End of the partition, in sgdisk format (+ relative to the start, - relative to the end of the disk)", defaultText: '"-0" for size 100%, else "+<size>"' },
      (config) => config.size,
      (config) => (config.size === "100%" ? "-0" : `+${config.size}`),
    ),
    derivedOption(
      gpt,
      "alignment",
      { type: types.int, description: "Alignment of the partition; 1 when start or end are in sectors", defaultText: "1 if the unit of start or end is sectors, 0 otherwise" },
      (config) => [config.start, config.end],
      (config) => ((config.start as string).endsWith("s") || (config.end as string).endsWith("s") ? 1 : 0),
    ),
    ({ config }: ModuleArgs) => ({
      file: gpt,
      options: { content: contentOption("partition", { device: () => (config as Config).device }) },
    }),
  ];
}

const gpt: Variant = (ctx) => [
  hooks,
  ({ config }: ModuleArgs) => ({
    file: file("gpt"),
    options: {
      type: tag("gpt", "Partition table"),
      partitions: opt({
        type: types.attrsOf(types.submodule(gptPartition(ctx, () => (config as Config).partitions))),
        default: {},
        description: "Attrs of partitions to add to the partition table",
      }),
      efiGptPartitionFirst: opt({ type: types.bool, default: true, description: "Place EFI GPT (0xEE) partition first in MBR (good for GRUB)" }),
    },
  }),
  contentDevice("gpt", "Device to use for the partition table", ctx),
];

/** `diskoLib.deviceNumbering`: the device of the index-th partition of a device. */
function deviceNumbering(device: string, index: number): string {
  if (/^\/dev\/([vs]|(xv)d).+$/.test(device)) return `${device}${index}`;
  if (/^\/dev\/(disk|zvol)\/.+$/.test(device)) return `${device}-part${index}`;
  if (/^\/dev\/((nvme|mmcblk).+|md\/.*[0-9])$/.test(device)) return `${device}p${index}`;
  if (/^\/dev\/md\/.+$/.test(device) || /^\/dev\/mapper\/.+$/.test(device)) return `${device}${index}`;
  if (/^\/dev\/loop[0-9]+$/.test(device)) return `${device}p${index}`;
  throw new PantherError({
    code: "invalid-definition",
    message: `${device} seems not to be a supported disk format for disko's legacy \`table' partitions (use \`type = "gpt"').`,
  });
}

/** The legacy MBR/parted table (deprecated by disko in favour of gpt). */
const table: Variant = (ctx) => [
  hooks,
  ({ config }: ModuleArgs) => ({
    file: file("table"),
    options: {
      type: tag("table", "Partition table"),
      format: opt({ type: types.enum(["gpt", "msdos"]), default: "gpt", description: "The kind of partition table" }),
      partitions: opt({
        type: types.listOf(
          types.submodule(({ name }: ModuleArgs) => ({
            file: file("table"),
            options: {
              "part-type": opt({ type: types.enum(["primary", "logical", "extended"]), default: "primary", description: "Partition type" }),
              "fs-type": opt({
                type: types.nullOr(
                  types.enum(["bcachefs", "btrfs", "ext2", "ext3", "ext4", "fat16", "fat32", "hfs", "hfs+", "linux-swap", "ntfs", "reiserfs", "udf", "xfs"]),
                ),
                default: null,
                description: "Filesystem type to use",
              }),
              name: opt({ type: types.nullOr(types.str), description: "Name of the partition" }),
              start: opt({ type: types.str, default: "0%", description: "Start of the partition" }),
              end: opt({ type: types.str, default: "100%", description: "End of the partition" }),
              flags: opt({ type: strings, default: [], description: "Partition flags" }),
              bootable: opt({ type: types.bool, default: false, description: "Whether to make the partition bootable" }),
              content: contentOption("partition", {
                device: () => deviceNumbering((config as Config).device, Number(/entry ([0-9]+)\]$/.exec(name ?? "")?.[1] ?? 0)),
              }),
            },
          })),
        ),
        default: [],
        description: "List of partitions to add to the partition table",
      }),
    },
  }),
  contentDevice("table", "Device to partition", ctx),
];

// ---------------------------------------------------------------- the content types

const partitionContents: Record<string, Variant> = { bcachefs, btrfs, filesystem, luks, lvm_pv: lvmPv, mdraid, swap, zfs };
const deviceContents: Record<string, Variant> = { ...partitionContents, gpt, table };

const partitionTableHere =
  "is a partition table: it can be the content of a disk, an mdadm array or a LUKS volume, not of a partition or a logical volume.";

/**
 * `deviceType` / `partitionType`: a nullable content chosen by `type`. A device (disk, mdadm,
 * LUKS) may hold a partition table; a partition, logical volume or ZFS volume may not.
 */
export function contentOption(kind: "device" | "partition", ctx: ContentContext) {
  const variants = kind === "device" ? deviceContents : partitionContents;
  return opt({
    type: taggedUnion({
      noun: "disko content",
      nullable: true,
      variants: Object.fromEntries(Object.entries(variants).map(([name, variant]) => [name, () => variant(ctx)])),
      ...(kind === "partition" ? { misplaced: { gpt: `"gpt" ${partitionTableHere}`, table: `"table" ${partitionTableHere}` } } : {}),
    }),
    default: null,
    description: kind === "device" ? "The content of the device, chosen by its `type`" : "The content of the partition, chosen by its `type`",
  });
}
