// Kernel parameters (`boot.kernel.sysctl`) whose valid values are known: the kernel refuses an
// out-of-range write at boot (systemd-sysctl logs "Invalid argument" and carries on), so a
// setting like `vm.dirty_ratio = 160` silently does nothing. panther rejects it at build.

export interface SysctlRange {
  readonly min: number;
  readonly max: number;
  /** What the value means, for the message. */
  readonly meaning: string;
}

const percent = (what: string): SysctlRange => ({ min: 0, max: 100, meaning: `${what} (a percentage, 0–100)` });
const flag = (what: string): SysctlRange => ({ min: 0, max: 1, meaning: `${what} (0 or 1)` });
const atLeastZero = (what: string): SysctlRange => ({ min: 0, max: Number.MAX_SAFE_INTEGER, meaning: `${what} (a non-negative integer)` });

/** Documented ranges (Documentation/admin-guide/sysctl/{vm,kernel,fs}.rst, networking/ip-sysctl.rst). */
export const sysctlRanges: Readonly<Record<string, SysctlRange>> = {
  "vm.swappiness": { min: 0, max: 200, meaning: "how eagerly the kernel swaps (0–200)" },
  "vm.dirty_ratio": percent("dirty page ratio"),
  "vm.dirty_background_ratio": percent("background writeback ratio"),
  "vm.overcommit_memory": { min: 0, max: 2, meaning: "the overcommit mode (0 heuristic, 1 always, 2 never)" },
  "vm.vfs_cache_pressure": atLeastZero("inode and dentry cache pressure"),
  "vm.min_free_kbytes": atLeastZero("reserved free memory in KiB"),
  "vm.max_map_count": atLeastZero("the maximum number of memory map areas"),
  "vm.dirty_expire_centisecs": atLeastZero("dirty data age in centiseconds"),
  "vm.dirty_writeback_centisecs": atLeastZero("writeback interval in centiseconds"),
  "kernel.kptr_restrict": { min: 0, max: 2, meaning: "kernel pointer hiding (0–2)" },
  "kernel.dmesg_restrict": flag("dmesg restriction"),
  "kernel.yama.ptrace_scope": { min: 0, max: 3, meaning: "ptrace scope (0–3)" },
  "kernel.unprivileged_bpf_disabled": { min: 0, max: 2, meaning: "unprivileged BPF (0–2)" },
  "kernel.randomize_va_space": { min: 0, max: 2, meaning: "address space randomization (0–2)" },
  "kernel.sysrq": { min: 0, max: 511, meaning: "the SysRq bitmask (0–511)" },
  "kernel.panic": { min: -2147483648, max: 2147483647, meaning: "seconds before reboot after a panic" },
  "fs.protected_symlinks": flag("symlink protection"),
  "fs.protected_hardlinks": flag("hardlink protection"),
  "fs.protected_fifos": { min: 0, max: 2, meaning: "FIFO protection (0–2)" },
  "fs.protected_regular": { min: 0, max: 2, meaning: "regular file protection (0–2)" },
  "fs.suid_dumpable": { min: 0, max: 2, meaning: "setuid core dumps (0–2)" },
  "fs.inotify.max_user_watches": { min: 1, max: 2147483647, meaning: "inotify watches per user" },
  "fs.inotify.max_user_instances": { min: 1, max: 2147483647, meaning: "inotify instances per user" },
  "net.core.bpf_jit_harden": { min: 0, max: 2, meaning: "BPF JIT hardening (0–2)" },
  "net.ipv4.ip_forward": flag("IPv4 forwarding"),
  "net.ipv4.tcp_syncookies": { min: 0, max: 2, meaning: "SYN cookies (0–2)" },
  "net.ipv4.icmp_echo_ignore_all": flag("ignoring pings"),
  "net.ipv4.tcp_fastopen": { min: 0, max: 0x7ff, meaning: "the TCP Fast Open bitmask" },
  "net.ipv6.conf.all.forwarding": flag("IPv6 forwarding"),
  "net.ipv6.conf.default.forwarding": flag("IPv6 forwarding"),
};

/** Per-interface keys (`net.ipv4.conf.<iface>.rp_filter`) by their last component. */
const perInterface: Readonly<Record<string, SysctlRange>> = {
  rp_filter: { min: 0, max: 2, meaning: "reverse path filtering (0 off, 1 strict, 2 loose)" },
  accept_redirects: flag("accepting ICMP redirects"),
  send_redirects: flag("sending ICMP redirects"),
  accept_source_route: flag("accepting source-routed packets"),
  log_martians: flag("logging martian packets"),
};

export function sysctlRange(key: string): SysctlRange | undefined {
  const known = sysctlRanges[key];
  if (known) return known;
  const match = /^net\.ipv[46]\.conf\.[^.]+\.([a-z_]+)$/.exec(key);
  return match ? perInterface[match[1]!] : undefined;
}

/** Valid sysctl names: dot- or slash-separated components of the /proc/sys tree. */
export function isSysctlName(key: string): boolean {
  return /^[a-z0-9_*-]+([./][A-Za-z0-9_*@:-]+)+$/.test(key);
}

/** Why `value` is not valid for `key`, or undefined when it is (or when panther does not know the key). */
export function sysctlProblem(key: string, value: unknown): string | undefined {
  if (!isSysctlName(key)) return `\`${key}' is not a sysctl name (components of /proc/sys separated by dots)`;
  const range = sysctlRange(key);
  if (!range || value === null) return undefined;
  const text = typeof value === "boolean" ? (value ? "1" : "0") : String(value).trim();
  if (!/^-?\d+$/.test(text)) return `\`${key}' takes ${range.meaning}, not ${JSON.stringify(value)}`;
  const n = Number(text);
  if (n < range.min || n > range.max) return `\`${key}' takes ${range.meaning}; ${text} is out of range`;
  return undefined;
}
