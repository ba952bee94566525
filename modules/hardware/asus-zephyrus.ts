// ASUS ROG Zephyrus (Intel CPU and iGPU, NVIDIA dGPU, e.g. M16 GU603ZW): asusd for fans, profiles,
// keyboard light and charge limit, supergfxd for GPU modes, and the NVIDIA and Intel GPU modules.
// The Intel and NVIDIA kernel parameters live here and in those modules, never in shared profiles.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";
import intelGpu from "./intel-gpu.ts";
import laptopPower from "./laptop-power.ts";
import nvidia from "./nvidia.ts";

export default defineModule(({ config, facts }) => {
  const cfg = config.panther.hardware.asusZephyrus;
  return {
    imports: [intelGpu, nvidia, laptopPower],
    options: {
      panther: {
        hardware: {
          asusZephyrus: {
            enable: mkOption({ type: types.bool, default: false, description: "Support an ASUS ROG Zephyrus with Intel and NVIDIA graphics." }),
            userService: mkOption({ type: types.bool, default: true, description: "Run asusd-user (per-user keyboard LED modes)." }),
            supergfxd: mkOption({
              type: types.bool,
              default: true,
              description: "Run supergfxd to switch GPU modes (hybrid, integrated only, dGPU only) with supergfxctl.",
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      assertions: [
        {
          assertion: facts === undefined || facts.system.vendor === "ASUSTeK COMPUTER INC.",
          message: `panther.hardware.asusZephyrus is enabled but ${facts?.source} describes a ${facts?.system.vendor ?? "unknown"} machine.`,
        },
      ],
      panther: {
        hardware: {
          intelGpu: { enable: mkDefault(true), powerSaving: mkDefault(true) },
          nvidia: { enable: mkDefault(true) },
          // asusd switches power-profiles-daemon's profiles and sets the charge limit itself
          // (`asusctl -c 80`); the firmware has only a stop threshold.
          laptop: { enable: mkDefault(true), powerDaemon: mkDefault("power-profiles-daemon"), chargeThresholds: mkDefault(null) },
        },
      },
      services: {
        asusd: { enable: true, enableUserService: cfg.userService },
        supergfxd: { enable: cfg.supergfxd },
      },
      // The NVIDIA GPU's USB-C controller driver times out at boot and on resume when the laptop
      // routes no USB-C port through the dGPU, as on this model.
      boot: { kernelParams: ["module_blacklist=i2c_nvidia_gpu"] },
    }),
  };
});
