// What panther knows about a machine's hardware, read from its nixos-facter report
// (hosts/<host>/facter.json). Modules receive it as the `facts` module argument and decide
// hardware settings from it instead of repeating model numbers, PCI addresses or disk ids.

export type Firmware = "uefi" | "bios";
export type CpuVendor = "amd" | "intel" | "other";
export type GpuVendor = "amd" | "intel" | "nvidia" | "other";

export interface CpuFacts {
  readonly vendor: CpuVendor;
  /** Marketing name, e.g. "AMD Ryzen AI 7 350 w/ Radeon 860M". */
  readonly model: string;
  readonly cores: number;
  readonly threads: number;
  /** Whether the CPU offers hardware virtualisation (the vmx or svm flag), so KVM can run on it. */
  readonly hardwareVirtualisation?: boolean;
}

export interface GpuFacts {
  readonly vendor: GpuVendor;
  readonly name: string;
  /** PCI vendor:device, e.g. "10de:24a0". */
  readonly pciId: string;
  /** The address NixOS' PRIME options take, e.g. "PCI:1:0:0" (bus:device:function, decimal). */
  readonly busId: string;
  /** The kernel driver the report saw bound, when there was one (amdgpu, i915, nvidia…). */
  readonly driver: string | undefined;
}

export interface DiskFacts {
  /** Kernel name, e.g. "/dev/nvme0n1" (not stable across boots with several NVMe drives). */
  readonly path: string;
  /** Stable names under /dev/disk/by-id, best first (e.g. "nvme-WD_…_serial" before "nvme-eui.…"). */
  readonly byId: readonly string[];
  readonly sizeBytes: number;
  readonly model: string | undefined;
}

export interface NetworkFacts {
  readonly name: string;
  readonly vendor: string | undefined;
  readonly driver: string | undefined;
  readonly kind: "wifi" | "ethernet" | "other";
  /** PCI vendor:device of the controller (the Wi-Fi chipset), e.g. "10ec:8922"; absent for virtual devices. */
  readonly pciId?: string;
  /** Interface names the report saw, e.g. ["wlan0"]. */
  readonly interfaces?: readonly string[];
}

export interface HostFacts {
  /** Where the facts came from (the report's path), for messages. */
  readonly source: string;
  readonly firmware: Firmware;
  /**
   * True when the report does not record the boot mode (nixos-facter before November 2025 has no
   * `uefi` field) and `firmware` was inferred from the legacy BIOS data area (see facter.ts).
   */
  readonly firmwareInferred?: boolean;
  /** "none" on bare metal, else the hypervisor (kvm, qemu, …). */
  readonly virtualisation: string;
  readonly system: {
    readonly vendor: string | undefined;
    readonly product: string | undefined;
    /** SMBIOS system version: Lenovo puts the marketing name here ("Yoga 7 2-in-1 14AKP10"). */
    readonly version?: string | undefined;
    /** hwinfo's form factor: "laptop", "desktop", … */
    readonly formFactor?: string | undefined;
  };
  readonly cpu: CpuFacts;
  readonly memoryBytes: number;
  readonly gpus: readonly GpuFacts[];
  readonly disks: readonly DiskFacts[];
  readonly network: readonly NetworkFacts[];
}
