// yoga's disk (Lenovo Yoga 7 2-in-1, WD SN7100S 1 TB NVMe, 15 GiB RAM): ESP, then LUKS over the
// rest holding btrfs with the impermanence subvolumes and a swap file as large as the RAM.
import { btrfs, diskLayout, esp, gptDisk, luks, partition } from "panther";

const options = ["compress=zstd", "noatime"];

export default diskLayout({
  disks: {
    main: gptDisk({
      // From hosts/yoga/facter.json: the stable name, not /dev/nvme0n1.
      device: "/dev/disk/by-id/nvme-WD_PC_SN7100S_SDFPMSL-1T00-1101_25112Q801629",
      partitions: {
        ESP: esp({ size: "1G" }),
        luks: partition({
          size: "100%",
          content: luks({
            name: "cryptroot",
            allowDiscards: true,
            // nixos-anywhere --disk-encryption-keys /tmp/disk.key <(op read …); only read while formatting.
            passwordFile: "/tmp/disk.key",
            content: btrfs({
              blankSnapshot: true,
              subvolumes: {
                "/root": { mountpoint: "/", mountOptions: options },
                "/nix": { mountpoint: "/nix", mountOptions: options },
                "/persist": { mountpoint: "/persist", mountOptions: options },
                "/log": { mountpoint: "/var/log", mountOptions: options },
                "/home": { mountpoint: "/home", mountOptions: options },
                // 15 GiB of RAM: 16G lets the laptop hibernate.
                "/swap": { mountpoint: "/swap", mountOptions: ["noatime"], swapfile: { size: "16G" } },
              },
            }),
          }),
        }),
      },
    }),
  },
});
