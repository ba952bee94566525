// The public API of panther, imported by every module as `import { … } from "panther"`.
// Names and shapes follow nixpkgs `lib`, so that a NixOS user recognises them.

import { evalModules, registerDefaultArgs } from "../core/eval.ts";
import { mkOption } from "../core/options.ts";
import { pkgs } from "../core/package.ts";
import { types } from "../core/types/index.ts";
import * as wrappers from "../core/wrappers.ts";
import { mkRemovedOptionModule, mkRenamedOptionModule } from "./renames.ts";

export { evalModules, type EvalModulesArgs, type EvalResult } from "../core/eval.ts";
export { mkOption, type OptionDeclaration, type OptionSpec } from "../core/options.ts";
export { types, type OptionType, type ValueOf } from "../core/types/index.ts";
export {
  mkIf,
  mkMerge,
  mkOverride,
  mkForce,
  mkDefault,
  mkOptionDefault,
  mkVMOverride,
  mkImageMediaOverride,
  mkOrder,
  mkBefore,
  mkAfter,
  priorities,
  orders,
  type Definable,
  type Wrapper,
} from "../core/wrappers.ts";
export { PantherError, isPantherError, errorCodes, type ErrorCode, type RelatedLocation } from "../core/errors.ts";
export {
  defineModule,
  defineHomeModule,
  type Module,
  type ModuleArgs,
  type ModuleFunction,
  type ModuleObject,
  type HomeModule,
  type HomeModuleArgs,
  type HomeModuleConfig,
  type ModuleConfig,
  type PantherConfig,
  type NixosModule,
  type NixosModuleConfig,
  type TypedHomeModule,
  type TypedModuleObject,
} from "../core/module.ts";
export type { AttrsDefinition, DefinedAttrs, DefinedPackage, Definitions, ModuleDefinitions, OptionDefinition } from "../core/definitions.ts";
export { assertionsModule, checkAssertWarn } from "../core/assertions.ts";
export { pkgs, isPackage, PackageRef, type NixPath, type Pkgs } from "../core/package.ts";
export type { OptionView, DefinitionInfo } from "../core/provenance.ts";
export type { SourceLocation } from "../core/location.ts";
export type { ConfigOf } from "./typed.ts";
export { toNix, type JsonValue } from "../emit/to-nix.ts";
export { isRawNix, RawNix } from "../core/raw-nix.ts";
export { nix, nixRaw } from "./raw.ts";
export { defineUser, type UserDefinition, type UserHosts, type UserSettings } from "../compile/users.ts";
export { escapeSystemdPath, escapeSystemdString } from "./systemd.ts";
export { NixSyntaxError } from "../emit/nix-parse.ts";
export { mkRemovedOptionModule, mkRenamedOptionModule };
export { factsFromFacter, primeBusId } from "../facts/index.ts";
export type { CpuFacts, CpuVendor, DiskFacts, Firmware, GpuFacts, GpuVendor, HostFacts, NetworkFacts } from "../facts/index.ts";
export {
  defineSecrets,
  opnixOutputDir,
  type SecretDelivery,
  type SecretEntry,
  type SecretSpec,
  type SecretsMapping,
} from "../secrets/mapping.ts";
export { secretsMappingType } from "../secrets/option-type.ts";
export * from "../disks/index.ts";

/** `lib`, as module functions receive it: the same functions under nixpkgs' names. */
export const lib = {
  ...wrappers,
  mkOption,
  types,
  evalModules,
  mkRenamedOptionModule,
  mkRemovedOptionModule,
} as const;

registerDefaultArgs({ lib, pkgs });
