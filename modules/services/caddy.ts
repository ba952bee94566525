// Caddy as the one public entry point: each site is a domain reverse-proxied to a local
// upstream, with certificates from Let's Encrypt. Services declare their sites here.
import { defineModule, mkIf, mkOption, types } from "panther";
import impermanence from "../core/impermanence.ts";

export default defineModule(({ config }) => {
  const cfg = config.panther.services.caddy;
  const site = types.submodule({
    options: {
      upstream: mkOption({ type: types.str, example: "127.0.0.1:8080", description: "Address the site is proxied to." }),
      extraConfig: mkOption({ type: types.lines, default: "", description: "Extra Caddyfile directives for the site." }),
    },
  });
  const sites = cfg.sites as Record<string, { upstream: string; extraConfig: string }>;
  return {
    // Declares panther.impermanence, where this module's state is persisted.
    imports: [impermanence],
    options: {
      panther: {
        services: {
          caddy: {
            enable: mkOption({ type: types.bool, default: false, description: "Serve public sites through Caddy with automatic HTTPS." }),
            email: mkOption({ type: types.nullOr(types.str), default: null, description: "ACME account email for certificate expiry notices." }),
            sites: mkOption({ type: types.attrsOf(site), default: {}, example: { "cache.example.org": { upstream: "127.0.0.1:8080" } }, description: "Public sites by domain." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      panther: { impermanence: { directories: ["/var/lib/caddy"] } },
      services: {
        caddy: {
          enable: true,
          email: cfg.email,
          virtualHosts: Object.fromEntries(
            Object.entries(sites).map(([domain, s]) => [domain, { extraConfig: [`reverse_proxy ${s.upstream}`, s.extraConfig].filter(Boolean).join("\n") }]),
          ),
        },
      },
      networking: { firewall: { allowedTCPPorts: [80, 443], allowedUDPPorts: [443] } },
    }),
  };
});
