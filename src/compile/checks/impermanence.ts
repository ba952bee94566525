// Impermanence mistakes NixOS reports late or never: persistent storage that is not a filesystem
// of its own (so it is wiped with the root), a root the initrd cannot roll back (not a btrfs
// subvolume, no blank snapshot taken by disko), and a path persisted twice (impermanence's
// assertion at NixOS evaluation), each with the persistence definition and the disk layout's line.

import type { RelatedLocation } from "../../core/errors.ts";
import { diskoContributions, type DiskoBtrfs, type DiskoContributions, type DiskoMount } from "../../disks/contributions.ts";
import { registerHostChecks, type CheckContext, type Finding, type HostCheck } from "./index.ts";
import { definitionSites, siteLocations, type Site } from "./sites.ts";

type Config = CheckContext["config"];

/** The disk layout disko will mount, or undefined when the host has none. */
function layoutOf(config: Config): DiskoContributions | undefined {
  const devices = config.disko?.devices;
  if (!devices) return undefined;
  const layout = diskoContributions(devices);
  return layout.mounts.length > 0 ? layout : undefined;
}

/** The mount a path lives on: the longest mountpoint that is the path or one of its parents. */
function mountOf(path: string, mounts: readonly DiskoMount[]): DiskoMount | undefined {
  const under = (mp: string) => mp === "/" || path === mp || path.startsWith(`${mp}/`);
  return mounts.filter((m) => under(m.mountpoint)).sort((a, b) => b.mountpoint.length - a.mountpoint.length)[0];
}

/** The definitions of a node of the disk layout, or of the closest node above it that has some. */
function layoutSites(config: Config, path: readonly string[] = []): RelatedLocation[] {
  for (let depth = path.length; depth >= 0; depth--) {
    // Defaults disko derives (a partition's device, …) are located in disko's files, not the layout's.
    const sites = definitionSites(config, ["disko", "devices", ...path.slice(0, depth)]).filter((s) => !s.source.file.startsWith("<"));
    if (sites.length > 0) return siteLocations(sites, "disk layout");
  }
  return [];
}

/** Where a module set an option (the option's default, at its declaration, is not a definition). */
const setBy = (config: Config, path: readonly string[], role: string) =>
  siteLocations(definitionSites(config, path).filter((s) => s.priority < 1500), role);

/** The file declaring panther.impermanence: its definitions of environment.persistence stand for the user's panther.impermanence ones. */
function pantherModuleFile(options: CheckContext["options"]): string | undefined {
  return options.panther?.impermanence?.enable?.declarations?.[0]?.file;
}

const trimSlashes = (name: string) => name.replace(/^\/+|\/+$/g, "");

// ---------------------------------------------------------------- what is persisted, and where it is written

interface Entry {
  readonly kind: "directory" | "file";
  /** The path the entry appears at on the running system. */
  readonly path: string;
  /** Where it is stored. */
  readonly storage: string;
  readonly sites: readonly Site[];
}

interface Persistence {
  /** `environment.persistence.<key>`. */
  readonly key: string;
  readonly storage: string;
  readonly locations: readonly RelatedLocation[];
  readonly entries: readonly Entry[];
}

const entryPath = (entry: unknown): string | undefined => {
  if (typeof entry === "string") return entry;
  const record = entry as Record<string, unknown> | null;
  const path = record?.directory ?? record?.file;
  return typeof path === "string" ? path : undefined;
};

const joinPath = (...parts: string[]) => `/${parts.map(trimSlashes).filter((p) => p !== "").join("/")}`;

/** A user's home, as impermanence takes it (users.users.<name>.home; NixOS' default for a normal user). */
function homeOf(config: Config, name: string): string {
  const home = config.users?.users?.[name]?.home;
  return typeof home === "string" && home !== "/var/empty" ? home : name === "root" ? "/root" : `/home/${name}`;
}

/**
 * The definitions listing a persistence list (`environment.persistence."/persist".directories`),
 * those written by the panther.impermanence module replaced by the user's panther.impermanence
 * definitions they come from.
 */
function listSites(ctx: CheckContext, nixos: readonly string[], panther: readonly string[] | undefined): Site[] {
  const moduleFile = pantherModuleFile(ctx.options);
  const sites = definitionSites(ctx.config, nixos);
  if (!panther || moduleFile === undefined || !sites.some((s) => s.source.file === moduleFile)) return sites;
  return [...sites.filter((s) => s.source.file !== moduleFile), ...definitionSites(ctx.config, panther)];
}

