// Shared pieces of the disko declarations (nix-community/disko at 878ec37): its path and size
// types, the option shapes every device type repeats, and the hooks `diskoLib.mkSubType` adds.

import type { Module } from "../../core/module.ts";
import { mergeOne } from "../../core/types/basic.ts";
import { types } from "../../core/types/index.ts";
import type { OptionType } from "../../core/types/type.ts";
import { opt } from "./declare.ts";

/** Where a content lives: disko's `device` and `parent` arguments of `deviceType`/`partitionType`. */
export interface ContentContext {
  /** The block device the content is created on. */
  readonly device: () => string;
  /** The disk or mdadm array a partition table belongs to (its partition labels name it). */
  readonly parent?: () => { readonly type: string; readonly name: string };
}

export const file = (type: string) => `<disko/lib/types/${type}.nix>`;

/** `diskoLib.optionTypes.absolute-pathname`: a string starting with `/`; one definition only. */
export const absolutePathname: OptionType<string> = {
  name: "absolutePathname",
  description: "absolute path",
  descriptionClass: "noun",
  check: (v) => typeof v === "string" && v.startsWith("/") && (v === "/" || v.split("/").some((s) => s !== "")),
  merge: mergeOne as OptionType<string>["merge"],
  simple: true,
};

/** sgdisk sizes: "100%" or a number with an optional K/M/G/T/P suffix ("512M", not "512MB" or "1GiB"). */
export const partitionSize = types.either(types.enum(["100%"]), types.strMatching("[0-9]+[KMGTP]?"));
export const uuidPattern = "[[:xdigit:]]{8}-[[:xdigit:]]{4}-[[:xdigit:]]{4}-[[:xdigit:]]{4}-[[:xdigit:]]{12}";
export const strings = types.listOf(types.str);

/** The `type` of a node: required where disko dispatches on it, defaulted where it does not. */
export const tag = (value: string, description = "Type") => opt({ type: types.enum([value]), internal: true, description });
export const taggedWithDefault = (value: string, description = "Type") =>
  opt({ type: types.enum([value]), default: value, internal: true, description });
export const extraArgs = (description = "Extra arguments") => opt({ type: strings, default: [], description });
export const mountOptions = (description = "Options to pass to mount", fallback: readonly string[] = ["defaults"]) =>
  opt({ type: strings, default: [...fallback], description });
export const mountpoint = (description: string) => opt({ type: types.nullOr(absolutePathname), default: null, description });
/** An option without a default: disko fails when it is read unset. */
export const required = (type: OptionType, description: string) => opt({ type, description });

/** `diskoLib.mkSubType` adds these to every device and content type. */
export const hooks: Module = {
  file: "<disko/lib/default.nix>",
  options: Object.fromEntries(
    (["Create", "Mount", "Unmount"] as const).flatMap((stage) =>
      (["pre", "post"] as const).map((when) => [
        `${when}${stage}Hook`,
        opt({ type: types.lines, default: "", description: `Shell commands to run ${when === "pre" ? "before" : "after"} ${stage.toLowerCase()}.` }),
      ]),
    ),
  ),
};
