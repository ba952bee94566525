import { describe, expect, test } from "vitest";
import { defineModule, mkDefault } from "panther";
import { compileTestHost, hostError } from "../../helpers/host.ts";

const here = new URL(import.meta.url).pathname;

describe("value checks", () => {
  test('OnCalendar = "6h" fails the build at the defining line', () => {
    const snapshots = defineModule({
      systemd: { timers: { snapshot: { wantedBy: ["timers.target"], timerConfig: { OnCalendar: "6h" } } } },
    });
    const error = hostError(snapshots);
    expect(error.code).toBe("invalid-value");
    expect(error.message).toContain("`systemd.timers.snapshot.timerConfig.OnCalendar' is \"6h\", which is not a systemd calendar event");
    expect(error.hint).toMatch(/time span/);
    expect(error.locations).toEqual([expect.objectContaining({ file: here, line: expect.any(Number), role: "definition" })]);
  });

  test("startAt and nix.gc.dates are checked too, each bad value reported", () => {
    const error = hostError(defineModule({ systemd: { services: { cleanup: { script: "true", startAt: ["daily", "30d"] } } }, nix: { gc: { automatic: true, dates: "every sunday" } } }));
    expect(error.message).toMatch(/2 host checks failed/);
    expect(error.message).toContain('`nix.gc.dates\' is "every sunday"');
    expect(error.message).toContain('`systemd.services.cleanup.startAt\' is "30d"');
  });

  test("valid calendar events pass", () => {
    const build = compileTestHost(defineModule({ systemd: { timers: { snapshot: { wantedBy: ["timers.target"], timerConfig: { OnCalendar: "*-*-* 00/6:00:00" } } } }, nix: { gc: { automatic: true, dates: "weekly" } } }));
    expect(build.files[0]!.text).toContain('OnCalendar = "*-*-* 00/6:00:00";');
  });

  test("a sysctl out of range names both definitions of the key", () => {
    const tuning = defineModule({ boot: { kernel: { sysctl: { "vm.dirty_ratio": mkDefault(20) } } } });
    const io = defineModule({ imports: [tuning], boot: { kernel: { sysctl: { "vm.dirty_ratio": 160, "vm.swappiness": 1 } } } });
    const error = hostError(io);
    expect(error.code).toBe("invalid-value");
    expect(error.message).toBe("`vm.dirty_ratio' takes dirty page ratio (a percentage, 0–100); 160 is out of range: the kernel would refuse it at boot.");
    expect(error.optionPath).toEqual(["boot", "kernel", "sysctl", "vm.dirty_ratio"]);
    expect(error.locations.map((l) => l.file)).toEqual([here, here]);
  });
});
