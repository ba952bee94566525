// ovh-cloud's disk (OVH VPS, KVM, SeaBIOS only, one disk at /dev/sda): a 1M BIOS boot partition for
// GRUB's core image, a 1G ext4 /boot, and btrfs with the impermanence subvolumes.
// Why /boot on ext4 rather than on the btrfs root: `/root` is reset from `/root-blank` at every
// boot, so kernels kept there would vanish; GRUB's BIOS core image reads ext4 with its smallest
// module set, and needs neither a subvolume path nor zstd support in its btrfs driver.
import { biosBoot, btrfs, diskLayout, filesystem, gptDisk, partition } from "panther";

const options = ["compress=zstd", "noatime"];

export default diskLayout({
  disks: {
    main: gptDisk({
      // Some OVH plans attach the disk as virtio (/dev/vda): check with lsblk before installing.
      device: "/dev/sda",
      partitions: {
        boot: biosBoot(),
        bootfs: partition({ size: "1G", content: filesystem({ format: "ext4", mountpoint: "/boot" }) }),
        root: partition({
          size: "100%",
          content: btrfs({
            blankSnapshot: true,
            subvolumes: {
              "/root": { mountpoint: "/", mountOptions: options },
              "/nix": { mountpoint: "/nix", mountOptions: options },
              "/persist": { mountpoint: "/persist", mountOptions: options },
              "/log": { mountpoint: "/var/log", mountOptions: options },
              "/swap": { mountpoint: "/swap", mountOptions: ["noatime"], swapfile: { size: "4G" } },
            },
          }),
        }),
      },
    }),
  },
});
