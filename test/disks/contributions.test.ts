// diskoContributions: what disko's NixOS module adds for an evaluated `disko.devices`, compared
// with what disko's own module.nix computes for the same layouts (recorded with check-disko.sh).

import { describe, expect, it } from "vitest";
import { evalModules, type Module } from "panther";
import { upstreamDeclarations } from "../../src/options/upstream.ts";
import { inputOptionsModule } from "../../src/options/inputs/index.ts";
import { diskoContributions, diskoFileSystems } from "../../src/disks/contributions.ts";

const devicesOf = (devices: unknown) =>
  evalModules({ modules: [inputOptionsModule(["disko"]), { disko: { devices } } as Module], lazyDeclarations: upstreamDeclarations("nixos") }).config.disko.devices;

const zstd = ["compress=zstd", "noatime"];
const laptop = {
  disk: {
    main: {
      device: "/dev/disk/by-id/nvme-WD_PC_SN7100S_SDFPMSL-1T00-1101_25112Q801629",
      content: {
        type: "gpt",
        partitions: {
          ESP: { size: "1G", type: "EF00", content: { type: "filesystem", format: "vfat", mountpoint: "/boot", mountOptions: ["umask=0077"] } },
          luks: {
            size: "100%",
            content: {
              type: "luks",
              name: "cryptroot",
              settings: { allowDiscards: true },
              content: {
                type: "btrfs",
                extraArgs: ["-f"],
                postCreateHook: "echo created",
                subvolumes: {
                  "/root": { mountpoint: "/", mountOptions: zstd },
                  "/persist": { mountpoint: "/persist", mountOptions: zstd },
                  "/swap": { mountpoint: "/swap", swap: { swapfile: { size: "16G" } } },
                },
              },
            },
          },
        },
      },
    },
  },
};

const hybrid = {
  disk: {
    main: {
      device: "/dev/sda",
      content: {
        type: "gpt",
        partitions: {
          boot: { size: "1M", type: "EF02" },
          ESP: { size: "512M", type: "EF00", content: { type: "filesystem", format: "vfat", mountpoint: "/boot" } },
          swap: { size: "4G", content: { type: "swap", randomEncryption: true, resumeDevice: true } },
          root: { size: "100%", content: { type: "btrfs", mountpoint: "/mnt/top", subvolumes: { "/nix": { mountpoint: "/nix" } } } },
        },
      },
    },
  },
  nodev: { "/tmp": { fsType: "tmpfs", mountOptions: ["size=2G"] } },
};

