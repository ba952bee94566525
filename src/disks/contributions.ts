// What disko's NixOS module adds to a host, computed from the evaluated `disko.devices`: mounts,
// swap, GRUB devices, LUKS devices, btrfs filesystems and ESPs, as lib/types/*.nix `_config` do.

import { isPantherError } from "../core/errors.ts";

/** The evaluated `config.disko.devices` (or any part of it): read like a plain object. */
type Node = Record<string, any>;
type Path = readonly string[];

export interface DiskoMount {
  readonly mountpoint: string;
  readonly device: string;
  readonly fsType: string;
  readonly options: readonly string[];
  /** The btrfs subvolume the mount selects (`subvol=<name>` is then the last option). */
  readonly subvolume?: string;
  /** Set by disko for bcachefs mounts only; impermanence sets it for the others. */
  readonly neededForBoot?: boolean;
  /** The option path under `disko.devices` that defines the mount. */
  readonly path: Path;
}

export interface DiskoSwap {
  readonly kind: "partition" | "swapfile";
  readonly device: string;
  readonly priority: number | null;
  readonly options: readonly string[];
  /** Partition swap only (a swap file is not encrypted by disko). */
  readonly randomEncryption?: boolean;
  readonly discardPolicy?: string | null;
  readonly path: Path;
}

export interface DiskoLuks {
  readonly name: string;
  /** The encrypted block device. */
  readonly device: string;
  /** Where the opened volume appears: `/dev/mapper/<name>`. */
  readonly mapperDevice: string;
  /** Whether disko adds `boot.initrd.luks.devices.<name>` (`initrdUnlock`). */
  readonly initrdUnlock: boolean;
  /** `boot.initrd.luks.devices.<name>` as disko writes it: `device` and the `settings`. */
  readonly initrd: Readonly<Record<string, unknown>>;
  readonly path: Path;
}

export interface DiskoSubvolume {
  readonly name: string;
  readonly mountpoint: string | null;
  readonly mountOptions: readonly string[];
  readonly swapfiles: readonly string[];
  readonly path: Path;
}

export type DiskoHooks = Readonly<Record<"preCreateHook" | "postCreateHook" | "preMountHook" | "postMountHook" | "preUnmountHook" | "postUnmountHook", string>>;

export interface DiskoBtrfs {
  readonly device: string;
  readonly mountpoint: string | null;
  readonly mountOptions: readonly string[];
  readonly subvolumes: readonly DiskoSubvolume[];
  readonly hooks: DiskoHooks;
  /** The LUKS volume the filesystem lives in, if any. */
  readonly luks?: string;
  readonly path: Path;
}

/** A GPT partition of type EF00 (or its GUID) holding a mounted filesystem. */
export interface DiskoEsp {
  readonly disk: string;
  readonly mountpoint: string;
  readonly device: string;
  readonly path: Path;
}

/** A GPT partition of type EF02: disko adds the device holding the table to `boot.loader.grub.devices`. */
export interface DiskoBiosBoot {
  readonly disk: string;
  /** The device the partition table is on (what GRUB installs to). */
  readonly device: string;
  readonly path: Path;
}

export interface DiskoContributions {
  readonly mounts: readonly DiskoMount[];
  readonly swap: readonly DiskoSwap[];
  /** `boot.loader.grub.devices` as disko defines it. */
  readonly grubDevices: readonly string[];
  readonly biosBoot: readonly DiskoBiosBoot[];
  readonly esp: readonly DiskoEsp[];
  readonly luks: readonly DiskoLuks[];
  readonly btrfs: readonly DiskoBtrfs[];
  /** `boot.resumeDevice`, from a swap partition with `resumeDevice = true`. */
  readonly resumeDevice: string | undefined;
  /** `boot.swraid.enable`, set when there is an mdadm array. */
  readonly swraid: boolean;
  /** `boot.initrd.kernelModules` disko adds for LVM. */
  readonly initrdKernelModules: readonly string[];
}

const espGuid = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b";
const biosBootGuid = "21686148-6449-6e6f-744e-656564454649";

