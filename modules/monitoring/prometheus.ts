// The fleet's Prometheus: scrapes every host's node exporter by its tailnet name (MagicDNS)
// and keeps a bounded history.
import { defineModule, mkIf, mkOption, types } from "panther";
import impermanence from "../core/impermanence.ts";

export default defineModule(({ config }) => {
  const cfg = config.panther.monitoring.prometheus;
  return {
    // Declares panther.impermanence, where this module's state is persisted.
    imports: [impermanence],
    options: {
      panther: {
        monitoring: {
          prometheus: {
            enable: mkOption({ type: types.bool, default: false, description: "Run the fleet's Prometheus server on this host." }),
            targets: mkOption({ type: types.listOf(types.str), default: [], example: ["yoga", "zephyrus"], description: "Tailnet host names whose node exporters are scraped." }),
            exporterPort: mkOption({ type: types.port, default: 9100, description: "Port of the node exporters." }),
            retention: mkOption({ type: types.strMatching("[0-9]+[smhdwy]"), default: "30d", description: "How long samples are kept." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      panther: { impermanence: { directories: ["/var/lib/prometheus2"] } },
      services: {
        prometheus: {
          enable: true,
          listenAddress: "127.0.0.1",
          retentionTime: cfg.retention,
          scrapeConfigs: [
            {
              job_name: "node",
              scrape_interval: "30s",
              static_configs: [{ targets: (cfg.targets as string[]).map((host) => `${host}:${cfg.exporterPort}`) }],
            },
          ],
        },
      },
    }),
  };
});
