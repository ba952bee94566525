// Values that type-check but cannot work on the machine: calendar events systemd cannot parse
// (`OnCalendar = "6h"`, which the reference fleet's snapshot timer had) and kernel parameters
// outside their range (`vm.dirty_ratio = 160`). Both fail silently on a real host.

import { definedOptions } from "../../core/eval.ts";
import { showOption } from "../../core/errors.ts";
import { calendarHint, isCalendarEvent } from "../../validate/calendar.ts";
import { sysctlProblem } from "../../validate/sysctl.ts";
import { definedTree } from "../defined.ts";
import { registerHostChecks, type Finding, type HostCheck } from "./index.ts";
import { definitionSites, siteLocations } from "./sites.ts";

/** Options that take a calendar event wherever they appear (systemd units, restic, …). */
const calendarKeys = new Set(["OnCalendar", "startAt"]);
/** NixOS options named otherwise that take a calendar event. */
const calendarOptions = ["nix.gc.dates", "nix.optimise.dates", "system.autoUpgrade.dates", "services.fstrim.interval", "services.btrfs.autoScrub.interval"];

function* walk(value: unknown, path: string[]): Generator<{ path: string[]; value: unknown }> {
  yield { path, value };
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) yield* walk(child, [...path, key]);
  }
}

function isCalendarPath(path: readonly string[]): boolean {
  return calendarKeys.has(path.at(-1)!) || calendarOptions.includes(path.join("."));
}

const calendarEvents: HostCheck = {
  name: "calendar-events",
  description: "systemd calendar events (OnCalendar, startAt, dates) that systemd cannot parse",
  *run({ config }) {
    const defined = definedOptions(config);
    if (!defined) return;
    for (const { path, value } of walk(definedTree(defined), [])) {
      if (!isCalendarPath(path) || value === null) continue;
      const events = Array.isArray(value) ? value : [value];
      for (const event of events) {
        if (typeof event !== "string" || isCalendarEvent(event)) continue;
        const sites = definitionSites(config, path).filter((s) => JSON.stringify(s.value).includes(JSON.stringify(event)));
        yield {
          severity: "error",
          code: "invalid-value",
          message: `\`${showOption(path)}' is ${JSON.stringify(event)}, which is not a systemd calendar event; the timer would fail to start.`,
          optionPath: path,
          locations: siteLocations(sites),
          hint: calendarHint(event),
        } satisfies Finding;
      }
    }
  },
};

const sysctlValues: HostCheck = {
  name: "sysctl-values",
  description: "kernel parameters (boot.kernel.sysctl) outside the range the kernel accepts",
  *run({ config }) {
    const sysctl = config.boot?.kernel?.sysctl as Record<string, unknown> | undefined;
    if (!sysctl) return;
    for (const key of Object.keys(sysctl).sort()) {
      const problem = sysctlProblem(key, sysctl[key]);
      if (!problem) continue;
      const path = ["boot", "kernel", "sysctl", key];
      yield {
        severity: "error",
        code: "invalid-value",
        message: `${problem}: the kernel would refuse it at boot.`,
        optionPath: path,
        locations: siteLocations(definitionSites(config, path)),
      } satisfies Finding;
    }
  },
};

registerHostChecks(calendarEvents, sysctlValues);