/** disko's device types, in the order `_config` visits them (attribute names sorted). */
const deviceKinds = ["bcachefs_filesystems", "disk", "lvm_vg", "mdadm", "nodev", "zpool"] as const;

const sortedKeys = (value: Node | undefined): string[] => Object.keys(value ?? {}).sort();
const hookNames = ["preCreateHook", "postCreateHook", "preMountHook", "postMountHook", "preUnmountHook", "postUnmountHook"] as const;

class Collector {
  readonly mounts: DiskoMount[] = [];
  readonly swap: DiskoSwap[] = [];
  readonly grubDevices: string[] = [];
  readonly biosBoot: DiskoBiosBoot[] = [];
  readonly esp: DiskoEsp[] = [];
  readonly luks: DiskoLuks[] = [];
  readonly btrfs: DiskoBtrfs[] = [];
  resumeDevice: string | undefined;
  swraid = false;
  readonly initrdKernelModules: string[] = [];

  /** A content (`type`-tagged) at `path`, on the disk named `disk` when there is one. */
  content(node: Node | null, path: Path, disk: string, luks?: string): void {
    if (node === null || node === undefined) return;
    switch (node.type) {
      case "gpt":
        return this.gpt(node, path, disk);
      case "table":
        node.partitions.forEach((p: Node, i: number) => this.content(p.content, [...path, "partitions", String(i), "content"], disk, luks));
        return;
      case "filesystem":
        if (node.mountpoint !== null) {
          this.mounts.push({ mountpoint: node.mountpoint, device: node.device, fsType: node.format, options: node.mountOptions, path });
        }
        return;
      case "btrfs":
        return this.btrfsContent(node, path, luks);
      case "luks":
        return this.luksContent(node, path, disk);
      case "swap":
        this.swap.push({
          kind: "partition",
          device: node.device,
          priority: node.priority,
          options: node.mountOptions,
          randomEncryption: node.randomEncryption,
          discardPolicy: node.discardPolicy,
          path,
        });
        if (node.resumeDevice) this.resumeDevice = node.device;
        return;
      default:
        // lvm_pv, mdraid, zfs and bcachefs members contribute nothing themselves: their volume
        // group, array, pool or filesystem does.
        return;
    }
  }

  private gpt(node: Node, path: Path, disk: string): void {
    let biosBoot = false;
    for (const name of sortedKeys(node.partitions)) {
      const partition = node.partitions[name] as Node;
      const partPath = [...path, "partitions", name];
      const type = String(partition.type).toLowerCase();
      if (type === "ef02" || type === biosBootGuid) {
        biosBoot = true;
        this.biosBoot.push({ disk, device: node.device, path: partPath });
      }
      const content = partition.content as Node | null;
      if ((type === "ef00" || type === espGuid) && content?.type === "filesystem" && content.mountpoint !== null) {
        this.esp.push({ disk, mountpoint: content.mountpoint, device: content.device, path: [...partPath, "content"] });
      }
      this.content(content, [...partPath, "content"], disk);
    }
    if (biosBoot) this.grubDevices.push(node.device);
  }

  private btrfsContent(node: Node, path: Path, luks: string | undefined): void {
    const subvolumes: DiskoSubvolume[] = [];
    for (const key of sortedKeys(node.subvolumes)) {
      const subvol = node.subvolumes[key] as Node;
      const subPath = [...path, "subvolumes", key];
      if (subvol.mountpoint !== null) {
        this.mounts.push({
          mountpoint: subvol.mountpoint,
          device: node.device,
          fsType: "btrfs",
          options: [...subvol.mountOptions, `subvol=${subvol.name}`],
          subvolume: subvol.name,
          path: subPath,
        });
      }
      subvolumes.push({
        name: subvol.name,
        mountpoint: subvol.mountpoint,
        mountOptions: subvol.mountOptions,
        swapfiles: this.swapFiles(subvol, subPath),
        path: subPath,
      });
    }
    if (node.mountpoint !== null) {
      this.mounts.push({ mountpoint: node.mountpoint, device: node.device, fsType: "btrfs", options: node.mountOptions, path });
    }
    this.swapFiles(node, path);
    const hooks = Object.fromEntries(hookNames.map((h) => [h, node[h] as string])) as DiskoHooks;
    this.btrfs.push({
      device: node.device,
      mountpoint: node.mountpoint,
      mountOptions: node.mountOptions,
      subvolumes,
      hooks,
      ...(luks === undefined ? {} : { luks }),
      path,
    });
  }

