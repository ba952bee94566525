// Laptop networking: NetworkManager with the iwd Wi-Fi backend, systemd-resolved, and mDNS for
// finding printers and peers on the local network.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";
import impermanence from "../core/impermanence.ts";

export default defineModule(({ config }) => {
  const cfg = config.panther.networking.wireless;
  return {
    // Declares panther.impermanence, where this module's state is persisted.
    imports: [impermanence],
    options: {
      panther: {
        networking: {
          wireless: {
            enable: mkOption({ type: types.bool, default: false, description: "Manage Wi-Fi and wired networks with NetworkManager (iwd backend)." }),
            mdns: mkOption({ type: types.bool, default: true, description: "Resolve and announce .local names with systemd-resolved." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      panther: { impermanence: { directories: ["/etc/NetworkManager/system-connections", "/var/lib/NetworkManager", "/var/lib/iwd"] } },
      networking: {
        networkmanager: { enable: true, wifi: { backend: "iwd", powersave: mkDefault(true) }, dns: "systemd-resolved" },
        firewall: { enable: mkDefault(true), allowedUDPPorts: cfg.mdns ? [5353] : [] },
      },
      services: { resolved: { enable: true, extraConfig: cfg.mdns ? "MulticastDNS=yes" : "" } },
    }),
  };
});
