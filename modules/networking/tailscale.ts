// Tailscale: every host joins the fleet's tailnet; the tailnet interface is trusted by the
// firewall, so fleet-internal services (metrics, the binary cache) listen there only.
import { defineModule, mkIf, mkOption, types } from "panther";
import impermanence from "../core/impermanence.ts";

export default defineModule(({ config }) => {
  const cfg = config.panther.networking.tailscale;
  const flags = [
    ...(cfg.ssh ? ["--ssh"] : []),
    ...(cfg.exitNode ? ["--advertise-exit-node"] : []),
    ...(cfg.advertiseRoutes.length > 0 ? [`--advertise-routes=${cfg.advertiseRoutes.join(",")}`] : []),
    ...cfg.tags.map((tag: string) => `--advertise-tags=tag:${tag}`),
  ];
  return {
    // Declares panther.impermanence, where this module's state is persisted.
    imports: [impermanence],
    options: {
      panther: {
        networking: {
          tailscale: {
            enable: mkOption({ type: types.bool, default: false, description: "Join the fleet's tailnet." }),
            authKeyFile: mkOption({
              type: types.nullOr(types.str),
              default: null,
              example: "/var/lib/opnix/secrets/tailscaleAuthKey",
              description: "Runtime path of a Tailscale auth key for unattended login (a secret's path, never the key itself).",
            }),
            exitNode: mkOption({ type: types.bool, default: false, description: "Offer this host as an exit node." }),
            advertiseRoutes: mkOption({ type: types.listOf(types.strMatching("[0-9a-f.:]+/[0-9]+")), default: [], example: ["10.0.0.0/24"], description: "Subnets this host routes into the tailnet." }),
            ssh: mkOption({ type: types.bool, default: false, description: "Enable Tailscale SSH (tailnet ACLs decide who may log in)." }),
            tags: mkOption({ type: types.listOf(types.strMatching("[a-z0-9-]+")), default: [], example: ["server"], description: "ACL tags to advertise (without the `tag:' prefix)." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      panther: { impermanence: { directories: ["/var/lib/tailscale"] } },
      services: {
        tailscale: {
          enable: true,
          openFirewall: true,
          // Routing features: a subnet router or exit node needs forwarding ("server"); others only accept routes.
          useRoutingFeatures: cfg.exitNode || cfg.advertiseRoutes.length > 0 ? "both" : "client",
          authKeyFile: cfg.authKeyFile,
          extraUpFlags: flags,
        },
      },
      networking: { firewall: { trustedInterfaces: ["tailscale0"] } },
    }),
  };
});
