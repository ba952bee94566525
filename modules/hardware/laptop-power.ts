// Laptop power: one power daemon (TLP or power-profiles-daemon: NixOS refuses both), battery charge
// thresholds through TLP, and thermald on Intel CPUs (it supports nothing else).
import { defineModule, mkIf, mkMerge, mkOption, types } from "panther";

export default defineModule(({ config, facts }) => {
  const cfg = config.panther.hardware.laptop;
  const intel = facts?.cpu.vendor === "intel";
  return {
    options: {
      panther: {
        hardware: {
          laptop: {
            enable: mkOption({ type: types.bool, default: false, description: "Power management for a laptop." }),
            powerDaemon: mkOption({
              type: types.enum(["tlp", "power-profiles-daemon"] as const),
              default: "tlp",
              description:
                "Which daemon manages power: TLP (tuning and charge thresholds) or power-profiles-daemon (the profiles GNOME, KDE and asusd switch). They conflict, so exactly one runs.",
            }),
            chargeThresholds: mkOption({
              type: types.nullOr(
                types.submodule({
                  options: {
                    start: mkOption({ type: types.ints.between(0, 99), default: 75, description: "Start charging below this percentage (TLP START_CHARGE_THRESH_BAT0)." }),
                    stop: mkOption({ type: types.ints.between(1, 100), default: 80, description: "Stop charging at this percentage (TLP STOP_CHARGE_THRESH_BAT0)." }),
                  },
                }),
              ),
              default: { start: 75, stop: 80 },
              description:
                "Battery charge thresholds of BAT0, applied by TLP, for firmware that supports both (ThinkPads, some Dell, Framework…). null leaves charging to the firmware; use null with power-profiles-daemon.",
            }),
            thermald: mkOption({
              type: types.bool,
              default: intel,
              description: "Run thermald, Intel's thermal daemon. Default: on Intel CPUs (the facts' CPU vendor); it does nothing elsewhere.",
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      assertions: [
        {
          assertion: cfg.chargeThresholds === null || cfg.powerDaemon === "tlp",
          message: "panther.hardware.laptop.chargeThresholds are applied by TLP; with powerDaemon = \"power-profiles-daemon\" set them to null.",
        },
        {
          assertion: cfg.chargeThresholds === null || cfg.chargeThresholds.start < cfg.chargeThresholds.stop,
          message: `panther.hardware.laptop.chargeThresholds: start (${cfg.chargeThresholds?.start}) must be below stop (${cfg.chargeThresholds?.stop}).`,
        },
        {
          assertion: !cfg.thermald || facts === undefined || intel,
          message: `panther.hardware.laptop.thermald: thermald supports Intel CPUs only, and ${facts?.source} shows ${facts?.cpu.model}.`,
        },
      ],
      services: mkMerge([
        mkIf(cfg.powerDaemon === "tlp", {
          tlp: {
            enable: true,
            settings: mkIf(cfg.chargeThresholds !== null, {
              START_CHARGE_THRESH_BAT0: cfg.chargeThresholds?.start ?? 0,
              STOP_CHARGE_THRESH_BAT0: cfg.chargeThresholds?.stop ?? 100,
            }),
          },
          // Normal priority: GNOME and KDE enable it with mkDefault, and NixOS refuses TLP next to it.
          "power-profiles-daemon": { enable: false },
        }),
        mkIf(cfg.powerDaemon === "power-profiles-daemon", { "power-profiles-daemon": { enable: true } }),
        { thermald: { enable: mkIf(cfg.thermald, true) } },
      ]),
    }),
  };
});
