// OpenSSH with keys only: no passwords, no keyboard-interactive, root by key at most.
import { defineModule, mkIf, mkOption, types } from "panther";

export default defineModule(({ config }) => {
  const cfg = config.panther.services.ssh;
  return {
    options: {
      panther: {
        services: {
          ssh: {
            enable: mkOption({ type: types.bool, default: false, description: "Run OpenSSH, reachable with keys only." }),
            port: mkOption({ type: types.port, default: 22, description: "TCP port OpenSSH listens on." }),
            openFirewall: mkOption({ type: types.bool, default: true, description: "Open the port on every interface (false: reachable over the tailnet only)." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      services: {
        openssh: {
          enable: true,
          ports: [cfg.port],
          openFirewall: cfg.openFirewall,
          settings: { PasswordAuthentication: false, KbdInteractiveAuthentication: false, PermitRootLogin: "prohibit-password" },
          // Only the ed25519 host key: impermanent hosts persist exactly these files.
          hostKeys: [{ path: "/etc/ssh/ssh_host_ed25519_key", type: "ed25519" }],
        },
      },
    }),
  };
});
