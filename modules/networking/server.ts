// Server networking: systemd-networkd with DHCP on the uplink, a closed firewall with the public
// ports the host serves. The tailnet is a separate choice (networking/tailscale.ts).
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";

export default defineModule(({ config }) => {
  const cfg = config.panther.networking.server;
  return {
    options: {
      panther: {
        networking: {
          server: {
            enable: mkOption({ type: types.bool, default: false, description: "Network the host as a server: systemd-networkd, DHCP on the uplink, a closed firewall." }),
            uplink: mkOption({ type: types.str, default: "en*", example: "ens3", description: "Interface name (or networkd glob) of the public uplink." }),
            tcpPorts: mkOption({ type: types.listOf(types.port), default: [], description: "Public TCP ports to open on every interface." }),
            udpPorts: mkOption({ type: types.listOf(types.port), default: [], description: "Public UDP ports to open on every interface." }),
            ipv6: mkOption({ type: types.bool, default: true, description: "Accept router advertisements on the uplink (IPv6 SLAAC), as Hetzner and OVH provide." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      networking: {
        useNetworkd: true,
        useDHCP: mkDefault(false),
        firewall: { enable: true, allowedTCPPorts: cfg.tcpPorts, allowedUDPPorts: cfg.udpPorts, allowPing: mkDefault(true) },
      },
      systemd: {
        network: {
          enable: true,
          networks: {
            "10-uplink": {
              matchConfig: { Name: cfg.uplink },
              networkConfig: { DHCP: "ipv4", IPv6AcceptRA: cfg.ipv6 },
              linkConfig: { RequiredForOnline: "routable" },
            },
          },
        },
      },
    }),
  };
});
