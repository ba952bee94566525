// Intel graphics (i915): early modesetting, the VA-API video driver, and optional i915 parameters.
// Refuses hosts whose facts show no Intel GPU.
import { defineModule, mkDefault, mkIf, mkOption, pkgs, types } from "panther";

const vaapiPackages = { iHD: pkgs["intel-media-driver"], i965: pkgs["intel-vaapi-driver"] } as const;

export default defineModule(({ config, facts }) => {
  const cfg = config.panther.hardware.intelGpu;
  const intel = facts?.gpus.filter((g) => g.vendor === "intel") ?? [];
  return {
    options: {
      panther: {
        hardware: {
          intelGpu: {
            enable: mkOption({ type: types.bool, default: false, description: "Use the host's Intel GPU (i915 driver, VA-API)." }),
            vaapiDriver: mkOption({
              type: types.enum(["iHD", "i965"] as const),
              default: "iHD",
              description:
                "VA-API driver for video decoding: iHD (intel-media-driver) for Broadwell (5th generation) and newer, i965 (intel-vaapi-driver) for older GPUs.",
            }),
            guc: mkOption({
              type: types.bool,
              default: false,
              description:
                "Load GuC and HuC firmware (`i915.enable_guc=3`). Alder Lake and newer already do by default; Skylake to Ice Lake need this for HuC-based encoding.",
            }),
            powerSaving: mkOption({
              type: types.bool,
              default: false,
              description: "Panel self refresh and frame buffer compression (`i915.enable_psr=1`, `i915.enable_fbc=1`): saves battery on laptops, flickers on some panels.",
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      assertions: [
        {
          assertion: facts === undefined || intel.length > 0,
          message: `panther.hardware.intelGpu is enabled but ${facts?.source ?? "the facts"} show no Intel GPU.`,
        },
      ],
      boot: {
        initrd: { kernelModules: ["i915"] },
        kernelParams: [...(cfg.guc ? ["i915.enable_guc=3"] : []), ...(cfg.powerSaving ? ["i915.enable_psr=1", "i915.enable_fbc=1"] : [])],
      },
      hardware: { graphics: { enable: mkDefault(true), extraPackages: [vaapiPackages[cfg.vaapiDriver as keyof typeof vaapiPackages]] } },
      environment: { sessionVariables: { LIBVA_DRIVER_NAME: mkDefault(cfg.vaapiDriver) } },
    }),
  };
});
