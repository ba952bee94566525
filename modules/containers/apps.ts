// Containerised applications with an exposure level, after OpenPalm's stack spec: `host` (only
// this machine), `tailnet` (the fleet), or `public` (a domain through Caddy with HTTPS). One
// declaration gives the container, its port binding, the firewall rule and the Caddy site.
import { defineModule, mkIf, mkOption, types } from "panther";

interface App {
  image: string;
  port: number;
  hostPort: number | null;
  exposure: "host" | "tailnet" | "public";
  domain: string | null;
  environment: Record<string, string>;
  environmentFiles: string[];
  volumes: string[];
}

export default defineModule(({ config }) => {
  const apps = config.panther.containers.apps as Record<string, App>;
  const hostPort = (app: App) => app.hostPort ?? app.port;
  const bind = (app: App) => (app.exposure === "tailnet" ? "" : "127.0.0.1:");
  const publicApps = Object.entries(apps).filter(([, app]) => app.exposure === "public");
  const tailnetPorts = Object.values(apps).filter((app) => app.exposure === "tailnet").map(hostPort);
  const app = types.submodule({
    options: {
      image: mkOption({ type: types.str, example: "ghcr.io/example/app:1.2.3", description: "Container image, pinned by tag or digest." }),
      port: mkOption({ type: types.port, description: "Port the container listens on." }),
      hostPort: mkOption({ type: types.nullOr(types.port), default: null, description: "Port on the host (default: the container port)." }),
      exposure: mkOption({ type: types.enum(["host", "tailnet", "public"]), default: "host", description: "Who can reach the app: this host, the tailnet, or the internet through Caddy." }),
      domain: mkOption({ type: types.nullOr(types.str), default: null, description: "Public domain (required when exposure is public)." }),
      environment: mkOption({ type: types.attrsOf(types.str), default: {}, description: "Environment variables (no secrets: use environmentFiles)." }),
      environmentFiles: mkOption({ type: types.listOf(types.str), default: [], description: "Runtime paths of environment files (secrets)." }),
      volumes: mkOption({ type: types.listOf(types.str), default: [], example: ["/var/lib/app:/data"], description: "Volume bindings." }),
    },
  });
  return {
    options: {
      panther: { containers: { apps: mkOption({ type: types.attrsOf(app), default: {}, description: "Containerised applications, each with an exposure level." }) } },
    },
    config: mkIf(Object.keys(apps).length > 0, {
      panther: {
        containers: { podman: { enable: true } },
        services: { caddy: mkIf(publicApps.length > 0, { enable: true, sites: Object.fromEntries(publicApps.map(([, a]) => [a.domain ?? "", { upstream: `127.0.0.1:${hostPort(a)}` }])) }) },
      },
      virtualisation: {
        "oci-containers": {
          backend: "podman",
          containers: Object.fromEntries(
            Object.entries(apps).map(([name, a]) => [
              name,
              { image: a.image, ports: [`${bind(a)}${hostPort(a)}:${a.port}`], environment: a.environment, environmentFiles: a.environmentFiles, volumes: a.volumes },
            ]),
          ),
        },
      },
      networking: { firewall: { interfaces: { tailscale0: { allowedTCPPorts: tailnetPorts } } } },
      assertions: Object.entries(apps).map(([name, a]) => ({
        assertion: a.exposure !== "public" || a.domain !== null,
        message: `panther.containers.apps.${name}: a public app needs a domain.`,
      })),
    }),
  };
});
