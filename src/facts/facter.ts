// Reading a nixos-facter report (format version 1, `nixos-facter -o facter.json`) into HostFacts.
// Only the parts panther uses are validated; a report without them is an `invalid-facts` error
// that names the file and the JSON path of every problem.

import { z } from "zod";
import { PantherError } from "../core/errors.ts";
import type { CpuFacts, CpuVendor, DiskFacts, Firmware, GpuFacts, GpuVendor, HostFacts, NetworkFacts } from "./types.ts";

/** hwinfo writes ids either as text ("Virtio") or as `{ hex, name?, value }`. */
const hwId = z.union([z.string(), z.looseObject({ hex: z.string(), name: z.string().optional(), value: z.number() })]);
const optionalId = hwId.nullish();
const names = z.array(z.string()).nullish();

const resource = z.union([
  z.looseObject({ type: z.literal("phys_mem"), range: z.number().nonnegative() }),
  z.looseObject({ type: z.literal("size"), unit: z.string(), value_1: z.number().nonnegative(), value_2: z.number().nullish() }),
  z.looseObject({ type: z.string().refine((t) => t !== "phys_mem" && t !== "size", "a phys_mem or size resource without its value") }),
]);
const resources = z.array(resource).nullish();

const cpuEntry = z.looseObject({
  vendor_name: z.string(),
  model_name: z.string(),
  physical_id: z.number().int().nullish(),
  cores: z.number().int().positive().nullish(),
  siblings: z.number().int().positive().nullish(),
  features: z.array(z.string()).nullish(),
});

const pciDevice = z.looseObject({
  index: z.number().int().nullish(),
  model: z.string().nullish(),
  vendor: optionalId,
  device: optionalId,
  driver: z.string().nullish(),
  sysfs_bus_id: z.string().nullish(),
  unix_device_names: names,
  class_list: names,
  sub_class: z.looseObject({ name: z.string().nullish(), value: z.number() }).nullish(),
  attached_to: z.number().int().nullish(),
  resources,
});

