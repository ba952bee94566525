// panther.impermanence on hosts with raw disko layouts (LUKS and plain): what it emits (persistence,
// the rollback unit, neededForBoot), the persistence checks with their files and lines, and that
// the emitted Nix parses.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defineModule, type Module, type PantherError } from "panther";
import impermanence from "../../modules/core/impermanence.ts";
import { compileHost, evaluateHost } from "../../src/compile/index.ts";
import { takesBlankSnapshot } from "../../src/compile/checks/impermanence.ts";
import { blankSnapshotHook, diskLayoutModule, impermanenceProject, laptopDisko, serverDisko } from "../fixtures/impermanence/layouts.ts";
import { thrownBy } from "../helpers/errors.ts";
import { nixParse, runNixTests } from "../helpers/nix.ts";

const here = new URL(import.meta.url).pathname;
const layoutsFile = new URL("../fixtures/impermanence/layouts.ts", import.meta.url).pathname;
const moduleFile = new URL("../../modules/core/impermanence.ts", import.meta.url).pathname;

/** The line of the first line of `file` containing `marker`. */
function lineOf(file: string, marker: string): number {
  const index = readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes(marker));
  if (index < 0) throw new Error(`no ${marker} in ${file}`);
  return index + 1;
}

const layoutLine = lineOf(layoutsFile, "// disk layout");

function host(devices: unknown, settings: object = {}, extra: Module[] = []): Module {
  return defineModule({ imports: [impermanence, diskLayoutModule(devices), ...extra], panther: { impermanence: { enable: true, ...settings } } }); // host
}

const build = (module: Module) => compileHost(impermanenceProject({ h: module }), "h");
const config = (module: Module) => evaluateHost(impermanenceProject({ h: module }), "h").config as any;

const alice = defineModule({ users: { users: { alice: { isNormalUser: true } } } });

describe("a LUKS laptop", () => {
  const c = config(host(laptopDisko(), { users: { alice: { directories: [".ssh", { directory: ".gnupg", mode: "0700" }], files: [".bash_history"] } } }, [alice]));

  it("derives the device through LUKS", () => expect(c.panther.impermanence.device).toBe("/dev/mapper/cryptroot"));

  it("persists the base state into /persist, not /var/log (its own subvolume)", () => {
    const p = c.environment.persistence["/persist"];
    expect(p.hideMounts).toBe(true);
    expect(p.directories).toEqual(["/var/lib/nixos", "/var/lib/systemd"]);
    expect(p.files).toEqual([
      "/etc/machine-id",
      "/etc/ssh/ssh_host_ed25519_key",
      "/etc/ssh/ssh_host_ed25519_key.pub",
      "/etc/ssh/ssh_host_rsa_key",
      "/etc/ssh/ssh_host_rsa_key.pub",
    ]);
    expect(p.users.alice.directories).toEqual([".ssh", { directory: ".gnupg", mode: "0700" }]);
    expect(p.users.alice.files).toEqual([".bash_history"]);
  });

  it("rolls the root back in the initrd after the LUKS volume is open", () => {
    expect(c.boot.initrd.systemd.enable).toBe(true);
    const unit = c.boot.initrd.systemd.services["rollback-root"];
    expect(unit.unitConfig).toEqual({ DefaultDependencies: false });
    expect(unit.serviceConfig).toEqual({ Type: "oneshot" });
    expect(unit.wantedBy).toEqual(["initrd.target"]);
    expect(unit.before).toEqual(["sysroot.mount"]);
    expect(unit.requires).toEqual(["dev-mapper-cryptroot.device"]);
    expect(unit.after).toEqual(["dev-mapper-cryptroot.device", "systemd-cryptsetup@cryptroot.service", "local-fs-pre.target"]);
    expect(unit.script).toContain("mount -t btrfs -o subvol=/ '/dev/mapper/cryptroot' /btrfs_tmp");
    expect(unit.script).toContain("delete_subvolume_recursively '/btrfs_tmp/root'");
    expect(unit.script).toContain("btrfs subvolume snapshot '/btrfs_tmp/root-blank' '/btrfs_tmp/root'");
    expect(c.boot.initrd.systemd.initrdBin.map(String)).toEqual(["pkgs.btrfs-progs"]);
  });

  it("mounts /persist, /var/log and /home (alice's files are under it) in the initrd", () => {
    const needed = Object.entries(c.fileSystems as Record<string, any>).filter(([, fs]) => fs.neededForBoot).map(([mp]) => mp);
    expect(needed).toEqual(["/home", "/persist", "/var/log"]);
  });
});

describe("a plain btrfs server", () => {
  const c = config(host(serverDisko()));

  it("persists /var/log, which is on the root", () => expect(c.environment.persistence["/persist"].directories).toContain("/var/log"));

  it("waits for the partition's device unit, escaped as systemd does", () => {
    const unit = c.boot.initrd.systemd.services["rollback-root"];
    const device = "dev-disk-by\\x2dpartlabel-disk\\x2dmain\\x2droot.device";
    expect(unit.requires).toEqual([device]);
    expect(unit.after).toEqual([device, "local-fs-pre.target"]);
  });

  it("mounts only /persist in the initrd", () => {
    expect(Object.keys(c.fileSystems)).toEqual(["/persist"]);
    expect(c.fileSystems["/persist"].neededForBoot).toBe(true);
  });

  it("takes an explicit device over the derived one", () => {
    const explicit = config(host(serverDisko(), { device: "/dev/disk/by-partlabel/disk-main-root" }));
    expect(explicit.boot.initrd.systemd.services["rollback-root"].after[0]).toBe("dev-disk-by\\x2dpartlabel-disk\\x2dmain\\x2droot.device");
  });

  it("adds a service's state defined by another module", () => {
    const tailscale = defineModule({ panther: { impermanence: { directories: ["/var/lib/tailscale"] } } });
    expect(config(host(serverDisko(), {}, [tailscale])).environment.persistence["/persist"].directories).toContain("/var/lib/tailscale");
  });
});

