// yoga: Lenovo Yoga 7 2-in-1 14AKP10 (AMD Ryzen AI 7 350, Radeon 860M, Realtek Wi-Fi, 1 TB NVMe,
// UEFI). A Wayland laptop that folds into a tablet: rotation, touch and pen, battery care.
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
      amdGpu: { enable: true },
      laptop: { enable: true },
      lenovoYoga: { enable: true },
      wifi: { enable: true },
    },
    home: { profile: "full" },
    development: { ai: true },
    backup: {
      restic: {
        enable: true,
        repository: "s3:https://s3.us-west-004.backblazeb2.com/pantherOS-backups/yoga",
        passwordFile: secret("restic-password"),
        environmentFile: secret("restic-b2-credentials"),
      },
    },
  },
  boot: { initrd: { availableKernelModules: ["nvme", "xhci_pci", "thunderbolt", "usb_storage", "sd_mod"] } },
});
