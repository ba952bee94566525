// Disk layout checks: a layout disko cannot create (two "100%" partitions on one disk, a disk
// without a device, a mountpoint used twice), kernel device names on laptops, and mounts or swap
// that another module defines next to the layout's (NixOS would merge two devices into one mount).

import { showOption } from "../../core/errors.ts";
import { registerHostChecks, type CheckContext, type Finding, type HostCheck } from "./index.ts";
import { definitionSites } from "./sites.ts";
import { disksWithoutDevice, diskoDevices, hostLayout, layoutLocations, showSites, userSites } from "./disko-layout.ts";

type Node = Record<string, any>;

/** Partition tables of the layout: each disk's and each mdadm array's GPT, with its option path. */
function gptTables(devices: Node): { owner: string; path: string[]; table: Node }[] {
  const out: { owner: string; path: string[]; table: Node }[] = [];
  for (const kind of ["disk", "mdadm"] as const) {
    for (const name of Object.keys(devices[kind] ?? {}).sort()) {
      const content = devices[kind][name].content as Node | null;
      if (content?.type === "gpt") out.push({ owner: `${kind === "disk" ? "Disk" : "mdadm array"} \`${name}'`, path: [kind, name, "content"], table: content });
    }
  }
  return out;
}

function* layoutProblems(ctx: CheckContext): Generator<Finding> {
  const devices = diskoDevices(ctx);
  if (!devices) return;
  for (const name of disksWithoutDevice(devices)) {
    const locations = layoutLocations(ctx.config, ["disk", name], "the disk");
    yield {
      severity: "error",
      code: "invalid-disk-layout",
      message: `Disk \`${name}' of the disk layout has no device (${locations.length ? showSites(locations) : "disko.devices.disk." + name}): disko needs the block device it partitions.`,
      optionPath: ["disko", "devices", "disk", name, "device"],
      locations,
      hint: "Set its `device`, e.g. /dev/disk/by-id/nvme-… (the names are in the host's facter.json), or /dev/sda on a single-disk VM.",
    };
  }
  for (const { owner, path, table } of gptTables(devices)) {
    const rest = Object.keys(table.partitions).sort().filter((p) => table.partitions[p].size === "100%");
    if (rest.length < 2) continue;
    const locations = rest.flatMap((p) => layoutLocations(ctx.config, [...path, "partitions", p], `partition ${p}`));
    const listed = rest.map((p) => `\`${p}' (${showSites(layoutLocations(ctx.config, [...path, "partitions", p]))})`).join(", ");
    yield {
      severity: "error",
      code: "invalid-disk-layout",
      message: `${owner} has ${rest.length} partitions of size "100%": ${listed}. Only one partition can take the rest of the disk.`,
      optionPath: ["disko", "devices", ...path, "partitions"],
      locations,
      hint: 'Give all but the last partition a size ("512M", "8G").',
    };
  }
  const layout = hostLayout(ctx);
  for (const [mountpoint, mounts] of groupBy(layout?.mounts ?? [], (m) => m.mountpoint)) {
    if (mounts.length < 2) continue;
    const locations = mounts.flatMap((m) => layoutLocations(ctx.config, m.path, showOption(m.path)));
    yield {
      severity: "error",
      code: "invalid-disk-layout",
      message: `The disk layout mounts ${mountpoint} ${mounts.length} times (${mounts.map((m) => showOption(m.path)).join(", ")}; ${showSites(locations)}): NixOS would merge them into one mount with the options of both.`,
      optionPath: ["disko", "devices", ...mounts[0]!.path],
      locations,
    };
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

/** Kernel names, numbered in detection order: /dev/nvme0n1, /dev/sda, /dev/vda, /dev/mmcblk0. */
const kernelName = /^\/dev\/(nvme\d+n\d+|[shv]d[a-z]+|xvd[a-z]+|mmcblk\d+)$/;

function* unstablePaths(ctx: CheckContext): Generator<Finding> {
  const devices = diskoDevices(ctx);
  const laptop = (ctx.host.tags ?? []).includes("laptop") || ctx.facts?.system.formFactor === "laptop";
  if (!devices || !laptop) return;
  for (const name of Object.keys(devices.disk ?? {}).sort()) {
    if (disksWithoutDevice(devices).includes(name)) continue;
    const device = devices.disk[name].device as string;
    if (!kernelName.test(device)) continue;
    const byId = ctx.facts?.disks.find((d) => d.path === device)?.byId[0];
    yield {
      severity: "warning",
      code: "unstable-device-path",
      message: `Disk \`${name}' of laptop ${ctx.host.name} is ${device}: kernel names follow detection order, and with two NVMe drives disko can partition the wrong one.`,
      optionPath: ["disko", "devices", "disk", name, "device"],
      locations: layoutLocations(ctx.config, ["disk", name, "device"], device),
      hint: byId ? `Use /dev/disk/by-id/${byId} (from ${ctx.facts!.source}).` : "Use its /dev/disk/by-id/… name (see the host's facter.json or `ls -l /dev/disk/by-id`).",
    };
  }
}

/** What a module may add to a mount disko defines: impermanence marks mounts needed in the initrd. */
const additive = new Set(["neededForBoot", "options", "depends", "noCheck"]);

function* mountConflicts(ctx: CheckContext): Generator<Finding> {
  const layout = hostLayout(ctx);
  if (!layout) return;
  const seen = new Set<string>();
  for (const mount of layout.mounts) {
    if (seen.has(mount.mountpoint)) continue;
    seen.add(mount.mountpoint);
    const path = ["fileSystems", mount.mountpoint];
    const clashing = userSites(definitionSites(ctx.config, path)).filter(
      (s) => typeof s.value !== "object" || s.value === null || Object.keys(s.value).some((k) => !additive.has(k)),
    );
    if (clashing.length === 0) continue;
    const keys = [...new Set(clashing.flatMap((s) => (s.value && typeof s.value === "object" ? Object.keys(s.value).filter((k) => !additive.has(k)) : [])))];
    const layoutSites = layoutLocations(ctx.config, mount.path, `disko mounts ${mount.mountpoint} from ${mount.device}`);
    yield {
      severity: "error",
      code: "conflicting-mount",
      message:
        `${showOption(path)} is set by ${showSites(clashing.map((s) => s.source))}${keys.length ? ` (${keys.join(", ")})` : ""}, ` +
        `and the disk layout (${showSites(layoutSites)}) already mounts ${mount.mountpoint} from ${mount.device}: NixOS would merge both into one mount.`,
      optionPath: path,
      locations: [...clashing.map((s) => ({ ...s.source, role: "definition" })), ...layoutSites],
      hint: `Remove the module's ${showOption(path)} (disko defines it); only neededForBoot or extra options may be added to a disko mount.`,
    };
  }
  if (layout.swap.length === 0) return;
  const swapSites = userSites(definitionSites(ctx.config, ["swapDevices"])).filter((s) => !Array.isArray(s.value) || s.value.length > 0);
  if (swapSites.length === 0) return;
  const layoutSwap = layout.swap.flatMap((s) => layoutLocations(ctx.config, s.path, `disko swap ${s.device}`));
  yield {
    severity: "error",
    code: "conflicting-mount",
    message:
      `swapDevices is set by ${showSites(swapSites.map((s) => s.source))}, and the disk layout (${showSites(layoutSwap)}) already has swap ` +
      `(${layout.swap.map((s) => s.device).join(", ")}): NixOS would enable both lists, a device twice or one the layout does not create (the boot then waits for it).`,
    optionPath: ["swapDevices"],
    locations: [...swapSites.map((s) => ({ ...s.source, role: "definition" })), ...layoutSwap],
    hint: "Define swap in the disk layout only (a swap partition or a btrfs swapfile).",
  };
}

export const diskLayoutCheck: HostCheck = {
  name: "disk-layout",
  description: "The disk layout is one disko can create: every disk has a device, one \"100%\" partition per disk, each mountpoint once.",
  run: layoutProblems,
};

export const deviceNamesCheck: HostCheck = {
  name: "disk-device-names",
  description: "Laptop disks (tag \"laptop\" or the facts' form factor) are named by /dev/disk/by-id, not by kernel names that follow detection order.",
  run: unstablePaths,
};

export const diskMountsCheck: HostCheck = {
  name: "disk-mounts",
  description: "No module defines a mount or swap that the disk layout already defines.",
  run: mountConflicts,
};

registerHostChecks(diskLayoutCheck, deviceNamesCheck, diskMountsCheck);
