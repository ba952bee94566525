// Podman as the container runtime (rootless-capable, Docker-compatible CLI and socket), with
// weekly pruning of unused images.
import { defineModule, mkIf, mkOption, types } from "panther";
import impermanence from "../core/impermanence.ts";

export default defineModule(({ config }) => {
  const cfg = config.panther.containers.podman;
  return {
    // Declares panther.impermanence, where this module's state is persisted.
    imports: [impermanence],
    options: {
      panther: {
        containers: {
          podman: {
            enable: mkOption({ type: types.bool, default: false, description: "Run containers with Podman." }),
            dockerCompat: mkOption({ type: types.bool, default: true, description: "Provide the `docker` command and socket (for compose files and tools that expect Docker)." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      panther: { impermanence: { directories: ["/var/lib/containers"] } },
      virtualisation: {
        podman: {
          enable: true,
          dockerCompat: cfg.dockerCompat,
          dockerSocket: { enable: cfg.dockerCompat },
          defaultNetwork: { settings: { dns_enabled: true } },
          autoPrune: { enable: true, dates: "weekly", flags: ["--all"] },
        },
      },
    }),
  };
});
