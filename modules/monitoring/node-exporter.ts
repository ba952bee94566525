// Host metrics for the fleet's Prometheus: the node exporter, reachable over the tailnet only.
import { defineModule, mkIf, mkOption, types } from "panther";

export default defineModule(({ config }) => {
  const cfg = config.panther.monitoring.exporter;
  return {
    options: {
      panther: {
        monitoring: {
          exporter: {
            enable: mkOption({ type: types.bool, default: false, description: "Export host metrics (CPU, memory, disks, systemd units) to the fleet's Prometheus." }),
            port: mkOption({ type: types.port, default: 9100, description: "Port of the node exporter, open on the tailnet only." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      services: { prometheus: { exporters: { node: { enable: true, port: cfg.port, enabledCollectors: ["systemd", "processes"], openFirewall: false } } } },
      networking: { firewall: { interfaces: { tailscale0: { allowedTCPPorts: [cfg.port] } } } },
    }),
  };
});
