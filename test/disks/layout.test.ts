// The disk DSL: defaults, lowering to disko.devices, size and path validation at the call site,
// the blank-snapshot hook, and definitions located at the lines that wrote them.

import { describe, expect, it } from "vitest";
import { biosBoot, btrfs, diskLayout, diskoContributions, esp, evalModules, filesystem, gptDisk, lowerLayout, luks, partition, swap, type Module } from "panther";
import { upstreamDeclarations } from "../../src/options/upstream.ts";
import { inputOptionsModule } from "../../src/options/inputs/index.ts";
import { definitionSites } from "../../src/compile/checks/sites.ts";
import { thrownBy } from "../helpers/errors.ts";
import { markers } from "../helpers/markers.ts";

const here = markers(import.meta.url);
const evaluate = (...modules: Module[]) =>
  evalModules({ modules: [inputOptionsModule(["disko"]), ...modules], lazyDeclarations: upstreamDeclarations("nixos") }).config;

const laptopDisk = () =>
  gptDisk({
    device: "/dev/disk/by-id/nvme-test",
    partitions: {
      ESP: esp(),
      luks: partition({
        size: "100%",
        content: luks({
          name: "cryptroot",
          allowDiscards: true,
          content: btrfs({
            blankSnapshot: true,
            subvolumes: {
              "/root": { mountpoint: "/", mountOptions: ["compress=zstd"] },
              "/swap": { mountpoint: "/swap", swapfile: { size: "16G" } },
            },
          }),
        }),
      }),
    },
  });

describe("the disk DSL", () => {
  it("lowers a laptop disk to disko.devices with its documented defaults", () => {
    const devices = lowerLayout({ disks: { main: laptopDisk() } });
    expect(devices).toEqual({
      disk: {
        main: {
          type: "disk",
          device: "/dev/disk/by-id/nvme-test",
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
                    subvolumes: {
                      "/root": { mountpoint: "/", mountOptions: ["compress=zstd"] },
                      "/swap": { mountpoint: "/swap", swap: { swapfile: { size: "16G" } } },
                    },
                    postCreateHook: [
                      "(",
                      "  MNTPOINT=$(mktemp -d)",
                      '  mount "$device" "$MNTPOINT" -o subvol=/',
                      "  trap 'umount \"$MNTPOINT\"; rm -rf \"$MNTPOINT\"' EXIT",
                      '  if ! test -e "$MNTPOINT"/root-blank; then',
                      '    btrfs subvolume snapshot -r "$MNTPOINT"/root "$MNTPOINT"/root-blank',
                      "  fi",
                      ")",
                      "",
                    ].join("\n"),
                  },
                },
              },
            },
          },
        },
      },
    });
  });

  it("lowers servers' partitions: BIOS boot, swap, plain filesystems, labels and tmpfs", () => {
    const devices = lowerLayout({
      disks: {
        main: gptDisk({
          device: "/dev/sda",
          partitions: {
            boot: biosBoot(),
            swap: partition({ size: "4G", content: swap({ randomEncryption: true }) }),
            root: partition({ size: "100%", label: "root", content: filesystem({ format: "ext4", mountpoint: "/" }) }),
          },
        }),
      },
      nodev: { "/tmp": { fsType: "tmpfs", mountOptions: ["size=2G"] } },
    });
    expect(devices).toEqual({
      disk: {
        main: {
          type: "disk",
          device: "/dev/sda",
          content: {
            type: "gpt",
            partitions: {
              boot: { size: "1M", type: "EF02" },
              swap: { size: "4G", content: { type: "swap", randomEncryption: true } },
              root: { size: "100%", label: "root", content: { type: "filesystem", format: "ext4", mountpoint: "/" } },
            },
          },
        },
      },
      nodev: { "/tmp": { fsType: "tmpfs", mountOptions: ["size=2G"] } },
    });
  });

  it("runs a user postCreateHook before the blank snapshot, and snapshots another subvolume when told", () => {
    const fs = btrfs({ postCreateHook: "echo made", blankSnapshot: { subvolume: "@", snapshot: "@blank" }, subvolumes: { "@": { mountpoint: "/" } } });
    const lowered = lowerLayout({ disks: { d: gptDisk({ device: "/dev/vda", partitions: { r: partition({ size: "100%", content: fs }) } }) } }) as any;
    const hook = lowered.disk.d.content.partitions.r.content.postCreateHook as string;
    expect(hook.startsWith("echo made\n(\n")).toBe(true);
    expect(hook).toContain('btrfs subvolume snapshot -r "$MNTPOINT"/@ "$MNTPOINT"/@blank');
  });

  it.each([
    ["512MB", () => partition({ size: "512MB" as never })],
    ["1GiB", () => esp({ size: "1GiB" as never })],
    ["1.5G", () => biosBoot({ size: "1.5G" as never })],
  ])("rejects the size %s at the line that wrote it", (size, make) => {
    const e = thrownBy(make);
    expect(e.code).toBe("invalid-disk-layout");
    expect(e.message).toContain(`"${size}" is not a partition size in disko's syntax: use a whole number with an optional K, M, G, T or P suffix ("512M", "1G"; not "512MB", "1GiB" or "1.5G"), or "100%" for the rest of the disk.`);
    expect(e.locations).toEqual([expect.objectContaining({ file: here.file, role: "layout" })]);
  });

  it("rejects a swap file without a unit, a swap file on an unmounted subvolume, and a blank snapshot of a missing subvolume", () => {
    const unit = thrownBy(() => btrfs({ subvolumes: { "/swap": { mountpoint: "/swap", swapfile: { size: "16" as never } } } })); // @swap-unit
    expect(unit.code).toBe("invalid-disk-layout");
    expect(unit.message).toBe('Swap file of subvolume /swap: "16" is not a swap file size in disko\'s syntax: use a whole number with a K, M, G, T or P suffix ("16G").');
    expect(unit.locations).toEqual([{ file: here.file, line: here.line("swap-unit"), column: expect.any(Number), role: "layout" }]);
    const unmounted = thrownBy(() => btrfs({ subvolumes: { "/swap": { swapfile: { size: "8G" } } } }));
    expect(unmounted.message).toContain("Subvolume /swap has a swap file but no mountpoint");
    const blank = thrownBy(() => btrfs({ blankSnapshot: true, subvolumes: { "/nix": { mountpoint: "/nix" } } }));
    expect(blank.message).toBe("The blank snapshot is taken of subvolume /root, which this btrfs filesystem does not have (subvolumes: /nix).");
  });

  it("rejects a disk without a device and relative mountpoints", () => {
    const e = thrownBy(() => gptDisk({ device: undefined as never, partitions: {} })); // @no-device
    expect(e.code).toBe("invalid-disk-layout");
    expect(e.message).toBe("A disk needs its device, a path under /dev (e.g. /dev/disk/by-id/nvme-…); found undefined.");
    expect(e.locations).toEqual([{ file: here.file, line: here.line("no-device"), column: expect.any(Number), role: "layout" }]);
    expect(thrownBy(() => filesystem({ format: "ext4", mountpoint: "srv" })).message).toBe('The mountpoint "srv" is not an absolute path.');
  });
});