  /** btrfs `swapConfig`: a swap device `<mountpoint>/<path>` per swap file. */
  private swapFiles(node: Node, path: Path): string[] {
    const devices: string[] = [];
    for (const key of sortedKeys(node.swap)) {
      const file = node.swap[key] as Node;
      // disko interpolates the mountpoint; a swap file on an unmounted subvolume fails there.
      const device = `${node.mountpoint ?? ""}/${file.path}`;
      devices.push(device);
      this.swap.push({ kind: "swapfile", device, priority: file.priority, options: file.options, path: [...path, "swap", key] });
    }
    return devices;
  }

  private luksContent(node: Node, path: Path, disk: string): void {
    this.luks.push({
      name: node.name,
      device: node.device,
      mapperDevice: `/dev/mapper/${node.name}`,
      initrdUnlock: node.initrdUnlock,
      initrd: { device: node.device, ...(node.settings as Node) },
      path,
    });
    this.content(node.content, [...path, "content"], disk, node.name);
  }

  device(kind: (typeof deviceKinds)[number], name: string, node: Node): void {
    const path = [kind, name];
    switch (kind) {
      case "disk":
        return this.content(node.content, [...path, "content"], name);
      case "mdadm":
        this.swraid = true;
        return this.content(node.content, [...path, "content"], name);
      case "lvm_vg":
        this.initrdKernelModules.push("dm-snapshot");
        for (const lv of sortedKeys(node.lvs)) {
          const type = (node.lvs[lv] as Node).lvm_type as string | null;
          if (type !== null && type !== "thinlv") this.initrdKernelModules.push(`dm-${type}`);
        }
        for (const lv of sortedKeys(node.lvs)) {
          const volume = node.lvs[lv] as Node;
          this.content(volume.content, [...path, "lvs", lv, "content"], name);
          if (volume.lvm_type !== null) this.initrdKernelModules.push(...lvmTypeModules(volume.lvm_type));
        }
        return;
      case "nodev":
        if (node.mountpoint !== null) {
          this.mounts.push({ mountpoint: node.mountpoint, device: node.device, fsType: node.fsType, options: node.mountOptions, path });
        }
        return;
      case "zpool":
        return this.zpool(node, path);
      case "bcachefs_filesystems":
        return this.bcachefs(node, path);
    }
  }

  /** zpool `_config`: its root dataset (`datasets.__root`) and each zfs_fs dataset; volumes by their content. */
  private zpool(node: Node, path: Path): void {
    const zfsMount = (mountpoint: string | null, device: string, options: Node, mountOptions: readonly string[], at: Path) => {
      if (mountpoint === null || options.mountpoint === "none" || options.canmount === "off") return;
      const zfsutil = options.mountpoint === "legacy" ? [] : ["zfsutil"];
      this.mounts.push({ mountpoint, device, fsType: "zfs", options: [...mountOptions, ...zfsutil], path: at });
    };
    zfsMount(node.mountpoint, node.name, node.rootFsOptions, node.mountOptions, path);
    // `datasets` has no default (disko itself always adds `__root`, handled above).
    const datasets = definedOr(() => node.datasets as Node, {});
    for (const key of sortedKeys(datasets)) {
      const dataset = datasets[key] as Node;
      const at = [...path, "datasets", key];
      if (dataset.type === "zfs_fs") zfsMount(dataset.mountpoint, `${node.name}/${dataset.name}`, dataset.options, dataset.mountOptions, at);
      else this.content(dataset.content, [...at, "content"], node.name);
    }
  }

