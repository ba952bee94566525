// hetzner-vps: Hetzner cloud server (EPYC, 12 vCPU, 22 GiB, /dev/sda, boots BIOS and UEFI).
import { defineModule, mkForce, pkgs } from "panther";
import base from "../../modules/core/base.ts";
import ssh from "../../modules/services/ssh.ts";
import server from "../../modules/networking/server.ts";

export default defineModule({
  imports: [base, ssh, server],
  config: {
    panther: {
      server: { enable: true, tcpPorts: [80, 443] },
    },
    boot: {
      loader: { grub: { enable: true, efiSupport: true, efiInstallAsRemovable: true } },
      initrd: { availableKernelModules: ["ahci", "xhci_pci", "virtio_pci", "virtio_scsi", "sd_mod", "sr_mod"] },
      kernelPackages: pkgs.linuxPackages_latest,
    },
    services: {
      caddy: { enable: true },
      journald: { extraConfig: "SystemMaxUse=1G" },
    },
    virtualisation: { podman: { enable: true, dockerCompat: true } },
    environment: { systemPackages: [pkgs.git, pkgs.htop, pkgs.ripgrep] },
    // The provider's image enables this; a cloud VM has no use for it.
    documentation: { nixos: { enable: mkForce(false) } },
  },
});
