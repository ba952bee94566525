// AMD graphics (amdgpu): the driver in the initrd for early modesetting, and Mesa with 32-bit support.
// Refuses hosts whose facts show no AMD GPU.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";

export default defineModule(({ config, facts }) => {
  const cfg = config.panther.hardware.amdGpu;
  const amd = facts?.gpus.filter((g) => g.vendor === "amd") ?? [];
  return {
    options: {
      panther: {
        hardware: {
          amdGpu: {
            enable: mkOption({ type: types.bool, default: false, description: "Use the host's AMD GPU (amdgpu driver, Mesa)." }),
            support32Bit: mkOption({
              type: types.bool,
              default: true,
              description: "Also install 32-bit Mesa drivers (Steam, Wine and other 32-bit programs need them).",
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      assertions: [
        {
          assertion: facts === undefined || amd.length > 0,
          message: `panther.hardware.amdGpu is enabled but ${facts?.source ?? "the facts"} show no AMD GPU (GPUs: ${describeGpus(facts?.gpus)}).`,
        },
      ],
      hardware: {
        amdgpu: { initrd: { enable: mkDefault(true) } },
        graphics: { enable: mkDefault(true), enable32Bit: mkDefault(cfg.support32Bit) },
      },
    }),
  };
});

function describeGpus(gpus: readonly { vendor: string; pciId: string; busId: string }[] | undefined): string {
  return gpus?.length ? gpus.map((g) => `${g.vendor} ${g.pciId} at ${g.busId}`).join(", ") : "none";
}
