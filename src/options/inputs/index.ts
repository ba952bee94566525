// The options that flake inputs' NixOS modules declare (absent from the NixOS option data): a
// host evaluates with the declarations of the inputs its flake has, next to the upstream options.

import type { Module } from "../../core/module.ts";
import { diskoOptions } from "./disko.ts";
import { homeManagerOptions } from "./home-manager.ts";
import { impermanenceOptions } from "./impermanence.ts";
import { opnixOptions } from "./opnix.ts";

/** The inputs panther knows, by their name in flake.ts, and the module declaring their options. */
export const inputOptionModules: Readonly<Record<string, Module>> = {
  disko: diskoOptions,
  impermanence: impermanenceOptions,
  opnix: opnixOptions,
  "home-manager": homeManagerOptions,
};

/**
 * A module declaring the options of the given inputs (flake input names); names panther has no
 * declarations for (nixpkgs, nixos-hardware, …) are ignored.
 */
export function inputOptionsModule(inputNames: readonly string[]): Module {
  const known = [...new Set(inputNames)].filter((name) => Object.hasOwn(inputOptionModules, name));
  return { file: "<panther/inputs>", imports: known.map((name) => inputOptionModules[name]!) };
}

export { diskoOptions, homeManagerOptions, impermanenceOptions, opnixOptions };
