// Server networking: systemd-networkd with DHCP, a closed firewall, Tailscale for the fleet.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";

export default defineModule(({ config }) => ({
  options: {
    panther: {
      server: {
        enable: mkOption({ type: types.bool, default: false, description: "Network the host as a server." }),
        tcpPorts: mkOption({ type: types.listOf(types.port), default: [], description: "Public TCP ports to open." }),
        tailscale: mkOption({ type: types.bool, default: true, description: "Join the fleet's tailnet." }),
      },
    },
  },
  config: mkIf(config.panther.server.enable, {
    networking: {
      useNetworkd: true,
      useDHCP: mkDefault(false),
      firewall: { enable: true, allowedTCPPorts: config.panther.server.tcpPorts, trustedInterfaces: ["tailscale0"] },
    },
    systemd: { network: { enable: true, networks: { "10-uplink": { matchConfig: { Name: "en*" }, networkConfig: { DHCP: "ipv4" } } } } },
    services: { tailscale: { enable: config.panther.server.tailscale, useRoutingFeatures: "server" } },
    boot: { kernelParams: ["console=ttyS0,115200"] },
  }),
}));
