// The Datadog agent, for hosts whose metrics and logs also go to Datadog; its API key is a
// runtime file (a secret), never a value in the configuration.
import { defineModule, mkIf, mkOption, types } from "panther";
import impermanence from "../core/impermanence.ts";

export default defineModule(({ config }) => {
  const cfg = config.panther.monitoring.datadog;
  return {
    // Declares panther.impermanence, where this module's state is persisted.
    imports: [impermanence],
    options: {
      panther: {
        monitoring: {
          datadog: {
            enable: mkOption({ type: types.bool, default: false, description: "Run the Datadog agent." }),
            apiKeyFile: mkOption({ type: types.nullOr(types.str), default: null, description: "Runtime path of the Datadog API key (a secret's path)." }),
            site: mkOption({ type: types.str, default: "datadoghq.eu", description: "The Datadog site the agent reports to." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      panther: { impermanence: { directories: ["/var/lib/datadog"] } },
      // NixOS' apiKeyFile is a path, never null: left unset, the assertion below says what is missing.
      services: {
        "datadog-agent": {
          enable: true,
          ...(cfg.apiKeyFile === null ? {} : { apiKeyFile: cfg.apiKeyFile }),
          site: cfg.site,
          enableLiveProcessCollection: true,
        },
      },
      assertions: [{ assertion: cfg.apiKeyFile !== null, message: "panther.monitoring.datadog.apiKeyFile must be set when the Datadog agent is enabled." }],
    }),
  };
});
