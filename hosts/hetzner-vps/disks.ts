// hetzner-vps' disk (Hetzner cloud, one ~491 GB disk at /dev/sda, boots SeaBIOS or UEFI): a 1M BIOS
// boot partition and an ESP, so GRUB installs for both, and btrfs with the impermanence subvolumes.
// No LUKS: nobody is there to type a passphrase at boot.
import { biosBoot, btrfs, diskLayout, esp, gptDisk, partition } from "panther";

const options = ["compress=zstd", "noatime"];

export default diskLayout({
  disks: {
    main: gptDisk({
      // The VM's only disk, so /dev/sda cannot name another one. Its by-id name
      // (scsi-0QEMU_QEMU_HARDDISK_107063565, in facter.json) carries this server's volume number.
      device: "/dev/sda",
      partitions: {
        boot: biosBoot(),
        ESP: esp({ size: "512M" }),
        root: partition({
          size: "100%",
          content: btrfs({
            blankSnapshot: true,
            subvolumes: {
              "/root": { mountpoint: "/", mountOptions: options },
              "/nix": { mountpoint: "/nix", mountOptions: options },
              "/persist": { mountpoint: "/persist", mountOptions: options },
              "/log": { mountpoint: "/var/log", mountOptions: options },
              "/swap": { mountpoint: "/swap", mountOptions: ["noatime"], swapfile: { size: "8G" } },
            },
          }),
        }),
      },
    }),
  },
});