describe("emitted Nix", () => {
  it("is byte-identical across builds and holds the unit", () => {
    const text = build(host(laptopDisko())).files[0]!.text;
    expect(text).toBe(build(host(laptopDisko())).files[0]!.text);
    expect(text).toContain('services.rollback-root = {');
    expect(text).toContain('"/persist".neededForBoot = true;');
  });

  it.skipIf(!runNixTests())("parses with nix-instantiate", () => {
    for (const module of [host(laptopDisko()), host(serverDisko())]) {
      for (const file of build(module).files) expect(nixParse(file.text), file.path).toMatchObject({ ok: true });
    }
  });
});

describe("persistence checks", () => {
  const failure = (module: Module): PantherError => thrownBy(() => build(module));
  const at = (file: string, line: number) => expect.objectContaining({ file, line });

  it("fails when /persist is not in the disk layout", () => {
    const devices = serverDisko({ "/root": { mountpoint: "/" }, "/nix": { mountpoint: "/nix" } });
    const error = failure(host(devices));
    expect(error.code).toBe("persistence");
    expect(error.message).toContain("`/persist' (persistent storage of environment.persistence.\"/persist\") is not a filesystem of its own in the disk layout");
    expect(error.locations).toEqual(expect.arrayContaining([at(here, lineOf(here, "// host")), at(layoutsFile, layoutLine)]));
  });

  it("fails when persistent storage is on a filesystem not mounted in the initrd", () => {
    const data = defineModule({ environment: { persistence: { "/data": { directories: ["/var/lib/data"] } } } }); // raw persistence
    const devices = serverDisko({ "/root": { mountpoint: "/" }, "/nix": { mountpoint: "/nix" }, "/persist": { mountpoint: "/persist" }, "/data": { mountpoint: "/data" } });
    const error = failure(host(devices, {}, [data]));
    expect(error.code).toBe("persistence");
    expect(error.message).toContain('`/data\' holds persistent storage (environment.persistence."/data") but is not mounted in the initrd');
    expect(error.locations).toEqual(expect.arrayContaining([at(here, lineOf(here, "// raw persistence")), at(layoutsFile, layoutLine)]));
  });

  it("fails when the root is not a btrfs subvolume", () => {
    const devices = {
      disk: { main: { device: "/dev/sda", content: { type: "gpt", partitions: { root: { size: "100%", content: { type: "filesystem", format: "ext4", mountpoint: "/" } } } } } },
    };
    const error = failure(host(devices));
    expect(error.code).toBe("persistence");
    expect(error.message).toContain("2 host checks failed");
    expect(error.message).toContain("panther.impermanence restores the root from a btrfs snapshot, but `/' is a ext4 filesystem.");
    expect(error.locations).toEqual(expect.arrayContaining([at(here, lineOf(here, "// host")), at(layoutsFile, layoutLine)]));
  });

  it("fails when the root subvolume is not the one panther rolls back", () => {
    const error = failure(host(laptopDisko(), { rootSubvolume: "@" }));
    expect(error.message).toContain("The root subvolume is `root' but panther.impermanence.rootSubvolume is `@'");
    expect(error.locations).toEqual(expect.arrayContaining([at(layoutsFile, layoutLine)]));
  });

  it("fails when no blank snapshot is taken", () => {
    const error = failure(host(laptopDisko("echo formatted")));
    expect(error.code).toBe("persistence");
    expect(error.message).toContain("No blank snapshot: the root btrfs filesystem's postCreateHook does not run `btrfs subvolume snapshot -r …/root …/root-blank'");
    expect(error.locations).toEqual(expect.arrayContaining([at(here, lineOf(here, "// host")), at(layoutsFile, layoutLine)]));
  });

  it("fails when a path is persisted twice, naming both definitions", () => {
    const twice = defineModule({ panther: { impermanence: { directories: ["/var/lib/nixos"] } } }); // persisted again
    const error = failure(host(serverDisko(), {}, [twice]));
    expect(error.code).toBe("persistence");
    expect(error.message).toBe("The directory `/var/lib/nixos' is persisted 2 times; impermanence fails the NixOS evaluation when a directory is listed more than once.");
    // The base state is defined by the module's defaults, the second time by the test's module.
    expect(error.locations).toEqual([
      at(moduleFile, lineOf(moduleFile, "const derived = defineModule(")),
      at(here, lineOf(here, "// persisted again")),
    ]);
  });

  it("counts users' paths under their home", () => {
    const error = failure(host(serverDisko(), { users: { root: { files: [".bash_history", ".bash_history"] } } }));
    expect(error.message).toContain("The file `/root/.bash_history' is persisted 2 times");
  });
});

describe("takesBlankSnapshot", () => {
  it.each([
    [blankSnapshotHook("/dev/mapper/cryptroot"), true],
    ['btrfs subvolume snapshot -r "$MNTPOINT"/root "$MNTPOINT"/root-blank', true],
    ["btrfs subvolume snapshot -r /mnt/root /mnt/root-blank", true],
    // Writable, of another subvolume, or to another name: no rollback source.
    ["btrfs subvolume snapshot /mnt/root /mnt/root-blank", false],
    ["btrfs subvolume snapshot -r /mnt/home /mnt/root-blank", false],
    ["btrfs subvolume snapshot -r /mnt/root /mnt/blank", false],
    ["", false],
  ])("%s → %s", (hook, expected) => expect(takesBlankSnapshot(hook, "root", "root-blank")).toBe(expected));
});
