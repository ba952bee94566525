// Wi-Fi: the firmware the host's Wi-Fi chip needs, chosen from the facts' driver (Realtek rtw88/rtw89,
// Intel iwlwifi, MediaTek, Qualcomm ath: all load firmware from linux-firmware's redistributable set).
import { defineModule, mkDefault, mkIf, mkOption, pkgs, types } from "panther";

/** Drivers that load firmware files from linux-firmware. */
const firmwareDrivers = /^(rtw88|rtw89|iwlwifi|mt7|ath9k_htc|ath1[012]k|brcmfmac)/;
/** Drivers newer than the NixOS default (LTS) kernel: RTL8922AE (Wi-Fi 7) arrived in Linux 6.8. */
const needsLatestKernel = /^rtw89_8922a/;

export default defineModule(({ config, facts }) => {
  const cfg = config.panther.hardware.wifi;
  const chips = facts?.network.filter((n) => n.kind === "wifi") ?? [];
  const drivers = chips.map((c) => c.driver ?? "");
  return {
    options: {
      panther: {
        hardware: {
          wifi: {
            enable: mkOption({ type: types.bool, default: false, description: "Support the host's Wi-Fi chip (firmware, and a kernel new enough for its driver)." }),
            latestKernel: mkOption({
              type: types.bool,
              default: drivers.some((d) => needsLatestKernel.test(d)),
              description: "Use the newest kernel (linuxPackages_latest). Default: when the facts' Wi-Fi driver is newer than the NixOS default kernel (rtw89_8922ae needs Linux 6.8).",
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      assertions: [
        {
          assertion: facts === undefined || chips.length > 0,
          message: `panther.hardware.wifi is enabled but ${facts?.source} shows no Wi-Fi controller.`,
        },
      ],
      hardware: { enableRedistributableFirmware: mkIf(facts === undefined || drivers.some((d) => firmwareDrivers.test(d)), mkDefault(true)) },
      boot: { kernelPackages: mkIf(cfg.latestKernel, mkDefault(pkgs.linuxPackages_latest)) },
    }),
  };
});
