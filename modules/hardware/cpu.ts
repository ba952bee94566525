// CPU: microcode updates and the KVM module for the vendor the host's facts name.
// On by default on hosts with facts; without facts it does nothing (there is no vendor to pick).
import { defineModule, mkDefault, mkIf, mkMerge, mkOption, types } from "panther";

export default defineModule(({ config, facts }) => {
  const cfg = config.panther.hardware.cpu;
  const vendor = facts?.cpu.vendor;
  const bareMetal = facts?.virtualisation === "none";
  return {
    options: {
      panther: {
        hardware: {
          cpu: {
            enable: mkOption({
              type: types.bool,
              default: facts !== undefined,
              description: "Configure the CPU from the host's facts (on by default when the host has facts).",
            }),
            updateMicrocode: mkOption({
              type: types.bool,
              default: bareMetal,
              description:
                "Load the vendor's microcode updates at boot. Default: on bare metal only (a virtual machine gets its microcode from the hypervisor).",
            }),
            kvm: mkOption({
              type: types.bool,
              default: facts?.cpu.hardwareVirtualisation ?? false,
              description: "Load the KVM module for the CPU vendor (kvm-amd or kvm-intel). Default: when the CPU offers hardware virtualisation (vmx/svm).",
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable && (vendor === "amd" || vendor === "intel"), {
      hardware: {
        cpu: mkMerge([
          mkIf(cfg.updateMicrocode && vendor === "amd", { amd: { updateMicrocode: mkDefault(true) } }),
          mkIf(cfg.updateMicrocode && vendor === "intel", { intel: { updateMicrocode: mkDefault(true) } }),
        ]),
        // Microcode ships in linux-firmware's redistributable set.
        enableRedistributableFirmware: mkIf(cfg.updateMicrocode, mkDefault(true)),
      },
      boot: { kernelModules: mkIf(cfg.kvm, [vendor === "amd" ? "kvm-amd" : "kvm-intel"]) },
    }),
  };
});