function persistences(ctx: CheckContext): Persistence[] {
  const { config } = ctx;
  const all = (config.environment?.persistence ?? {}) as Record<string, any>;
  const panther = config.panther?.impermanence;
  const out: Persistence[] = [];
  for (const key of Object.keys(all).sort()) {
    const value = all[key];
    if (!value.enable) continue;
    const storage = String(value.persistentStoragePath);
    const fromPanther = panther?.enable === true && panther.persistPath === key;
    const entries: Entry[] = [];
    const collect = (kind: Entry["kind"], list: unknown[], nixos: string[], pantherPath: string[] | undefined, home?: string) => {
      const sites = listSites(ctx, nixos, fromPanther ? pantherPath : undefined);
      for (const item of list) {
        const path = entryPath(item);
        if (path === undefined) continue;
        const own = (item as Record<string, unknown>)?.persistentStoragePath;
        const full = home === undefined ? path : joinPath(home, path);
        const listing = sites.filter((s) => Array.isArray(s.value) && (s.value as unknown[]).some((v) => entryPath(v) === path));
        entries.push({ kind, path: full, storage: typeof own === "string" ? own : storage, sites: listing });
      }
    };
    const base = ["environment", "persistence", key];
    collect("directory", value.directories, [...base, "directories"], ["panther", "impermanence", "directories"]);
    collect("file", value.files, [...base, "files"], ["panther", "impermanence", "files"]);
    for (const user of Object.keys(value.users ?? {}).sort()) {
      const u = value.users[user];
      const userBase = [...base, "users", user];
      const pantherUser = ["panther", "impermanence", "users", user];
      collect("directory", u.directories, [...userBase, "directories"], [...pantherUser, "directories"], homeOf(config, user));
      collect("file", u.files, [...userBase, "files"], [...pantherUser, "files"], homeOf(config, user));
    }
    const pantherSites = fromPanther ? setBy(config, ["panther", "impermanence", "persistPath"], "persistence") : [];
    const locations = pantherSites.length
      ? pantherSites
      : fromPanther
        ? setBy(config, ["panther", "impermanence", "enable"], "persistence")
        : siteLocations(
            definitionSites(config, ["environment", "persistence"]).filter((s) => typeof s.value === "object" && s.value !== null && Object.hasOwn(s.value, key)),
            "persistence",
          );
    out.push({ key, storage, locations, entries });
  }
  return out;
}

/** Whether the root is wiped at every boot: panther's rollback, or a tmpfs root. */
function rootIsWiped(config: Config, layout: DiskoContributions): boolean {
  return config.panther?.impermanence?.enable === true || layout.mounts.some((m) => m.mountpoint === "/" && m.fsType === "tmpfs");
}

// ---------------------------------------------------------------- the checks

const persistentStorage: HostCheck = {
  name: "persistent-storage",
  description: "persistent storage (/persist) that is not a filesystem of its own, or not mounted in the initrd",
  *run(ctx) {
    const layout = layoutOf(ctx.config);
    if (!layout || !rootIsWiped(ctx.config, layout)) return;
    for (const p of persistences(ctx)) {
      const storages = [...new Set([p.storage, ...p.entries.map((e) => e.storage)])].sort();
      for (const storage of storages) {
        const mount = mountOf(storage, layout.mounts);
        if (!mount || mount.mountpoint === "/") {
          yield {
            severity: "error",
            code: "persistence",
            message: `\`${storage}' (persistent storage of environment.persistence."${p.key}") is not a filesystem of its own in the disk layout: it would be on the root filesystem, which is wiped at every boot.`,
            optionPath: ["environment", "persistence", p.key],
            locations: [...p.locations, ...(mount ? layoutSites(ctx.config, mount.path) : layoutSites(ctx.config))],
            hint: `Add a subvolume mounted at ${storage} to the root btrfs filesystem (e.g. "/persist": { mountpoint: "/persist" }).`,
          };
          continue;
        }
        if (ctx.config.fileSystems?.[mount.mountpoint]?.neededForBoot !== true) {
          yield {
            severity: "error",
            code: "persistence",
            message: `\`${mount.mountpoint}' holds persistent storage (environment.persistence."${p.key}") but is not mounted in the initrd: impermanence asserts fileSystems."${mount.mountpoint}".neededForBoot = true.`,
            optionPath: ["fileSystems", mount.mountpoint, "neededForBoot"],
            locations: [...p.locations, ...layoutSites(ctx.config, mount.path)],
            hint: `Set fileSystems."${mount.mountpoint}".neededForBoot = true (panther.impermanence does it for its own persistPath).`,
          };
        }
      }
    }
  },
};

