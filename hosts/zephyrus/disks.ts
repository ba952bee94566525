// zephyrus' disks (ASUS ROG Zephyrus M16, 40 GiB RAM): the Crucial P310 2 TB holds the system
// (ESP, LUKS → btrfs with the impermanence subvolumes and a swap file), the Micron 2450 1 TB holds
// data and games (LUKS → btrfs). Both by id: with two NVMe drives nvme0n1/nvme1n1 can swap.
import { btrfs, diskLayout, esp, gptDisk, luks, partition } from "panther";

const options = ["compress=zstd", "noatime"];

export default diskLayout({
  disks: {
    main: gptDisk({
      device: "/dev/disk/by-id/nvme-CT2000P310SSD8_24514D0F486C",
      partitions: {
        ESP: esp({ size: "1G" }),
        luks: partition({
          size: "100%",
          content: luks({
            name: "cryptroot",
            allowDiscards: true,
            passwordFile: "/tmp/disk.key",
            content: btrfs({
              blankSnapshot: true,
              subvolumes: {
                "/root": { mountpoint: "/", mountOptions: options },
                "/nix": { mountpoint: "/nix", mountOptions: options },
                "/persist": { mountpoint: "/persist", mountOptions: options },
                "/log": { mountpoint: "/var/log", mountOptions: options },
                "/home": { mountpoint: "/home", mountOptions: options },
                // As large as the 40 GiB of RAM, to hibernate: 2 % of the 2 TB drive.
                "/swap": { mountpoint: "/swap", mountOptions: ["noatime"], swapfile: { size: "40G" } },
              },
            }),
          }),
        }),
      },
    }),
    data: gptDisk({
      device: "/dev/disk/by-id/nvme-Micron_2450_MTFDKBA1T0TFK_2146334B7D47",
      partitions: {
        luks: partition({
          size: "100%",
          content: luks({
            name: "cryptdata",
            allowDiscards: true,
            passwordFile: "/tmp/disk.key",
            content: btrfs({
              subvolumes: {
                "/data": { mountpoint: "/data", mountOptions: options },
                "/games": { mountpoint: "/games", mountOptions: options },
              },
            }),
          }),
        }),
      },
    }),
  },
});