const report = z.looseObject({
  version: z.number().int().positive(),
  virtualisation: z.string(),
  uefi: z.looseObject({ supported: z.boolean() }).nullish(),
  hardware: z.looseObject({
    bios: z.looseObject({ low_memory_size: z.number().nonnegative().nullish() }).nullish(),
    system: z.looseObject({ form_factor: z.string().nullish() }).nullish(),
    cpu: z.array(cpuEntry).min(1),
    memory: z.array(z.looseObject({ resources })).nullish(),
    graphics_card: z.array(pciDevice).nullish(),
    disk: z.array(pciDevice).nullish(),
    network_controller: z.array(pciDevice).nullish(),
    network_interface: z.array(pciDevice).nullish(),
  }),
  smbios: z
    .looseObject({
      system: z.looseObject({ manufacturer: z.string().nullish(), product: z.string().nullish(), version: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

type Report = z.infer<typeof report>;
type Device = z.infer<typeof pciDevice>;
type HwId = z.infer<typeof hwId>;

/** `hardware.cpu[0].cores`: a zod issue path as JSON path text. */
function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || "(top level)";
}

function invalid(source: string, problems: readonly string[]): PantherError {
  return new PantherError({
    code: "invalid-facts",
    message: `${source} is not a nixos-facter report panther can read:\n${problems.map((p) => `- ${p}`).join("\n")}`,
    locations: [{ file: source, role: "facts" }],
    hint: "Regenerate it on the machine with `sudo nix run nixpkgs#nixos-facter -- -o facter.json`.",
  });
}

/** Hardware facts from a parsed nixos-facter report; `source` is the report's path, for messages. */
export function factsFromFacter(input: unknown, source: string): HostFacts {
  const parsed = report.safeParse(input);
  if (!parsed.success) throw invalid(source, parsed.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`));
  const r = parsed.data;
  const hw = r.hardware;
  const problems: string[] = [];
  const facts: HostFacts = {
    source,
    ...firmwareOf(r),
    virtualisation: r.virtualisation,
    system: {
      vendor: r.smbios?.system?.manufacturer ?? undefined,
      product: r.smbios?.system?.product ?? undefined,
      version: r.smbios?.system?.version ?? undefined,
      formFactor: hw.system?.form_factor ?? undefined,
    },
    cpu: cpuOf(hw.cpu),
    memoryBytes: (hw.memory ?? []).reduce((sum, m) => sum + (m.resources ?? []).reduce((s, res) => s + (res.type === "phys_mem" ? (res as { range: number }).range : 0), 0), 0),
    gpus: (hw.graphics_card ?? []).flatMap((card, i) => gpuOf(card, `hardware.graphics_card[${i}]`, problems)),
    disks: (hw.disk ?? []).flatMap((disk, i) => diskOf(disk, `hardware.disk[${i}]`, problems)),
    network: (hw.network_controller ?? []).map((c) => networkOf(c, hw.network_interface ?? [])),
  };
  if (problems.length > 0) throw invalid(source, problems);
  return facts;
}

/**
 * UEFI or BIOS. nixos-facter records `uefi.supported` (whether /sys/firmware/efi exists) since
 * November 2025, and nixos-facter-modules reads only that. Older reports lack it; for them the
 * legacy BIOS data area decides: hwinfo reads the conventional-memory size from it, which legacy
 * BIOS (SeaBIOS, CSM) fills in and UEFI leaves at 0.
 */
function firmwareOf(r: Report): { firmware: Firmware; firmwareInferred?: boolean } {
  if (r.uefi) return { firmware: r.uefi.supported ? "uefi" : "bios" };
  return { firmware: (r.hardware.bios?.low_memory_size ?? 0) > 0 ? "bios" : "uefi", firmwareInferred: true };
}

const cpuVendors: Record<string, CpuVendor> = { AuthenticAMD: "amd", GenuineIntel: "intel" };

/** One entry per logical CPU or one per package, depending on the report: count packages once. */
function cpuOf(entries: Report["hardware"]["cpu"]): CpuFacts {
  const first = entries[0]!;
  const packages = new Map<number, (typeof entries)[number]>();
  for (const e of entries) if (!packages.has(e.physical_id ?? 0)) packages.set(e.physical_id ?? 0, e);
  let cores = 0;
  let threads = 0;
  for (const p of packages.values()) {
    cores += p.cores ?? 0;
    threads += p.siblings ?? p.cores ?? 0;
  }
  return {
    vendor: cpuVendors[first.vendor_name] ?? "other",
    model: first.model_name,
    cores: cores || entries.length,
    threads: threads || entries.length,
    hardwareVirtualisation: entries.some((e) => e.features?.includes("vmx") || e.features?.includes("svm")),
  };
}

const pciVendors: Record<string, { gpu: GpuVendor; name: string }> = {
  "1002": { gpu: "amd", name: "AMD" },
  "1022": { gpu: "amd", name: "AMD" },
  "8086": { gpu: "intel", name: "Intel" },
  "10de": { gpu: "nvidia", name: "NVIDIA" },
  "10ec": { gpu: "other", name: "Realtek" },
  "14c3": { gpu: "other", name: "MediaTek" },
  "14e4": { gpu: "other", name: "Broadcom" },
  "168c": { gpu: "other", name: "Qualcomm Atheros" },
  "17cb": { gpu: "other", name: "Qualcomm" },
  "1af4": { gpu: "other", name: "Red Hat (virtio)" },
};

function hex(id: HwId | null | undefined): string | undefined {
  return id && typeof id === "object" ? id.hex.toLowerCase() : undefined;
}

function pciIdOf(d: Device): string | undefined {
  const vendor = hex(d.vendor);
  const device = hex(d.device);
  return vendor && device ? `${vendor}:${device}` : undefined;
}

/** "0000:01:00.0" (hex domain:bus:device.function) → "PCI:1:0:0", the decimal form NixOS' PRIME options take. */
export function primeBusId(sysfsBusId: string): string | undefined {
  const m = /^([0-9a-f]{4,}):([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/i.exec(sysfsBusId);
  if (!m) return undefined;
  const [domain, bus, device, fn] = m.slice(1).map((h) => parseInt(h, 16)) as [number, number, number, number];
  return domain === 0 ? `PCI:${bus}:${device}:${fn}` : `PCI:${bus}@${domain}:${device}:${fn}`;
}

/** Graphics cards on PCI (every x86 GPU); a card without a PCI address is not listed. */
function gpuOf(card: Device, at: string, problems: string[]): GpuFacts[] {
  const busId = card.sysfs_bus_id ? primeBusId(card.sysfs_bus_id) : undefined;
  if (!busId) return [];
  const pciId = pciIdOf(card);
  if (!pciId) {
    problems.push(`${at}.vendor: a PCI graphics card (${card.sysfs_bus_id}) needs numeric vendor and device ids`);
    return [];
  }
  const vendor = pciVendors[pciId.slice(0, 4)]?.gpu ?? "other";
  const deviceName = typeof card.device === "object" && card.device?.name;
  return [{ vendor, name: deviceName || card.model || pciId, pciId, busId, driver: card.driver ?? undefined }];
}

const virtualBlockDevice = /^\/dev\/(zram|loop|ram)\d+$/;
/** by-id names derived from the disk's serial number first; eui/wwn names (also stable, less readable) last. */
const worldWideName = /^(nvme-eui\.|nvme-nvme\.|wwn-|eui\.)/;

function diskOf(disk: Device, at: string, problems: string[]): DiskFacts[] {
  const all = disk.unix_device_names ?? [];
  const path = all.find((n) => !n.startsWith("/dev/disk/"));
  if (!path) {
    problems.push(`${at}.unix_device_names: no /dev name for this disk`);
    return [];
  }
  if (virtualBlockDevice.test(path)) return [];
  const byId = all.filter((n) => n.startsWith("/dev/disk/by-id/")).map((n) => n.slice("/dev/disk/by-id/".length));
  const ranked = [...byId.filter((n) => !worldWideName.test(n)), ...byId.filter((n) => worldWideName.test(n))];
  const sizeBytes = diskSize(disk, at, problems);
  return [{ path, byId: ranked, sizeBytes, model: disk.model ?? undefined }];
}

const unitBytes: Record<string, number> = { byte: 1, bytes: 1, kbyte: 1024, mbyte: 1024 ** 2, gbyte: 1024 ** 3 };

function diskSize(disk: Device, at: string, problems: string[]): number {
  const index = (disk.resources ?? []).findIndex((res) => res.type === "size");
  if (index < 0) {
    problems.push(`${at}.resources: no size resource`);
    return 0;
  }
  const size = disk.resources![index] as { unit: string; value_1: number; value_2?: number | null };
  if (size.unit === "sectors") return size.value_1 * (size.value_2 ?? 512);
  const factor = unitBytes[size.unit];
  if (factor === undefined) {
    problems.push(`${at}.resources[${index}].unit: unknown size unit ${JSON.stringify(size.unit)}`);
    return 0;
  }
  return size.value_1 * factor;
}

/** PCI class 02/80 "Network controller" covers Wi-Fi chips too: the attached interface tells. */
function networkOf(controller: Device, interfaces: readonly Device[]): NetworkFacts {
  const attached = interfaces.filter((i) => controller.index != null && i.attached_to === controller.index);
  const kinds = attached.map((i) => i.sub_class?.name);
  const kind: NetworkFacts["kind"] =
    controller.class_list?.includes("wlan_card") || controller.sub_class?.value === 0x82 || kinds.includes("WLAN")
      ? "wifi"
      : controller.sub_class?.value === 0 || kinds.includes("Ethernet")
        ? "ethernet"
        : "other";
  const vendorId = hex(controller.vendor);
  const vendor = typeof controller.vendor === "string" ? controller.vendor : (controller.vendor?.name ?? (vendorId ? pciVendors[vendorId]?.name : undefined));
  const pciId = pciIdOf(controller);
  return {
    name: controller.model ?? "network controller",
    vendor,
    driver: controller.driver ?? undefined,
    kind,
    ...(pciId ? { pciId } : {}),
    interfaces: controller.unix_device_names ?? attached.flatMap((i) => i.unix_device_names ?? []),
  };
}