describe("diskoContributions", () => {
  it("gives a laptop's mounts, swap file, LUKS device and btrfs filesystem as disko's module does", () => {
    const c = diskoContributions(devicesOf(laptop));
    const luksPath = ["disk", "main", "content", "partitions", "luks", "content"];
    const btrfsPath = [...luksPath, "content"];
    expect(c.mounts).toEqual([
      { mountpoint: "/boot", device: "/dev/disk/by-partlabel/disk-main-ESP", fsType: "vfat", options: ["umask=0077"], path: ["disk", "main", "content", "partitions", "ESP", "content"] },
      { mountpoint: "/persist", device: "/dev/mapper/cryptroot", fsType: "btrfs", options: [...zstd, "subvol=/persist"], subvolume: "/persist", path: [...btrfsPath, "subvolumes", "/persist"] },
      { mountpoint: "/", device: "/dev/mapper/cryptroot", fsType: "btrfs", options: [...zstd, "subvol=/root"], subvolume: "/root", path: [...btrfsPath, "subvolumes", "/root"] },
      { mountpoint: "/swap", device: "/dev/mapper/cryptroot", fsType: "btrfs", options: ["defaults", "subvol=/swap"], subvolume: "/swap", path: [...btrfsPath, "subvolumes", "/swap"] },
    ]);
    expect(c.swap).toEqual([
      { kind: "swapfile", device: "/swap/swapfile", priority: null, options: ["defaults"], path: [...btrfsPath, "subvolumes", "/swap", "swap", "swapfile"] },
    ]);
    expect(c.luks).toEqual([
      {
        name: "cryptroot",
        device: "/dev/disk/by-partlabel/disk-main-luks",
        mapperDevice: "/dev/mapper/cryptroot",
        initrdUnlock: true,
        initrd: { device: "/dev/disk/by-partlabel/disk-main-luks", allowDiscards: true },
        path: luksPath,
      },
    ]);
    expect(c.esp).toEqual([{ disk: "main", mountpoint: "/boot", device: "/dev/disk/by-partlabel/disk-main-ESP", path: ["disk", "main", "content", "partitions", "ESP", "content"] }]);
    expect(c.grubDevices).toEqual([]);
    expect(c.biosBoot).toEqual([]);
    expect(c.btrfs).toHaveLength(1);
    expect(c.btrfs[0]).toMatchObject({ device: "/dev/mapper/cryptroot", mountpoint: null, luks: "cryptroot", path: btrfsPath });
    expect(c.btrfs[0]!.hooks.postCreateHook).toBe("echo created");
    expect(c.btrfs[0]!.subvolumes.map((s) => [s.name, s.mountpoint, s.swapfiles])).toEqual([
      ["/persist", "/persist", []],
      ["/root", "/", []],
      ["/swap", "/swap", ["/swap/swapfile"]],
    ]);
  });

  it("adds the disk of an EF02 partition to GRUB's devices, and gives swap partitions, resume device and nodev mounts", () => {
    const c = diskoContributions(devicesOf(hybrid));
    expect(c.grubDevices).toEqual(["/dev/sda"]);
    expect(c.biosBoot).toEqual([{ disk: "main", device: "/dev/sda", path: ["disk", "main", "content", "partitions", "boot"] }]);
    expect(c.swap).toEqual([
      {
        kind: "partition",
        device: "/dev/disk/by-partlabel/disk-main-swap",
        priority: null,
        options: ["defaults"],
        randomEncryption: true,
        discardPolicy: null,
        path: ["disk", "main", "content", "partitions", "swap", "content"],
      },
    ]);
    expect(c.resumeDevice).toBe("/dev/disk/by-partlabel/disk-main-swap");
    expect(diskoFileSystems(c)).toEqual({
      "/boot": { device: "/dev/disk/by-partlabel/disk-main-ESP", fsType: "vfat", options: ["defaults"] },
      "/mnt/top": { device: "/dev/disk/by-partlabel/disk-main-root", fsType: "btrfs", options: ["defaults"] },
      "/nix": { device: "/dev/disk/by-partlabel/disk-main-root", fsType: "btrfs", options: ["defaults", "subvol=/nix"] },
      "/tmp": { device: "tmpfs", fsType: "tmpfs", options: ["size=2G"] },
    });
  });

  it("follows mdadm arrays and LVM volume groups", () => {
    const c = diskoContributions(
      devicesOf({
        disk: { a: { device: "/dev/vda", content: { type: "gpt", partitions: { r: { size: "100%", content: { type: "lvm_pv", vg: "pool" } } } } } },
        lvm_vg: { pool: { type: "lvm_vg", lvs: { root: { size: "100%", lvm_type: "raid1", content: { type: "filesystem", format: "ext4", mountpoint: "/" } } } } },
        mdadm: { md0: { content: { type: "filesystem", format: "xfs", mountpoint: "/srv" } } },
      }),
    );
    expect(c.mounts.map((m) => [m.mountpoint, m.device, m.path.join(".")])).toEqual([
      ["/", "/dev/pool/root", "lvm_vg.pool.lvs.root.content"],
      ["/srv", "/dev/md/md0", "mdadm.md0.content"],
    ]);
    expect(c.swraid).toBe(true);
    expect(c.initrdKernelModules).toEqual(["dm-snapshot", "dm-raid1", "dm-raid", "raid1"]);
  });
});
