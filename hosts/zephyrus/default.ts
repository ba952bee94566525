// zephyrus: ASUS ROG Zephyrus M16 GU603ZW (i9-12900H, Iris Xe + RTX 3070 Ti Laptop, two NVMe,
// UEFI). The performance laptop: NVIDIA PRIME offload with the facts' bus ids, asusd, and the
// second disk for data and games.
import { defineModule } from "panther";
import fleet from "../../modules/default.ts";
import { secret } from "../../secrets-mapping.ts";
import disks from "./disks.ts";

export default defineModule({
  imports: [fleet, disks],
  panther: {
    profiles: { laptop: { enable: true } },
    boot: { loader: { enable: true } },
    impermanence: { enable: true },
    hardware: {
      // Turns on the Intel GPU, NVIDIA PRIME offload and laptop power with power-profiles-daemon.
      asusZephyrus: { enable: true },
      wifi: { enable: true },
    },
    home: { profile: "full" },
    development: { ai: true },
    containers: { podman: { enable: true } },
    backup: {
      restic: {
        enable: true,
        repository: "s3:https://s3.us-west-004.backblazeb2.com/pantherOS-backups/zephyrus",
        passwordFile: secret("restic-password"),
        environmentFile: secret("restic-b2-credentials"),
        exclude: ["/persist/var/lib/containers", "**/.cache", "/data/games"],
      },
    },
  },
  boot: { initrd: { availableKernelModules: ["nvme", "xhci_pci", "thunderbolt", "usb_storage", "sd_mod"] } },
});
