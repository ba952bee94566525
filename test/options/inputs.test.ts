// The options of flake inputs (disko, impermanence, OpNix, home-manager) next to the upstream NixOS
// options: values as the inputs compute them, errors with full option paths, and emitted Nix that
// holds only what modules define.

import { describe, expect, it } from "vitest";
import { evalModules, mkDefault, mkForce, mkIf, type Module, type PantherError } from "panther";
import { upstreamDeclarations } from "../../src/options/upstream.ts";
import { thrownBy } from "../helpers/errors.ts";
import { inputOptionsModule } from "../../src/options/inputs/index.ts";
import { definedOptions } from "../../src/core/eval.ts";
import { lowerOptions } from "../../src/compile/lower.ts";
import { definedValue } from "../../src/compile/defined.ts";
import { attrs, file, setLambda } from "../../src/emit/nix-ast.ts";
import { printFile } from "../../src/emit/print.ts";

const allInputs = ["disko", "impermanence", "opnix", "home-manager"];
const host = (...modules: Module[]) =>
  evalModules({ modules: [inputOptionsModule(allInputs), ...modules], lazyDeclarations: upstreamDeclarations("nixos") });
const error = thrownBy;
/** The host file panther would write for these modules' input options. */
const emitted = (config: unknown): string => {
  const options = definedOptions(config)!.options.filter((o) => o.external);
  return printFile(file({ header: [], body: setLambda(["config", "lib", "pkgs"], attrs(lowerOptions(options))) }));
};

describe("inputOptionsModule", () => {
  it("declares the options of the inputs the flake has, and ignores the others", () => {
    const { options } = evalModules({ modules: [inputOptionsModule(["nixpkgs", "disko", "nixos-hardware"])], lazyDeclarations: upstreamDeclarations("nixos") });
    expect(options.disko.devices.type.description).toBe("submodule");
    expect(options.disko.devices.external).toBe(true);
    expect(options["home-manager"]).toBeUndefined();
    const e = error(() => evalModules({ modules: [inputOptionsModule(["disko"]), { environment: { persistence: {} } }], lazyDeclarations: upstreamDeclarations("nixos") }));
    expect(e.code).toBe("undefined-option");
    expect(e.optionPath).toEqual(["environment", "persistence"]);
  });

  it("documents every top-level option", () => {
    const { options } = host();
    const tops = [
      options.disko.devices,
      options.disko.rootMountPoint,
      options.environment.persistence,
      options.services["onepassword-secrets"].secrets,
      options.services["onepassword-secrets"].secretPaths,
      options["home-manager"].users,
      options["home-manager"].useGlobalPkgs,
    ];
    for (const option of tops) {
      expect(option.external).toBe(true);
      expect(option.description).toMatch(/\w/);
    }
  });
});

// ---------------------------------------------------------------- disko

