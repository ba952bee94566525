// The module catalogue: every shared module, imported by every host. Each one does nothing until
// its enable switch (or a profile) turns it on, so a host reads as a short list of choices.
import { defineModule } from "panther";
import base from "./core/base.ts";
import nix from "./core/nix.ts";
import impermanence from "./core/impermanence.ts";
import serialConsole from "./boot/serial-console.ts";
import bootLoader from "./boot/loader.ts";
import server from "./networking/server.ts";
import tailscale from "./networking/tailscale.ts";
import wireless from "./networking/wireless.ts";
import hardening from "./security/hardening.ts";
import fail2ban from "./security/fail2ban.ts";
import ssh from "./services/ssh.ts";
import caddy from "./services/caddy.ts";
import attic from "./services/attic.ts";
import podman from "./containers/podman.ts";
import apps from "./containers/apps.ts";
import exporter from "./monitoring/node-exporter.ts";
import prometheus from "./monitoring/prometheus.ts";
import datadog from "./monitoring/datadog.ts";
import secrets from "./security/secrets.ts";
import hardware from "./hardware/all.ts";
import restic from "./backup/restic.ts";
import wayland from "./desktop/wayland.ts";
import desktopApps from "./desktop/apps.ts";
import development from "./development/tools.ts";
import serverProfile from "./profiles/server.ts";
import laptopProfile from "./profiles/laptop.ts";

export default defineModule({
  imports: [
    base, nix, impermanence, serialConsole, bootLoader,
    server, tailscale, wireless,
    hardening, fail2ban, secrets,
    hardware,
    ssh, caddy, attic,
    podman, apps,
    exporter, prometheus, datadog,
    restic,
    wayland, desktopApps,
    development,
    serverProfile, laptopProfile,
  ],
});
