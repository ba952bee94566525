// The shared modules: each switch emits what it promises, profiles only set defaults, and the
// OpenPalm-style app exposure levels wire containers, firewall and Caddy consistently.
import { describe, expect, test } from "vitest";
import { defineModule, mkForce } from "panther";
import fleet from "../../modules/default.ts";
import { compileTestHost, hostError } from "../helpers/host.ts";

// Fleet host names: the secrets mapping gives secrets (the tailnet key, host keys) by host name.
const emitted = (config: object, name = "hetzner-vps") => compileTestHost(defineModule({ imports: [fleet], ...config }), { name }).files[0]!.text;
const failure = (config: object, name = "hetzner-vps") => hostError(defineModule({ imports: [fleet], ...config }), { name });

describe("module catalogue", () => {
  test("with nothing enabled, a host gets only the core modules", () => {
    const text = emitted({});
    expect(text).toContain('dates = "weekly";');
    for (const absent of ["openssh = {", "tailscale", "caddy", "greetd", "prometheus", "restic", "podman", "fail2ban"]) expect(text).not.toContain(absent);
  });

  test("the server profile turns on SSH, tailnet, firewall, hardening, metrics and serial console, each overridable", () => {
    const text = emitted({ panther: { profiles: { server: { enable: true } }, security: { fail2ban: { enable: false } } } });
    expect(text).toContain('PasswordAuthentication = false;');
    expect(text).toContain('"--advertise-tags=tag:server"');
    expect(text).toContain('"console=ttyS0,115200"');
    expect(text).toContain('"kernel.kptr_restrict" = 2;');
    expect(text).toMatch(/interfaces\.tailscale0\.allowedTCPPorts = \[ 9100 \];/);
    expect(text).not.toContain("fail2ban");
  });

  test("tailscale flags follow the choices, and routing features follow exit node and routes", () => {
    const text = emitted({ panther: { networking: { tailscale: { enable: true, exitNode: true, ssh: true, advertiseRoutes: ["10.0.0.0/24"], authKeyFile: "/run/ts-key" } } } });
    expect(text).toContain('useRoutingFeatures = "both";');
    expect(text).toMatch(/"--ssh"\s+"--advertise-exit-node"\s+"--advertise-routes=10.0.0.0\/24"/);
    expect(text).toContain('authKeyFile = "/run/ts-key";');
    expect(failure({ panther: { networking: { tailscale: { enable: true, advertiseRoutes: ["10.0.0.0"] } } } }).code).toBe("type-mismatch");
  });

  test("containerised apps: host, tailnet and public exposure", () => {
    const text = emitted({
      panther: {
        containers: {
          apps: {
            grafana: { image: "grafana/grafana:11.0.0", port: 3000, exposure: "tailnet" },
            blog: { image: "ghost:5", port: 2368, hostPort: 8081, exposure: "public", domain: "blog.example.org" },
            redis: { image: "redis:7", port: 6379 },
          },
        },
      },
    });
    expect(text).toContain('"3000:3000"'); // tailnet: all interfaces, firewall open on tailscale0 only
    expect(text).toContain('"127.0.0.1:8081:2368"');
    expect(text).toContain('"127.0.0.1:6379:6379"');
    expect(text).toMatch(/interfaces\.tailscale0\.allowedTCPPorts = \[ 3000 \];/);
    expect(text).toContain('virtualHosts."blog.example.org".extraConfig = "reverse_proxy 127.0.0.1:8081";');
    expect(text).toContain('backend = "podman";');
    expect(text).toMatch(/podman = \{[^}]*enable = true;/s);
  });

  test("a public app without a domain fails its assertion at the module's line", () => {
    const error = failure({ panther: { containers: { apps: { blog: { image: "ghost:5", port: 2368, exposure: "public" } } } } });
    expect(error.code).toBe("failed-assertion");
    expect(error.message).toContain("panther.containers.apps.blog: a public app needs a domain.");
    expect(error.locations[0]!.file).toMatch(/modules\/containers\/apps\.ts$/);
  });

  test("attic and restic name each missing required setting once enabled", () => {
    const error = failure({ panther: { services: { attic: { enable: true, domain: "cache.example.org" } }, backup: { restic: { enable: true } } } });
    expect(error.code).toBe("failed-assertion");
    expect(error.message).toContain("panther.services.attic.credentialsFile must be set");
    expect(error.message).toContain("panther.services.attic.bucket must be set");
    expect(error.message).not.toContain("attic.domain must be set");
    expect(error.message).toContain("panther.backup.restic.repository must be set");
  });

  test("attic is served by caddy on its domain, credentials stay a runtime path", () => {
    const text = emitted({ panther: { services: { attic: { enable: true, domain: "cache.example.org", bucket: "b", credentialsFile: "/run/attic.env" } } } });
    expect(text).toContain('environmentFile = "/run/attic.env";');
    expect(text).toContain('virtualHosts."cache.example.org".extraConfig');
    expect(text).toContain('api-endpoint = "https://cache.example.org/";');
  });

  test("restic runs nightly with pruning; a bad schedule is a build error at the host's line", () => {
    const restic = { enable: true, repository: "s3:https://s3.example.org/b/h", passwordFile: "/run/pw" };
    expect(emitted({ panther: { backup: { restic } } })).toContain('OnCalendar = "*-*-* 03:00:00";');
    const error = failure({ panther: { backup: { restic: { ...restic, schedule: "6h" } } } });
    expect(error.code).toBe("invalid-value");
    expect(error.message).toContain("services.restic.backups.b2.timerConfig.OnCalendar' is \"6h\"");
  });

  test("the laptop profile gives a niri desktop with greetd, apps and development tools", () => {
    const text = emitted({ panther: { profiles: { laptop: { enable: true } }, development: { ai: true } } }, "yoga");
    expect(text).toContain("niri.enable = true;");
    expect(text).toContain('command = "${lib.getExe pkgs.greetd.tuigreet} --time --remember --cmd niri-session";');
    expect(text).toContain('backend = "iwd";');
    expect(text).toContain("pkgs.claude-code");
    expect(text).toContain('allowUnfreePredicate = pkg: builtins.elem (lib.getName pkg) [ "claude-code" ];');
    expect(text).toContain("openFirewall = false;");
  });

  test("a profile default yields to the host", () => {
    const text = emitted({ panther: { profiles: { laptop: { enable: true } }, desktop: { compositor: "hyprland", enable: mkForce(true) } } }, "yoga");
    expect(text).toContain("hyprland.enable = true;");
    expect(text).toContain("--cmd Hyprland");
  });
});
