// What the host checks read of a disk layout: the evaluated `disko.devices`, what disko adds to
// NixOS from it (src/disks/contributions.ts), and the file:line of any part of it.

import { isPantherError, type RelatedLocation } from "../../core/errors.ts";
import type { SourceLocation } from "../../core/location.ts";
import { diskoContributions, type DiskoContributions } from "../../disks/contributions.ts";
import type { CheckContext } from "./index.ts";
import { definitionSites, type Site } from "./sites.ts";

type Node = Record<string, any>;

/** The host's evaluated `disko.devices`, when the flake has the disko input. */
export function diskoDevices(ctx: CheckContext): Node | undefined {
  return (ctx.config.disko as Node | undefined)?.devices as Node | undefined;
}

/** Names of the disks that have no `device` (the disks check reports them). */
export function disksWithoutDevice(devices: Node): string[] {
  return Object.keys(devices.disk ?? {})
    .sort()
    .filter((name) => {
      try {
        return typeof devices.disk[name].device !== "string";
      } catch (error) {
        if (isPantherError(error) && error.code === "no-value") return true;
        throw error;
      }
    });
}

const memo = new WeakMap<object, DiskoContributions | null>();

/**
 * What disko adds to the host, or undefined without a layout or when a disk has no device
 * (the disks check reports that, and the other checks skip the layout).
 */
export function hostLayout(ctx: CheckContext): DiskoContributions | undefined {
  const devices = diskoDevices(ctx);
  if (!devices) return undefined;
  if (!memo.has(devices)) memo.set(devices, disksWithoutDevice(devices).length > 0 ? null : diskoContributions(devices));
  return memo.get(devices) ?? undefined;
}

/** Sites written by modules (not the defaults of panther's or an input's declarations). */
export function userSites(sites: readonly Site[]): Site[] {
  return sites.filter((s) => !s.source.file.startsWith("<"));
}

/** The modules' definitions of a part of the layout (`path` under `disko.devices`), as locations. */
export function layoutLocations(config: unknown, path: readonly string[], detail?: string): RelatedLocation[] {
  return userSites(definitionSites(config, ["disko", "devices", ...path])).map((s) => ({
    ...s.source,
    role: "layout",
    ...(detail === undefined ? {} : { detail }),
  }));
}

/** `file:line` of each location, for messages. */
export function showSites(locations: readonly SourceLocation[]): string {
  const shown = locations.map((l) => (l.line === undefined ? l.file : `${l.file}:${l.line}`));
  return [...new Set(shown)].join(", ");
}

/** The facts file as a related location. */
export function factsLocation(ctx: CheckContext, detail: string): RelatedLocation[] {
  return ctx.facts ? [{ file: ctx.facts.source, role: "facts", detail }] : [];
}
