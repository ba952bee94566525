// Hardware facts: what panther knows about a machine, and the reader of nixos-facter reports.

export { factsFromFacter, primeBusId } from "./facter.ts";
export type { CpuFacts, CpuVendor, DiskFacts, Firmware, GpuFacts, GpuVendor, HostFacts, NetworkFacts } from "./types.ts";
