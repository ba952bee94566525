// Boot checks: exactly one boot loader; GRUB install devices not listed again where disko adds
// them from an EF02 partition (NixOS fails with "duplicated devices in mirroredBoots"); a boot
// mode the machine's firmware (from its facts) can start.

import type { RelatedLocation } from "../../core/errors.ts";
import { registerHostChecks, type CheckContext, type Finding, type HostCheck } from "./index.ts";
import { definitionSites, type Site } from "./sites.ts";
import { factsLocation, hostLayout, layoutLocations, showSites, userSites } from "./disko-layout.ts";

const loaders = [
  { name: "systemd-boot", path: ["boot", "loader", "systemd-boot", "enable"] },
  { name: "GRUB", path: ["boot", "loader", "grub", "enable"] },
  { name: "extlinux", path: ["boot", "loader", "generic-extlinux-compatible", "enable"] },
] as const;

/** The definitions that enable `path`, when the winning value is true. */
function enabledBy(ctx: CheckContext, path: readonly string[]): Site[] {
  const sites = userSites(definitionSites(ctx.config, path)).filter((s) => s.winning);
  return sites.some((s) => s.value === true) ? sites.filter((s) => s.value === true) : [];
}

const definitions = (sites: readonly Site[], detail?: string): RelatedLocation[] =>
  sites.map((s) => ({ ...s.source, role: "definition", ...(detail === undefined ? {} : { detail }) }));

function* oneLoader(ctx: CheckContext): Generator<Finding> {
  const enabled = loaders.map((l) => ({ ...l, sites: enabledBy(ctx, l.path) })).filter((l) => l.sites.length > 0);
  if (enabled.length < 2) return;
  yield {
    severity: "error",
    code: "boot-loader",
    message: `${enabled.length} boot loaders are enabled: ${enabled.map((l) => `${l.name} (${showSites(l.sites.map((s) => s.source))})`).join(", ")}. A host boots with exactly one.`,
    optionPath: [...enabled[0]!.path],
    locations: enabled.flatMap((l) => definitions(l.sites, `${l.name} enabled`)),
    hint: "Keep one (panther.boot.loader chooses it from the firmware and the disk layout).",
  };
}

function* grubDevices(ctx: CheckContext): Generator<Finding> {
  const layout = hostLayout(ctx);
  if (!layout || layout.grubDevices.length === 0) return;
  const devicesSites = userSites(definitionSites(ctx.config, ["boot", "loader", "grub", "devices"])).filter((s) => s.winning);
  // `lib.mkForce [ … ]` replaces disko's list (the documented workaround): nothing is added then.
  if (devicesSites.some((s) => s.priority < 100)) return;
  const deviceSites = userSites(definitionSites(ctx.config, ["boot", "loader", "grub", "device"])).filter((s) => s.winning && s.value !== "");
  const listed = [...devicesSites.flatMap((s) => (Array.isArray(s.value) ? s.value : [])), ...deviceSites.map((s) => s.value)] as string[];
  const sites = [...devicesSites.filter((s) => Array.isArray(s.value) && s.value.length > 0), ...deviceSites];
  if (sites.length === 0) return;
  const ef02 = layout.biosBoot.flatMap((b) => layoutLocations(ctx.config, b.path, `EF02 partition: disko adds ${b.device} to GRUB's devices`));
  const twice = listed.filter((d) => layout.grubDevices.includes(d));
  yield {
    severity: "error",
    code: "boot-loader",
    message:
      `GRUB's install devices are set by ${showSites(sites.map((s) => s.source))} (${listed.join(", ")}), and disko already adds ` +
      `${layout.grubDevices.join(", ")} for the EF02 partition (${showSites(ef02)}): ` +
      (twice.length > 0
        ? `${twice.join(", ")} would be listed twice, and NixOS fails with "You cannot have duplicated devices in mirroredBoots".`
        : "GRUB would also install to these."),
    optionPath: ["boot", "loader", "grub", sites.some((s) => deviceSites.includes(s)) ? "device" : "devices"],
    locations: [...definitions(sites), ...ef02],
    hint: "Remove boot.loader.grub.device(s): disko lists every disk with an EF02 partition. (To replace disko's list, use lib.mkForce.)",
  };
}