describe("diskLayout", () => {
  it("defines disko.devices, each disk and partition located at the line that wrote it", () => {
    const layout = diskLayout({
      disks: {
        main: gptDisk({ // @disk
          device: "/dev/sda",
          partitions: {
            boot: biosBoot(), // @bios
            root: partition({ size: "100%", content: filesystem({ format: "ext4", mountpoint: "/" }) }), // @root
          },
        }),
      },
    });
    const config = evaluate(layout);
    expect(config.disko.devices.disk.main.content.partitions.root.device).toBe("/dev/disk/by-partlabel/disk-main-root");
    const lineOf = (path: string[]) => definitionSites(config, ["disko", "devices", "disk", "main", ...path]).filter((s) => !s.source.file.startsWith("<")).map((s) => [s.source.file, s.source.line]);
    expect(lineOf(["device"])).toEqual([[here.file, here.line("disk")]]);
    expect(lineOf(["content", "partitions", "boot"])).toEqual([[here.file, here.line("bios")]]);
    expect(lineOf(["content", "partitions", "root", "size"])).toEqual([[here.file, here.line("root")]]);
  });

  it("defines device-less mounts (tmpfs) from `nodev`", () => {
    const config = evaluate(diskLayout({ disks: {}, nodev: { "/": { fsType: "tmpfs", mountOptions: ["size=2G", "mode=755"] } } }));
    expect(diskoContributions(config.disko.devices).mounts).toEqual([
      { mountpoint: "/", device: "tmpfs", fsType: "tmpfs", options: ["size=2G", "mode=755"], path: ["nodev", "/"] },
    ]);
  });
});
