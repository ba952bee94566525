// Sizes in disko's syntax, checked where the layout is written: partitions take sgdisk sizes
// ("512M", "1G", "100%"), btrfs swap files `btrfs filesystem mkswapfile` sizes ("16G").

/** A partition size: a number of bytes with an optional K/M/G/T/P suffix, or "100%" (the rest of the disk). */
export type PartitionSize = "100%" | `${number}` | `${number}${SizeUnit}`;
/** A swap file size: a number with a K/M/G/T/P suffix (disko requires the unit). */
export type SwapfileSize = `${number}${SizeUnit}`;
export type SizeUnit = "K" | "M" | "G" | "T" | "P";

const partitionPattern = /^(100%|[0-9]+[KMGTP]?)$/;
const swapfilePattern = /^[0-9]+[KMGTP]$/;

/** Why `size` is not a partition size, or undefined when it is one. */
export function partitionSizeProblem(size: unknown): string | undefined {
  if (typeof size === "string" && partitionPattern.test(size)) return undefined;
  return (
    `${JSON.stringify(size)} is not a partition size in disko's syntax: use a whole number with an optional ` +
    `K, M, G, T or P suffix ("512M", "1G"; not "512MB", "1GiB" or "1.5G"), or "100%" for the rest of the disk.`
  );
}

/** Why `size` is not a swap file size, or undefined when it is one. */
export function swapfileSizeProblem(size: unknown): string | undefined {
  if (typeof size === "string" && swapfilePattern.test(size)) return undefined;
  return `${JSON.stringify(size)} is not a swap file size in disko's syntax: use a whole number with a K, M, G, T or P suffix ("16G").`;
}