const subvolume = (mountpoint: string) => ({ mountpoint, mountOptions: ["compress=zstd", "noatime"] });
const laptop = {
  disko: {
    devices: {
      disk: {
        main: {
          type: "disk",
          device: "/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R000001",
          content: {
            type: "gpt",
            partitions: {
              ESP: {
                size: "1G",
                type: "EF00",
                content: { type: "filesystem", format: "vfat", mountpoint: "/boot", mountOptions: ["umask=0077"] },
              },
              luks: {
                size: "100%",
                content: {
                  type: "luks",
                  name: "cryptroot",
                  passwordFile: "/run/secret.key",
                  settings: { allowDiscards: true },
                  content: {
                    type: "btrfs",
                    extraArgs: ["-f"],
                    subvolumes: {
                      "/root": subvolume("/"),
                      "/nix": subvolume("/nix"),
                      "/persist": subvolume("/persist"),
                      "/swap": { mountpoint: "/.swapvol", swap: { swapfile: { size: "16G" } } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const hooks = { preCreateHook: "", postCreateHook: "", preMountHook: "", postMountHook: "", preUnmountHook: "", postUnmountHook: "" };
const evaluatedSubvolume = (name: string, mountpoint: string, more = {}) => ({
  name,
  type: "btrfs_subvol",
  extraArgs: [],
  mountOptions: ["compress=zstd", "noatime"],
  mountpoint,
  swap: {},
  ...more,
});

describe("disko", () => {
  it("evaluates a laptop layout (ESP + LUKS → btrfs subvolumes with a swap file) with disko's defaults", () => {
    const { config } = host(laptop);
    const devices = JSON.parse(JSON.stringify(config.disko.devices));
    expect(devices).toEqual({
      bcachefs_filesystems: {},
      lvm_vg: {},
      mdadm: {},
      nodev: {},
      zpool: {},
      disk: {
        main: {
          ...hooks,
          name: "main",
          type: "disk",
          device: "/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R000001",
          destroy: true,
          imageName: "main",
          imageSize: "2G",
          content: {
            ...hooks,
            type: "gpt",
            device: "/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R000001",
            efiGptPartitionFirst: true,
            partitions: {
              ESP: {
                name: "ESP",
                size: "1G",
                type: "EF00",
                label: "disk-main-ESP",
                device: "/dev/disk/by-partlabel/disk-main-ESP",
                priority: 1000,
                start: "0",
                end: "+1G",
                alignment: 0,
                attributes: [],
                uuid: null,
                hybrid: null,
                content: {
                  ...hooks,
                  type: "filesystem",
                  device: "/dev/disk/by-partlabel/disk-main-ESP",
                  format: "vfat",
                  mountpoint: "/boot",
                  mountOptions: ["umask=0077"],
                  extraArgs: [],
                },
              },
              luks: {
                name: "luks",
                size: "100%",
                type: "8300",
                label: "disk-main-luks",
                device: "/dev/disk/by-partlabel/disk-main-luks",
                priority: 9001,
                start: "0",
                end: "-0",
                alignment: 0,
                attributes: [],
                uuid: null,
                hybrid: null,
                content: {
                  ...hooks,
                  type: "luks",
                  device: "/dev/disk/by-partlabel/disk-main-luks",
                  name: "cryptroot",
                  passwordFile: "/run/secret.key",
                  keyFile: null,
                  askPassword: false,
                  settings: { allowDiscards: true },
                  additionalKeyFiles: [],
                  initrdUnlock: true,
                  extraFormatArgs: [],
                  extraOpenArgs: [],
                  content: {
                    ...hooks,
                    type: "btrfs",
                    device: "/dev/mapper/cryptroot",
                    extraArgs: ["-f"],
                    mountOptions: ["defaults"],
                    mountpoint: null,
                    swap: {},
                    subvolumes: {
                      "/root": evaluatedSubvolume("/root", "/"),
                      "/nix": evaluatedSubvolume("/nix", "/nix"),
                      "/persist": evaluatedSubvolume("/persist", "/persist"),
                      "/swap": evaluatedSubvolume("/swap", "/.swapvol", {
                        mountOptions: ["defaults"],
                        swap: { swapfile: { size: "16G", path: "swapfile", priority: null, options: ["defaults"] } },
                      }),
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
  });

  it("emits only what modules define, with priorities, never the defaults disko computes", () => {
    const { config } = host(laptop, { disko: { devices: { disk: { main: { device: mkDefault("/dev/sda"), imageSize: mkForce("8G") } } } } });
    expect(emitted(config)).toBe(`{ config, lib, pkgs, ... }:
{
  disko.devices.disk.main = {
    content = {
      partitions = {
        ESP = {
          content = {
            format = "vfat";
            mountOptions = [ "umask=0077" ];
            mountpoint = "/boot";
            type = "filesystem";
          };
          size = "1G";
          type = "EF00";
        };
        luks = {
          content = {
            content = {
              extraArgs = [ "-f" ];
              subvolumes = {
                "/nix" = {
                  mountOptions = [
                    "compress=zstd"
                    "noatime"
                  ];
                  mountpoint = "/nix";
                };
                "/persist" = {
                  mountOptions = [
                    "compress=zstd"
                    "noatime"
                  ];
                  mountpoint = "/persist";
                };
                "/root" = {
                  mountOptions = [
                    "compress=zstd"
                    "noatime"
                  ];
                  mountpoint = "/";
                };
                "/swap" = {
                  mountpoint = "/.swapvol";
                  swap.swapfile.size = "16G";
                };
              };
              type = "btrfs";
            };
            name = "cryptroot";
            passwordFile = "/run/secret.key";
            settings.allowDiscards = true;
            type = "luks";
          };
          size = "100%";
        };
      };
      type = "gpt";
    };
    device = "/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R000001";
    imageSize = lib.mkForce "8G";
    type = "disk";
  };
}
`);
  });

  const withContent = (content: unknown): Module => ({ disko: { devices: { disk: { main: { device: "/dev/sda", content } } } } });
  const inPartition = (content: unknown) => withContent({ type: "gpt", partitions: { root: { size: "100%", content } } });
  const force = (m: Module) => () => JSON.stringify(host(m).config.disko.devices);

  it("rejects an unknown content type, naming the full path and the valid types", () => {
    const e = error(force(inPartition({ type: "luks", name: "crypt", content: { type: "btrfss" } })));
    expect(e.code).toBe("type-mismatch");
    expect(e.optionPath).toEqual(["disko", "devices", "disk", "main", "content", "partitions", "root", "content", "content", "type"]);
    expect(e.message).toContain("A definition for option `disko.devices.disk.main.content.partitions.root.content.content.type' is not of type");
    expect(e.message).toContain('one of "bcachefs", "btrfs", "filesystem", "gpt", "luks", "lvm_pv", "mdraid", "swap", "table", "zfs"');
    expect(e.message).toContain('"btrfss" is not a disko content type. Did you mean "btrfs"?');
    expect(e.message).toContain('"btrfss"');
  });

  it("rejects a partition table inside a partition, saying where it may go", () => {
    const e = error(force(inPartition({ type: "gpt" })));
    expect(e.code).toBe("type-mismatch");
    expect(e.message).toContain('one of "bcachefs", "btrfs", "filesystem", "luks", "lvm_pv", "mdraid", "swap", "zfs"');
    expect(e.message).toContain('"gpt" is a partition table: it can be the content of a disk, an mdadm array or a LUKS volume');
  });

  it("requires a content type", () => {
    const e = error(force(withContent({ mountpoint: "/" })));
    expect(e.code).toBe("no-value");
    expect(e.message).toContain("`disko.devices.disk.main.content.type' has no value: a disko content needs a `type'");
  });

  it("rejects unknown keys of a content with the close name and the variant's options", () => {
    const e = error(force(withContent({ type: "btrfs", mountpoints: "/" })));
    expect(e.code).toBe("undefined-option");
    expect(e.optionPath).toEqual(["disko", "devices", "disk", "main", "content", "mountpoints"]);
    expect(e.message).toContain("The option `disko.devices.disk.main.content.mountpoints' does not exist.");
    expect(e.message).toContain("Did you mean `disko.devices.disk.main.content.mountpoint'?");
    expect(e.message).toContain('A disko content of type "btrfs" has the options: device, extraArgs, mountOptions, mountpoint,');
    const deeper = error(force(inPartition({ type: "filesystem", format: "ext4", mountOption: ["noatime"] })));
    expect(deeper.optionPath).toEqual(["disko", "devices", "disk", "main", "content", "partitions", "root", "content", "mountOption"]);
    expect(deeper.hint).toBe("Did you mean `disko.devices.disk.main.content.partitions.root.content.mountOptions'?");
  });

  it.each(["512MB", "1GiB", "1.5G", "50%"])("rejects the partition size %s", (size) => {
    const e = error(force(withContent({ type: "gpt", partitions: { root: { size } } })));
    expect(e.code).toBe("type-mismatch");
    expect(e.message).toContain(
      "`disko.devices.disk.main.content.partitions.root.size' is not of type `value \"100%\" (singular enum) or string matching the pattern [0-9]+[KMGTP]?'",
    );
  });

  it.each(["512M", "1G", "2048", "100%"])("accepts the partition size %s", (size) => {
    expect(() => force(withContent({ type: "gpt", partitions: { root: { size } } }))()).not.toThrow();
  });

  it("rejects a swap file size without a unit suffix of disko's kind", () => {
    const e = error(force(withContent({ type: "btrfs", subvolumes: { "/swap": { swap: { swapfile: { size: "16GB" } } } } })));
    expect(e.optionPath).toEqual(["disko", "devices", "disk", "main", "content", "subvolumes", "/swap", "swap", "swapfile", "size"]);
  });

  it("requires a disk's device when the layout is forced", () => {
    const { config } = host({ disko: { devices: { disk: { main: { content: { type: "btrfs" } } } } } });
    // Reading the content's type does not need the device …
    expect(config.disko.devices.disk.main.content.type).toBe("btrfs");
    // … forcing the layout does.
    const e = error(() => JSON.stringify(config.disko.devices));
    expect(e.code).toBe("no-value");
    expect(e.optionPath).toEqual(["disko", "devices", "disk", "main", "device"]);
    expect(e.message).toContain("`disko.devices.disk.main.device'");
  });

  it("merges a layout defined across modules per option, like Nix", () => {
    const base = withContent({ type: "gpt", partitions: { ESP: { size: "512M", type: "EF00" } } });
    const more = { disko: { devices: { disk: { main: { device: mkForce("/dev/vda"), content: { partitions: { root: { size: "100%" } } } } } } } };
    const { config } = host(base, more);
    const main = config.disko.devices.disk.main;
    expect(main.device).toBe("/dev/vda");
    expect(Object.keys(main.content.partitions)).toEqual(["ESP", "root"]);
    expect(main.content.partitions.root.device).toBe("/dev/disk/by-partlabel/disk-main-root");
    const clash = error(() => JSON.stringify(host(withContent({ type: "btrfs" }), withContent({ type: "filesystem" })).config.disko.devices));
    expect(clash.code).toBe("conflicting-definitions");
    expect(clash.optionPath).toEqual(["disko", "devices", "disk", "main", "content", "type"]);
  });

  it("computes partition devices on an mdadm array from the partitions' order", () => {
    const { config } = host({
      disko: {
        devices: {
          mdadm: {
            boot: {
              level: 1,
              content: {
                type: "gpt",
                partitions: {
                  primary: { size: "100%", content: { type: "filesystem", format: "ext4", mountpoint: "/" } },
                  bios: { size: "1M", type: "EF02" },
                },
              },
            },
          },
        },
      },
    });
    const parts = config.disko.devices.mdadm.boot.content.partitions;
    expect(parts.bios.priority).toBe(100);
    expect(parts.bios.device).toBe("/dev/disk/by-id/md-name-any:boot-part1");
    expect(parts.primary.device).toBe("/dev/disk/by-id/md-name-any:boot-part2");
    expect(parts.primary.content.device).toBe("/dev/disk/by-id/md-name-any:boot-part2");
    expect(config.disko.devices.mdadm.boot.content.device).toBe("/dev/md/boot");
  });

  it("declares nodev, LVM, ZFS and swap contents", () => {
    const { config } = host({
      disko: {
        devices: {
          nodev: { "/": { fsType: "tmpfs", mountOptions: ["size=2G", "defaults", "mode=755"] } },
          disk: {
            main: {
              device: "/dev/nvme0n1",
              content: {
                type: "gpt",
                partitions: {
                  swap: { size: "8G", content: { type: "swap", resumeDevice: true } },
                  pv: { size: "100G", content: { type: "lvm_pv", vg: "pool" } },
                  zfs: { size: "100%", content: { type: "zfs", pool: "zroot" } },
                },
              },
            },
          },
          lvm_vg: { pool: { type: "lvm_vg", lvs: { root: { size: "100%FREE", content: { type: "filesystem", format: "xfs", mountpoint: "/srv" } } } } },
          zpool: {
            zroot: {
              mode: "mirror",
              datasets: {
                data: { type: "zfs_fs", mountpoint: "/data", options: { compression: "zstd" } },
                vol: { type: "zfs_volume", size: "10G", content: { type: "filesystem", format: "ext4" } },
              },
            },
          },
        },
      },
    });
    const devices = config.disko.devices;
    expect(devices.nodev["/"].mountpoint).toBe("/");
    expect(devices.nodev["/"].device).toBe("tmpfs");
    expect(devices.disk.main.content.partitions.swap.type).toBe("8200");
    expect(devices.lvm_vg.pool.lvs.root.priority).toBe(1251);
    expect(devices.lvm_vg.pool.lvs.root.content.device).toBe("/dev/pool/root");
    expect(devices.zpool.zroot.datasets.vol.content.device).toBe("/dev/zvol/zroot/vol");
    expect(() => JSON.stringify(devices)).not.toThrow();
    const e = error(() =>
      JSON.stringify(host({ disko: { devices: { zpool: { z: { datasets: { data: { type: "zfs_fss" } } } } } } }).config.disko.devices),
    );
    expect(e.optionPath).toEqual(["disko", "devices", "zpool", "z", "datasets", "data", "type"]);
    expect(e.message).toContain('one of "zfs_fs", "zfs_volume"');
    expect(e.message).toContain('Did you mean "zfs_fs"?');
  });
});

// ---------------------------------------------------------------- impermanence

describe("impermanence", () => {
  const persist = (settings: Record<string, unknown>): Module => ({ environment: { persistence: { "/persist": settings } } });

  it("accepts directories and files as paths or attribute sets, kept as written", () => {
    const { config } = host(
      persist({
        hideMounts: true,
        directories: ["/var/log", "/var/lib/nixos", { directory: "/var/lib/colord", user: "colord", group: "colord", mode: "u=rwx,g=rx,o=" }],
        files: ["/etc/machine-id", { file: "/etc/nix/id_rsa", parentDirectory: { mode: "0700" } }],
        users: { ada: { directories: ["Documents", { directory: ".ssh", mode: "0700" }], files: [".zsh_history"] } },
      }),
    );
    const p = JSON.parse(JSON.stringify(config.environment.persistence))["/persist"];
    expect(p).toEqual({
      enable: true,
      persistentStoragePath: "/persist",
      hideMounts: true,
      allowTrash: false,
      enableWarnings: true,
      enableDebugging: false,
      directories: ["/var/log", "/var/lib/nixos", { directory: "/var/lib/colord", user: "colord", group: "colord", mode: "u=rwx,g=rx,o=" }],
      files: ["/etc/machine-id", { file: "/etc/nix/id_rsa", parentDirectory: { mode: "0700" } }],
      users: { ada: { directories: ["Documents", { directory: ".ssh", mode: "0700" }], files: [".zsh_history"] } },
    });
    expect(emitted(config)).toBe(`{ config, lib, pkgs, ... }:
{
  environment.persistence."/persist" = {
    directories = [
      "/var/log"
      "/var/lib/nixos"
      {
        directory = "/var/lib/colord";
        group = "colord";
        mode = "u=rwx,g=rx,o=";
        user = "colord";
      }
    ];
    files = [
      "/etc/machine-id"
      {
        file = "/etc/nix/id_rsa";
        parentDirectory.mode = "0700";
      }
    ];
    hideMounts = true;
    users.ada = {
      directories = [
        "Documents"
        {
          directory = ".ssh";
          mode = "0700";
        }
      ];
      files = [ ".zsh_history" ];
    };
  };
}
`);
  });

  it("rejects unknown fields of an entry with the close name", () => {
    const e = error(() => JSON.stringify(host(persist({ directories: [{ dir: "/var/lib/x" }] })).config.environment.persistence));
    expect(e.code).toBe("undefined-option");
    expect(e.message).toContain("`environment.persistence.\"/persist\".directories.[definition 1-entry 1].dir' does not exist");
    // A name the key abbreviates comes first: edit distance alone would only offer `user'.
    expect(e.hint).toMatch(/^Did you mean `environment\.persistence\."\/persist"\.directories\.\[definition 1-entry 1\]\.directory'/);
    expect(e.message).toContain("The fields of an impermanence directory entry: directory, user, group, mode, hideMount, allowTrash, persistentStoragePath.");
  });

  it("requires the path of an attribute-set entry and checks its fields", () => {
    expect(error(() => JSON.stringify(host(persist({ files: [{ parentDirectory: { mode: "0700" } }] })).config.environment.persistence)).code).toBe("no-value");
    const e = error(() => JSON.stringify(host(persist({ directories: [{ directory: "/x", hideMount: "yes" }] })).config.environment.persistence));
    expect(e.code).toBe("type-mismatch");
    expect(e.optionPath?.at(-1)).toBe("hideMount");
    expect(error(() => JSON.stringify(host(persist({ directories: [42] })).config.environment.persistence)).code).toBe("type-mismatch");
  });

  it("explains options removed by the v2 rewrite", () => {
    const e = error(() => JSON.stringify(host(persist({ allowOther: true })).config.environment.persistence));
    expect(e.code).toBe("invalid-definition");
    expect(e.message).toContain("can no longer be used since it's been removed. As real bind mounts are now used instead of bindfs");
    const method = error(() => JSON.stringify(host(persist({ directories: [{ directory: "/x", method: "symlink" }] })).config.environment.persistence));
    expect(method.code).toBe("invalid-definition");
  });
});

// ---------------------------------------------------------------- OpNix

describe("OpNix", () => {
  const secrets = (secret: Record<string, unknown>, name = "dbPassword"): Module => ({
    services: { "onepassword-secrets": { enable: true, secrets: { [name]: secret } } },
  });
  const force = (m: Module) => () => JSON.stringify(host(m).config.services["onepassword-secrets"]);

  it("checks secret references offline", () => {
    const e = error(force(secrets({ reference: "op:vault/item" })));
    expect(e.code).toBe("type-mismatch");
    expect(e.optionPath).toEqual(["services", "onepassword-secrets", "secrets", "dbPassword", "reference"]);
    expect(e.message).toContain("1Password secret reference op://<vault>/<item>[/<section>]/<field>");
    expect(error(force(secrets({ reference: "op://vault/item" }))).code).toBe("type-mismatch");
    expect(force(secrets({ reference: "op://vault/item/field" }))).not.toThrow();
    expect(force(secrets({ reference: "op://Private/Postgres/credentials/password" }))).not.toThrow();
    expect(force(secrets({ reference: "op://Private/SSH key/private key?ssh-format=openssh" }))).not.toThrow();
    // What OpNix's own pattern (^op://[^/]+/[^/]+/.+$) lets through and the 1Password SDK refuses.
    for (const reference of ["op://a/b/c/d/e", "op://vault/item/", "op://vault/item/field?attribute=nope"]) {
      expect(error(force(secrets({ reference }))).code).toBe("type-mismatch");
    }
  });

  it("checks secret names and modes as OpNix does", () => {
    const name = error(force(secrets({ reference: "op://v/i/f" }, "db-password")));
    expect(name.code).toBe("invalid-definition");
    expect(name.message).toContain("The secret name `db-password' of `services.onepassword-secrets.secrets' is invalid");
    expect(error(force(secrets({ reference: "op://v/i/f", mode: "rw-------" }))).optionPath?.at(-1)).toBe("mode");
  });

  it("computes secretPaths, which modules read and cannot set", () => {
    const { config } = host(secrets({ reference: "op://v/i/f", services: ["postgresql"] }), secrets({ reference: "op://v/c/f", path: "/etc/ssl/app.pem" }, "sslCert"));
    const cfg = config.services["onepassword-secrets"];
    expect(cfg.secretPaths).toEqual({ dbPassword: "/var/lib/opnix/secrets/dbPassword", sslCert: "/etc/ssl/app.pem" });
    expect(cfg.secrets.dbPassword).toMatchObject({ kind: "field", owner: "root", group: "root", mode: "0600", services: ["postgresql"] });
    expect(cfg.tokenFile).toBe("/etc/opnix-token");
    expect(emitted(config)).not.toContain("secretPaths");
    const readOnly = error(() => host(secrets({ reference: "op://v/i/f" }), { services: { "onepassword-secrets": { secretPaths: { x: "/y" } } } }).config.services["onepassword-secrets"].secretPaths);
    expect(readOnly.code).toBe("read-only");
    expect(host().config.services["onepassword-secrets"].secretPaths).toEqual({});
  });
});

// ---------------------------------------------------------------- home-manager

describe("home-manager", () => {
  it("merges a user's configuration per key across modules, with mkForce and mkIf at any depth", () => {
    const a: Module = {
      "home-manager": {
        useGlobalPkgs: true,
        useUserPackages: true,
        users: {
          ada: {
            home: { stateVersion: "25.05", packages: [] },
            programs: { git: { enable: true, userName: "Ada" }, zsh: mkIf(false, { enable: true }) },
          },
        },
      },
    };
    const b: Module = { "home-manager": { users: { ada: { programs: { git: { enable: mkForce(false) }, helix: { enable: true } } } } } };
    const { config } = host(a, b);
    const hm = config["home-manager"];
    // Only what modules define: a user's 3,753 home-manager options are not all forced.
    expect(definedValue(hm.users)).toEqual({
      ada: { home: { stateVersion: "25.05", packages: [] }, programs: { git: { enable: false, userName: "Ada" }, helix: { enable: true } } },
    });
    expect(hm.backupFileExtension).toBeNull();
    expect(hm.sharedModules).toEqual([]);
    // Typed options keep their own priorities, as at the top level.
    expect(emitted(config)).toContain("programs = {\n        git = {\n          enable = lib.mkForce false;\n          userName = \"Ada\";");
  });

  it("still fails on conflicting values of the same key", () => {
    const user = (enable: boolean): Module => ({ "home-manager": { users: { ada: { programs: { git: { enable } } } } } });
    const e = error(() => definedValue(host(user(true), user(false)).config["home-manager"].users));
    expect(e.code).toBe("conflicting-definitions");
    expect(e.optionPath).toEqual(["home-manager", "users", "ada", "programs", "git", "enable"]);
  });
});