  private bcachefs(node: Node, path: Path): void {
    const device = `/dev/disk/by-uuid/${node.uuid}`;
    const unique = (options: readonly string[]) => [...new Set(options)];
    if (node.mountpoint !== null) {
      this.mounts.push({ mountpoint: node.mountpoint, device, fsType: "bcachefs", options: unique(["X-mount.mkdir", ...node.mountOptions]), neededForBoot: true, path });
    }
    for (const key of sortedKeys(node.subvolumes)) {
      const subvol = node.subvolumes[key] as Node;
      if (subvol.mountpoint === null) continue;
      const subdir = `X-mount.subdir=${String(subvol.name).replace(/^\//, "")}`;
      this.mounts.push({
        mountpoint: subvol.mountpoint,
        device,
        fsType: "bcachefs",
        options: unique(["X-mount.mkdir", subdir, ...subvol.mountOptions]),
        neededForBoot: true,
        path: [...path, "subvolumes", key],
      });
    }
  }
}

/** The value `read` gives, or `fallback` when the option it reads has no value. */
function definedOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    if (isPantherError(error) && error.code === "no-value") return fallback;
    throw error;
  }
}

function lvmTypeModules(type: string): string[] {
  const raid: Record<string, string> = { raid0: "raid0", raid1: "raid1", raid4: "raid456", raid5: "raid456", raid6: "raid456" };
  return [type === "mirror" ? "dm-mirror" : "dm-raid", ...(raid[type] ? [raid[type]!] : [])];
}

/**
 * What disko's NixOS module (module.nix, `disko.devices._config`) contributes to the host, in
 * disko's order (device kinds and names sorted). Reads `device` of every disk: a disk without one
 * throws disko's no-value error (the disks check reports it first, with the layout's line).
 */
export function diskoContributions(devices: Node): DiskoContributions {
  const out = new Collector();
  for (const kind of deviceKinds) {
    for (const name of sortedKeys(devices[kind])) out.device(kind, name, devices[kind][name] as Node);
  }
  return {
    mounts: out.mounts,
    swap: out.swap,
    grubDevices: out.grubDevices,
    biosBoot: out.biosBoot,
    esp: out.esp,
    luks: out.luks,
    btrfs: out.btrfs,
    resumeDevice: out.resumeDevice,
    swraid: out.swraid,
    initrdKernelModules: [...new Set(out.initrdKernelModules)],
  };
}

/** The NixOS `fileSystems` disko defines, by mountpoint (a mountpoint defined twice keeps the first). */
export function diskoFileSystems(contributions: DiskoContributions): Record<string, { device: string; fsType: string; options: readonly string[] }> {
  const out: Record<string, { device: string; fsType: string; options: readonly string[] }> = {};
  for (const m of contributions.mounts) {
    out[m.mountpoint] ??= { device: m.device, fsType: m.fsType, options: m.options, ...(m.neededForBoot ? { neededForBoot: true } : {}) };
  }
  return out;
}

/**
 * The NixOS configuration disko's module adds, shaped as `check-disko.sh --json` prints it
 * (`nixos`: fileSystems, swapDevices, boot), e.g. for `check-impermanence.sh --disko-json`.
 */
export function diskoNixosConfig(c: DiskoContributions) {
  const swapDevices = c.swap.map((s) =>
    s.kind === "swapfile"
      ? { device: s.device, options: s.options, priority: s.priority }
      : {
          device: s.device,
          discardPolicy: s.discardPolicy ?? null,
          options: s.options,
          priority: s.priority,
          randomEncryption: { allowDiscards: s.discardPolicy !== null && s.discardPolicy !== undefined, enable: s.randomEncryption ?? false },
        },
  );
  const luks = Object.fromEntries(c.luks.filter((l) => l.initrdUnlock).map((l) => [l.name, l.initrd]));
  return {
    fileSystems: diskoFileSystems(c),
    swapDevices,
    boot: {
      initrd: { kernelModules: c.initrdKernelModules, luks: { devices: luks } },
      loader: { grub: { devices: c.grubDevices } },
      resumeDevice: c.resumeDevice ?? "",
      swraid: { enable: c.swraid },
    },
  };
}
