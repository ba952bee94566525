// NVIDIA graphics with the proprietary driver: PRIME render offload on hybrid laptops, with the bus
// ids of both GPUs taken from the host's facts. Refuses hosts whose facts show no NVIDIA GPU.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";

/** Turing (RTX 20xx, GTX 16xx) and newer run NVIDIA's open kernel module: PCI device ids from 0x1e00. */
const firstTuringDevice = 0x1e00;

export default defineModule(({ config, facts }) => {
  const cfg = config.panther.hardware.nvidia;
  const nvidia = facts?.gpus.find((g) => g.vendor === "nvidia");
  const integrated = facts?.gpus.find((g) => g.vendor === "intel" || g.vendor === "amd");
  const deviceId = nvidia ? parseInt(nvidia.pciId.split(":")[1]!, 16) : undefined;
  return {
    options: {
      panther: {
        hardware: {
          nvidia: {
            enable: mkOption({ type: types.bool, default: false, description: "Use the host's NVIDIA GPU with the proprietary driver (needs unfree packages allowed)." }),
            open: mkOption({
              type: types.bool,
              default: deviceId !== undefined && deviceId >= firstTuringDevice,
              description: "Use NVIDIA's open kernel module. Default: for Turing (RTX 20xx) and newer GPUs, read from the facts' PCI device id; older GPUs need the closed module.",
            }),
            offload: mkOption({
              type: types.bool,
              default: integrated !== undefined,
              description:
                "PRIME render offload: the integrated GPU drives the display, the NVIDIA GPU renders programs started with `nvidia-offload`. Default: when the facts show an integrated Intel or AMD GPU.",
            }),
            finegrainedPowerManagement: mkOption({
              type: types.bool,
              default: true,
              description: "Power the NVIDIA GPU off when idle (needs offload, Turing or newer).",
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      assertions: [
        {
          assertion: nvidia !== undefined,
          message: facts
            ? `panther.hardware.nvidia is enabled but ${facts.source} shows no NVIDIA GPU (GPUs: ${facts.gpus.map((g) => `${g.vendor} ${g.pciId}`).join(", ") || "none"}).`
            : "panther.hardware.nvidia needs the host's facts (hosts/<host>/facts.ts) to find the GPUs' PCI bus ids.",
        },
        {
          assertion: !cfg.offload || integrated !== undefined,
          message: "panther.hardware.nvidia.offload needs an integrated Intel or AMD GPU, and the facts show none.",
        },
      ],
      services: { xserver: { videoDrivers: ["nvidia"] } },
      hardware: {
        graphics: { enable: mkDefault(true) },
        nvidia: {
          open: cfg.open,
          modesetting: { enable: true },
          powerManagement: { enable: mkDefault(cfg.offload && cfg.finegrainedPowerManagement), finegrained: cfg.offload && cfg.finegrainedPowerManagement },
          prime: mkIf(cfg.offload && nvidia !== undefined && integrated !== undefined, {
            offload: { enable: true, enableOffloadCmd: true },
            nvidiaBusId: nvidia?.busId ?? "",
            ...(integrated?.vendor === "intel" ? { intelBusId: integrated.busId } : { amdgpuBusId: integrated?.busId ?? "" }),
          }),
        },
      },
    }),
  };
});
