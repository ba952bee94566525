// disko (nix-community/disko, lib/default.nix, lib/types/*.nix and module.nix at 878ec37):
// `disko.devices` (disks, mdadm arrays, ZFS pools, LVM volume groups, non-block devices, bcachefs
// filesystems) and the module's top-level options. Contents are in disko-content.ts.

import { createHash } from "node:crypto";
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
  required,
  strings,
  tag,
  taggedWithDefault,
  uuidPattern,
} from "./disko-common.ts";
import { contentOption } from "./disko-content.ts";
import { taggedUnion } from "./tagged-union.ts";

const disk = [
  hooks,
  ({ name }: ModuleArgs) => ({
    file: file("disk"),
    options: {
      name: opt({ type: types.str, default: (name ?? "").replace(/\//g, "_"), description: "Device name" }),
      type: taggedWithDefault("disk"),
      device: required(absolutePathname, "Device path, e.g. /dev/disk/by-id/nvme-… (stable across reboots, unlike /dev/nvme0n1)"),
      destroy: opt({ type: types.bool, default: true, description: "If false, disko will not wipe or destroy this disk's contents during the destroy stage" }),
      imageSize: opt({ type: types.strMatching("[0-9]+[KMGTP]?"), default: "2G", description: "Size of the image when disko images are created (qemu-img create)" }),
    },
  }),
  derivedOption(file("disk"), "imageName", { type: types.str, description: "Name of the image when disko images are created (qemu-img create)", defaultText: "name" }, (c) => c.name, (c) => c.name),
  ({ config }: ModuleArgs) => ({
    file: file("disk"),
    options: {
      content: contentOption("device", {
        device: () => (config as Config).device,
        parent: () => ({ type: "disk", name: (config as Config).name }),
      }),
    },
  }),
];

const mdadm = [
  hooks,
  ({ name, config }: ModuleArgs) => ({
    file: file("mdadm"),
    options: {
      name: opt({ type: types.str, default: name, description: "Name" }),
      type: taggedWithDefault("mdadm"),
      level: opt({ type: types.int, default: 1, description: "mdadm level" }),
      metadata: opt({ type: types.enum(["1", "1.0", "1.1", "1.2", "default", "ddf", "imsm"]), default: "default", description: "Metadata" }),
      extraArgs: extraArgs("Extra arguments passed to `mdadm --create`"),
      content: contentOption("device", {
        device: () => `/dev/md/${(config as Config).name}`,
        parent: () => ({ type: "mdadm", name: (config as Config).name }),
      }),
    },
  }),
];

/** nixpkgs nixos/modules/tasks/filesystems.nix `specialFSTypes`. */
const specialFsTypes = ["proc", "sysfs", "tmpfs", "ramfs", "devtmpfs", "devpts"];

const nodev = [
  hooks,
  ({ name }: ModuleArgs) => ({
    file: file("nodev"),
    options: {
      type: taggedWithDefault("nodev", "Device type"),
      fsType: required(types.str, "File system type (e.g. tmpfs)"),
      mountpoint: opt({ type: types.nullOr(absolutePathname), default: name, description: "Location to mount the file system at (default: the attribute name)" }),
      mountOptions: mountOptions(),
    },
  }),
  // disko sets `device = mkDefault fsType` for these; as a default it reads the same and is never emitted.
  derivedOption(
    file("nodev"),
    "device",
    { type: types.str, description: "Device to use", defaultText: 'the fsType for proc, sysfs, tmpfs, ramfs, devtmpfs and devpts, else "none"' },
    (c) => c.fsType,
    (c) => (specialFsTypes.includes(c.fsType) ? c.fsType : "none"),
  ),
];

const lvmLv = (vg: () => Config) => [
  ({ name, config }: ModuleArgs) => ({
    file: file("lvm_vg"),
    options: {
      name: opt({ type: types.str, default: name, description: "Name of the logical volume" }),
      size: required(types.str, "Size of the logical volume"),
      lvm_type: opt({
        type: types.nullOr(types.enum(["mirror", "raid0", "raid1", "raid4", "raid5", "raid6", "thin-pool", "thinlv"])),
        default: null,
        description: "LVM type",
      }),
      extraArgs: extraArgs(),
      pool: opt({ type: types.nullOr(types.str), default: null, description: "Name of pool LV that this LV belongs to" }),
      content: contentOption("partition", { device: () => `/dev/${vg().name}/${(config as Config).name}` }),
    },
  }),
  derivedOption(
    file("lvm_vg"),
    "priority",
    { type: types.int, description: "Priority of the logical volume, smaller values are created first", defaultText: "1000 (501 for a thin pool), +251 if the size contains 100%" },
    (c) => [c.lvm_type, c.size],
    (c) => (c.lvm_type === "thin-pool" ? 501 : 1000) + ((c.size as string).includes("100%") ? 251 : 0),
  ),
];

const lvmVg = [
  hooks,
  ({ name, config }: ModuleArgs) => ({
    file: file("lvm_vg"),
    options: {
      name: opt({ type: types.str, default: name, description: "Name of the volume group" }),
      type: tag("lvm_vg"),
      lvs: opt({ type: types.attrsOf(types.submodule(lvmLv(() => config as Config))), default: {}, description: "LVS for the volume group" }),
    },
  }),
];

const zfsModes = ["", "mirror", "raidz", "raidz1", "raidz2", "raidz3"];
const vdev = types.submodule({
  file: file("zpool"),
  options: {
    mode: opt({ type: types.enum(zfsModes), default: "", description: "Mode of the zfs vdev" }),
    members: required(strings, "Members of the vdev (device paths or disk names)"),
  },
});
const vdevs = (description: string) => opt({ type: types.listOf(vdev), default: [], description });
const topology = () => [
  {
    file: file("zpool"),
    options: {
      type: taggedWithDefault("topology"),
      vdev: vdevs("A list of storage vdevs"),
      spare: opt({ type: strings, default: [], description: "A list of devices to use as hot spares" }),
      log: vdevs("A list of vdevs used for the zfs intent log (ZIL)"),
      dedup: vdevs("A list of vdevs used for the deduplication table"),
      special: opt({ type: types.either(types.listOf(vdev), types.nullOr(vdev)), default: [], description: "A list of vdevs used as special devices" }),
      cache: opt({ type: strings, default: [], description: "A dedicated zfs cache device (L2ARC)" }),
    },
  },
];

const datasetCommon = (name: string | undefined, type: string) => ({
  name: opt({ type: types.str, default: name, description: "Name of the dataset" }),
  type: taggedWithDefault(type),
  options: opt({ type: types.attrsOf(types.str), default: {}, description: "Options to set for the dataset" }),
  mountOptions: mountOptions("Mount options"),
});

const zfsFs = () => [
  hooks,
  ({ name }: ModuleArgs) => ({
    file: file("zfs_fs"),
    options: { ...datasetCommon(name, "zfs_fs"), mountpoint: mountpoint("Path to mount the dataset to") },
  }),
];

const zfsVolume = (pool: () => Config) => [
  hooks,
  ({ name, config }: ModuleArgs) => ({
    file: file("zfs_volume"),
    options: {
      ...datasetCommon(name, "zfs_volume"),
      extraArgs: extraArgs("Extra arguments passed to `zfs create`"),
      size: opt({ type: types.nullOr(types.str), default: null, description: "Size of the dataset" }),
      content: contentOption("partition", { device: () => `/dev/zvol/${pool().name}/${(config as Config).name}` }),
    },
  }),
];

const zpool = [
  hooks,
  ({ name, config }: ModuleArgs) => ({
    file: file("zpool"),
    options: {
      name: opt({ type: types.str, default: name, description: "Name of the ZFS pool" }),
      type: taggedWithDefault("zpool"),
      mode: opt({
        type: types.either(types.enum(zfsModes), types.attrsOf(taggedUnion({ noun: "zpool mode", variants: { topology } }))),
        default: "",
        description: 'Mode of the ZFS pool: "", "mirror", "raidz…", or { topology = { type = "topology"; vdev = [ … ]; … }; }',
      }),
      options: opt({ type: types.attrsOf(types.str), default: {}, description: "Options for the ZFS pool" }),
      rootFsOptions: opt({ type: types.attrsOf(types.str), default: {}, description: "Options for the root filesystem" }),
      mountpoint: mountpoint("The mountpoint of the pool"),
      mountOptions: mountOptions(),
      datasets: opt({
        type: types.attrsOf(
          taggedUnion({ noun: "zfs dataset", variants: { zfs_fs: zfsFs, zfs_volume: () => zfsVolume(() => config as Config) } }),
        ),
        description: "Datasets to define",
      }),
    },
  }),
];

/** A deterministic UUID from the filesystem name, as disko derives it. */
function bcachefsUuid(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join("-");
}

const bcachefsSubvolume = [
  ({ name }: ModuleArgs) => ({
    file: file("bcachefs_filesystem"),
    options: {
      name: opt({ type: types.str, default: name, description: "Path of the subvolume within the filesystem (leading slashes are removed)" }),
      type: taggedWithDefault("bcachefs_subvolume"),
      mountpoint: mountpoint("Path to mount the subvolume to."),
    },
  }),
  derivedOption(
    file("bcachefs_filesystem"),
    "mountOptions",
    { type: strings, description: "Options to pass to mount (X-mount.mkdir and X-mount.subdir are always added)", defaultText: '[ "X-mount.mkdir" "X-mount.subdir=<name>" ]' },
    (c) => c.name,
    (c) => ["X-mount.mkdir", `X-mount.subdir=${(c.name as string).replace(/^\//, "")}`].sort(),
  ),
];

const bcachefsFilesystem = [
  hooks,
  ({ name }: ModuleArgs) => ({
    file: file("bcachefs_filesystem"),
    options: {
      name: opt({ type: types.str, default: name, description: "Name of the bcachefs filesystem." }),
      type: tag("bcachefs_filesystem"),
      extraFormatArgs: extraArgs("Extra arguments passed to the `bcachefs format` command."),
      mountOptions: mountOptions('Options to pass to mount ("X-mount.mkdir" is always added).', ["X-mount.mkdir"]),
      mountpoint: mountpoint("Path to mount the bcachefs filesystem to."),
      passwordFile: opt({ type: types.nullOr(absolutePathname), default: null, description: "Path to the file containing the password for encryption (enables --encrypted)" }),
      subvolumes: opt({ type: types.attrsOf(types.submodule(bcachefsSubvolume)), default: {}, description: "Subvolumes to define." }),
    },
  }),
  derivedOption(
    file("bcachefs_filesystem"),
    "uuid",
    { type: types.strMatching(uuidPattern), description: "The UUID of the bcachefs filesystem", defaultText: "generated deterministically from the name" },
    (c) => c.name,
    (c) => bcachefsUuid(c.name),
  ),
];

const devices = (type: readonly Module[], description: string) =>
  opt({ type: types.attrsOf(types.submodule(type)), default: {}, description });

/** `diskoLib.toplevel`: the type of `disko.devices`. */
const toplevel = {
  file: "<disko/lib/default.nix>",
  options: {
    bcachefs_filesystems: devices(bcachefsFilesystem, "bcachefs filesystem"),
    disk: devices(disk, "Block device"),
    mdadm: devices(mdadm, "mdadm device"),
    zpool: devices(zpool, "ZFS pool device"),
    lvm_vg: devices(lvmVg, "LVM VG device"),
    nodev: devices(nodev, 'A non-block device (e.g. a tmpfs root: nodev."/" = { fsType = "tmpfs"; … })'),
  },
};

/** The options of disko's NixOS module (`disko.nixosModules.disko`). */
export const diskoOptions: Module = {
  file: "<disko/module.nix>",
  key: "panther:inputs:disko",
  options: {
    disko: {
      devices: opt({ type: types.submodule(toplevel), default: {}, description: "The disk layout: disks, mdadm arrays, ZFS pools, LVM volume groups, non-block devices" }),
      rootMountPoint: opt({ type: types.str, default: "/mnt", description: "Where the device tree should be mounted by the mountScript" }),
      enableConfig: opt({ type: types.bool, default: true, description: "Whether to add the fileSystems, swapDevices and boot options disko derives from the layout" }),
      checkScripts: opt({ type: types.bool, default: false, description: "Whether to run shellcheck on the generated scripts" }),
      memSize: opt({ type: types.int, default: 1024, description: "Size of the memory passed to runInLinuxVM, in megabytes" }),
    },
  },
};
