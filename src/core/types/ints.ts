// Integer ranges of `lib/types.nix` (`ints.*`, `port`), with nixpkgs' exact descriptions.

import { mergeEqual } from "./basic.ts";
import type { DescriptionClass, OptionType } from "./type.ts";

const rangeText = (lo: number, hi: number) => `${lo} and ${hi} (both inclusive)`;

function ranged(name: string, description: string, lo: number, hi: number, cls: DescriptionClass = "noun"): OptionType<number> {
  return {
    name,
    description,
    descriptionClass: cls,
    // What `z.number().int().min(lo).max(hi)` accepts, without a zod call per value.
    check: (v) => typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi,
    merge: mergeEqual as OptionType<number>["merge"],
    payload: { lo, hi },
    simple: true,
  };
}

export function between(lo: number, hi: number): OptionType<number> {
  if (lo > hi) throw new RangeError("ints.between: lowest must be smaller than highest");
  return ranged("intBetween", `integer between ${rangeText(lo, hi)}`, lo, hi);
}

const unsign = (bits: number) =>
  ranged(`unsignedInt${bits}`, `${bits} bit unsigned integer; between ${rangeText(0, 2 ** bits - 1)}`, 0, 2 ** bits - 1);
const sign = (bits: number) => {
  const half = 2 ** (bits - 1);
  return ranged(`signedInt${bits}`, `${bits} bit signed integer; between ${rangeText(-half, half - 1)}`, -half, half - 1);
};

export const ints = {
  between,
  unsigned: ranged("unsignedInt", "unsigned integer, meaning >=0", 0, Number.MAX_SAFE_INTEGER, "nonRestrictiveClause"),
  positive: ranged("positiveInt", "positive integer, meaning >0", 1, Number.MAX_SAFE_INTEGER, "nonRestrictiveClause"),
  u8: unsign(8),
  u16: unsign(16),
  u32: unsign(32),
  s8: sign(8),
  s16: sign(16),
  s32: sign(32),
} as const;

export const port = ints.u16;
