// ovh-cloud: OVH VPS (KVM, SeaBIOS, one disk at /dev/sda): the secondary server, the same server
// profile as hetzner-vps, smaller: no cache, no metrics server, backups of its own state.
import { defineModule } from "panther";
import fleet from "../../modules/default.ts";
import { secret } from "../../secrets-mapping.ts";
import disks from "./disks.ts";

export default defineModule({
  imports: [fleet, disks],
  panther: {
    profiles: { server: { enable: true } },
    boot: { loader: { enable: true } },
    impermanence: { enable: true },
    networking: { server: { uplink: "ens3" } },
    containers: { podman: { enable: true } },
    backup: {
      restic: {
        enable: true,
        repository: "s3:https://s3.us-west-004.backblazeb2.com/pantherOS-backups/ovh-cloud",
        passwordFile: secret("restic-password"),
        environmentFile: secret("restic-b2-credentials"),
      },
    },
  },
  boot: { initrd: { availableKernelModules: ["ata_piix", "uhci_hcd", "virtio_pci", "virtio_scsi", "sd_mod", "sr_mod"] } },
});