/** Whether a postCreateHook takes the read-only snapshot `blank` of subvolume `root`. */
export function takesBlankSnapshot(hook: string, root: string, blank: string): boolean {
  const endsWith = (word: string, name: string) => {
    const bare = word.replace(/["']/g, "");
    return trimSlashes(bare) === name || bare.endsWith(`/${name}`);
  };
  return hook.split("\n").some((line) => {
    const words = line.trim().split(/\s+/);
    const at = words.findIndex((w, i) => w === "btrfs" && words[i + 1] === "subvolume" && words[i + 2] === "snapshot");
    if (at < 0) return false;
    const args = words.slice(at + 3);
    const positional = args.filter((a) => !a.startsWith("-"));
    return args.includes("-r") && positional.length >= 2 && endsWith(positional[0]!, root) && endsWith(positional[1]!, blank);
  });
}

const rollbackRoot: HostCheck = {
  name: "impermanence-root",
  description: "a root the initrd cannot roll back: not a btrfs subvolume, another device, or no blank snapshot taken at format time",
  *run(ctx) {
    const { config } = ctx;
    const cfg = config.panther?.impermanence;
    const layout = layoutOf(config);
    if (cfg?.enable !== true || !layout) return;
    const enabled = setBy(config, ["panther", "impermanence", "enable"], "impermanence");
    const root = layout.mounts.find((m) => m.mountpoint === "/");
    const rootName = trimSlashes(cfg.rootSubvolume);
    const fail = (message: string, locations: RelatedLocation[], hint?: string): Finding => ({
      severity: "error",
      code: "persistence",
      message,
      optionPath: ["panther", "impermanence"],
      locations: [...enabled, ...locations],
      ...(hint ? { hint } : {}),
    });
    if (!root || root.fsType !== "btrfs" || root.subvolume === undefined) {
      yield fail(
        root
          ? `panther.impermanence restores the root from a btrfs snapshot, but \`/' is ${root.fsType === "btrfs" ? "the top of a btrfs filesystem, not a subvolume" : `a ${root.fsType} filesystem`}.`
          : "panther.impermanence restores the root from a btrfs snapshot, but the disk layout mounts nothing at `/'.",
        root ? layoutSites(config, root.path) : layoutSites(config),
        `Mount a btrfs subvolume "/${rootName}" at "/" (the laptop and server layouts in docs/impermanence.md).`,
      );
      return;
    }
    if (trimSlashes(root.subvolume) !== rootName) {
      yield fail(
        `The root subvolume is \`${trimSlashes(root.subvolume)}' but panther.impermanence.rootSubvolume is \`${rootName}': the rollback would delete and restore another subvolume.`,
        [...layoutSites(config, root.path), ...setBy(config, ["panther", "impermanence", "rootSubvolume"], "definition")],
      );
    }
    if (cfg.device !== root.device) {
      yield fail(
        `panther.impermanence.device is \`${cfg.device}' but the root subvolume is on \`${root.device}': the rollback would wipe another filesystem.`,
        [...setBy(config, ["panther", "impermanence", "device"], "definition"), ...layoutSites(config, root.path)],
      );
    }
    const fs = layout.btrfs.find((b: DiskoBtrfs) => b.subvolumes.some((s) => s.mountpoint === "/"));
    const blank = trimSlashes(cfg.blankSnapshot);
    if (fs && !takesBlankSnapshot(fs.hooks.postCreateHook, rootName, blank)) {
      yield fail(
        `No blank snapshot: the root btrfs filesystem's postCreateHook does not run \`btrfs subvolume snapshot -r …/${rootName} …/${blank}', so the rollback has nothing to restore the root from.`,
        layoutSites(config, fs.path),
        "Give the btrfs content `blankSnapshot: true` (or a postCreateHook taking the read-only snapshot) and format the disk with it.",
      );
    }
  },
};

const persistedTwice: HostCheck = {
  name: "persisted-twice",
  description: "a file or directory persisted twice (impermanence's assertion at NixOS evaluation)",
  *run(ctx) {
    const entries = persistences(ctx).flatMap((p) => p.entries);
    const byPath = new Map<string, Entry[]>();
    for (const e of entries) byPath.set(`${e.kind} ${e.path}`, [...(byPath.get(`${e.kind} ${e.path}`) ?? []), e]);
    for (const [, same] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
      if (same.length < 2) continue;
      const { kind, path } = same[0]!;
      const locations = same.flatMap((e) => siteLocations(e.sites, "persistence", path));
      const unique = locations.filter((l, i) => locations.findIndex((o) => o.file === l.file && o.line === l.line) === i);
      yield {
        severity: "error",
        code: "persistence",
        message: `The ${kind} \`${path}' is persisted ${same.length} times; impermanence fails the NixOS evaluation when a ${kind} is listed more than once.`,
        optionPath: ["environment", "persistence"],
        locations: unique,
        hint: unique.length > 1 ? "Keep one of the definitions." : "The same module lists it twice; keep one.",
      };
    }
  },
};

registerHostChecks(persistentStorage, rollbackRoot, persistedTwice);
