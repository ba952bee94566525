// hetzner-vps: Hetzner cloud server (EPYC, 12 vCPU, 22 GiB, /dev/sda, boots BIOS and UEFI).
// The fleet's main server: the binary cache, metrics, backups and containerised apps.
import { defineModule, pkgs } from "panther";
import fleet from "../../modules/default.ts";
import disks from "./disks.ts";
import { secret } from "../../secrets-mapping.ts";

export default defineModule({
  imports: [fleet, disks],
  panther: {
    profiles: { server: { enable: true } },
    boot: { loader: { enable: true } },
    impermanence: { enable: true },
    networking: { server: { uplink: "enp1s0" } },
    services: {
      caddy: { email: "admin@hbohlen.systems" },
      attic: { enable: true, domain: "attic.hbohlen.systems", bucket: "pantherOS-nix-cache", credentialsFile: secret("attic-credentials") },
    },
    containers: { podman: { enable: true } },
    monitoring: {
      prometheus: { enable: true, targets: ["hetzner-vps", "ovh-cloud", "yoga", "zephyrus"] },
      datadog: { enable: true, apiKeyFile: secret("datadog-api-key") },
    },
    backup: {
      restic: {
        enable: true,
        repository: "s3:https://s3.us-west-004.backblazeb2.com/pantherOS-backups/hetzner-vps",
        passwordFile: secret("restic-password"),
        environmentFile: secret("restic-b2-credentials"),
      },
    },
  },
  boot: {
    initrd: { availableKernelModules: ["ahci", "xhci_pci", "virtio_pci", "virtio_scsi", "sd_mod", "sr_mod"] },
    kernelPackages: pkgs.linuxPackages_latest,
  },
  environment: { systemPackages: [pkgs.git, pkgs.htop, pkgs.ripgrep] },
});
