// Kernel and sudo hardening that costs nothing on a server or a laptop: hide kernel pointers and
// logs, restrict ptrace and BPF, protect links and FIFOs, strict reverse-path filtering, and sudo
// for wheel only. Every value here is in the range the kernel accepts (checked at build).
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";

export default defineModule(({ config }) => {
  const cfg = config.panther.security.hardening;
  return {
    options: {
      panther: {
        security: {
          hardening: {
            enable: mkOption({ type: types.bool, default: false, description: "Apply the fleet's kernel and sudo hardening." }),
            ptraceScope: mkOption({ type: types.ints.between(0, 3), default: 1, description: "kernel.yama.ptrace_scope: 1 lets a process trace only its descendants (debuggers still work), 2 admin only, 3 never." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      boot: {
        kernel: {
          sysctl: {
            "kernel.kptr_restrict": mkDefault(2),
            "kernel.dmesg_restrict": mkDefault(1),
            "kernel.yama.ptrace_scope": cfg.ptraceScope,
            "kernel.unprivileged_bpf_disabled": mkDefault(1),
            "net.core.bpf_jit_harden": mkDefault(2),
            "fs.protected_symlinks": 1,
            "fs.protected_hardlinks": 1,
            "fs.protected_fifos": mkDefault(2),
            "fs.protected_regular": mkDefault(2),
            "net.ipv4.conf.all.rp_filter": mkDefault(1),
            "net.ipv4.conf.all.accept_redirects": mkDefault(0),
            "net.ipv4.conf.all.send_redirects": mkDefault(0),
            "net.ipv6.conf.all.accept_redirects": mkDefault(0),
          },
        },
      },
      security: { sudo: { execWheelOnly: true } },
    }),
  };
});
