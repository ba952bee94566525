// OpenSSH with keys only: no passwords, no keyboard-interactive, root by key at most.
import { defineModule, mkIf, mkOption, types } from "panther";

export default defineModule(({ config }) => ({
  options: {
    panther: {
      ssh: {
        enable: mkOption({ type: types.bool, default: true, description: "Run OpenSSH, reachable with keys only." }),
        port: mkOption({ type: types.port, default: 22, description: "TCP port OpenSSH listens on." }),
      },
    },
  },
  config: mkIf(config.panther.ssh.enable, {
    services: {
      openssh: {
        enable: true,
        ports: [config.panther.ssh.port],
        openFirewall: true,
        settings: { PasswordAuthentication: false, KbdInteractiveAuthentication: false, PermitRootLogin: "prohibit-password" },
      },
    },
  }),
}));