function* firmware(ctx: CheckContext): Generator<Finding> {
  const facts = ctx.facts;
  if (!facts) return;
  // A firmware the report does not record but the facts parser inferred is a warning, not an error.
  const severity = facts.firmwareInferred ? ("warning" as const) : ("error" as const);
  const inferred = facts.firmwareInferred ? " (inferred: the report does not record the boot mode)" : "";
  const boots = `${ctx.host.name} boots with ${facts.firmware === "bios" ? "BIOS" : "UEFI"} firmware${inferred} (${facts.source})`;
  for (const finding of mismatches(ctx, facts, boots)) yield { ...finding, severity };
}

function* mismatches(ctx: CheckContext, facts: NonNullable<CheckContext["facts"]>, boots: string): Generator<Finding> {
  const layout = hostLayout(ctx);
  if (facts.firmware === "bios") {
    const systemdBoot = enabledBy(ctx, loaders[0].path);
    if (systemdBoot.length > 0) {
      yield {
        severity: "error",
        code: "firmware-mismatch",
        message: `systemd-boot is enabled (${showSites(systemdBoot.map((s) => s.source))}), but ${boots}: systemd-boot is a UEFI application.`,
        optionPath: [...loaders[0].path],
        locations: [...definitions(systemdBoot, "systemd-boot enabled"), ...factsLocation(ctx, "firmware: bios")],
        hint: "Use GRUB for BIOS (panther.boot.loader chooses it) and give the disk a 1M EF02 partition (biosBoot()).",
      };
    }
    if (layout && layout.esp.length > 0 && layout.biosBoot.length === 0) {
      const esp = layout.esp.flatMap((e) => layoutLocations(ctx.config, e.path, "ESP"));
      yield {
        severity: "error",
        code: "firmware-mismatch",
        message: `The disk layout has an ESP and no BIOS boot partition (${showSites(esp)}), but ${boots}: nothing on the disk can start.`,
        optionPath: ["disko", "devices", ...layout.esp[0]!.path],
        locations: [...esp, ...factsLocation(ctx, "firmware: bios")],
        hint: "Add a 1M EF02 partition (biosBoot()) for GRUB's core image.",
      };
    }
  }
  if (facts.firmware === "uefi" && layout && layout.biosBoot.length > 0 && layout.esp.length === 0) {
    const ef02 = layout.biosBoot.flatMap((b) => layoutLocations(ctx.config, b.path, "EF02 partition"));
    yield {
      severity: "error",
      code: "firmware-mismatch",
      message: `The disk layout has a BIOS boot partition and no ESP (${showSites(ef02)}), but ${boots}: UEFI starts a loader from an ESP only.`,
      optionPath: ["disko", "devices", ...layout.biosBoot[0]!.path],
      locations: [...ef02, ...factsLocation(ctx, "firmware: uefi")],
      hint: 'Add an ESP (esp(): EF00, vfat, /boot); keep the EF02 partition if the machine may also boot with BIOS.',
    };
  }
}

export const bootLoaderCheck: HostCheck = { name: "boot-loader", description: "Exactly one boot loader is enabled.", run: oneLoader };
export const grubDevicesCheck: HostCheck = {
  name: "grub-devices",
  description: "GRUB's install devices are not listed again where disko adds them from an EF02 partition.",
  run: grubDevices,
};
export const firmwareCheck: HostCheck = {
  name: "boot-firmware",
  description: "The boot loader and the disk layout suit the machine's firmware (UEFI or BIOS, from its facts).",
  run: firmware,
};

registerHostChecks(bootLoaderCheck, grubDevicesCheck, firmwareCheck);
