// What a module is: an object `{ file?, key?, imports?, options?, config?, disabledModules?,
// freeformType? }` (or the shorthand without `options`/`config`), or a function of the module
// arguments returning one. `defineModule` records where a module was written.

import { PantherError } from "./errors.ts";
import type { NixosOptions } from "../options/generated/nixos.d.ts";
import type { HomeManagerOptions } from "../options/generated/home-manager.d.ts";
import type { ExtraNixosOptions } from "../options/inputs/option-types.ts";
import type { AttrsDefinition, ModuleDefinitions } from "./definitions.ts";
import type { HostFacts } from "../facts/types.ts";
import { captureCallerLocation, type SourceLocation } from "./location.ts";
import type { OptionType } from "./types/type.ts";
import { hasOwn, isAttrs, isIf, isMerge, isOverride } from "./wrappers.ts";

export interface ModuleObject {
  /** The name of the module in messages; defaults to where `defineModule` was called. */
  readonly file?: string;
  /** Identity for deduplication and `disabledModules`; defaults to the module value itself. */
  readonly key?: string;
  readonly imports?: readonly Module[];
  readonly options?: object;
  readonly config?: unknown;
  readonly disabledModules?: readonly (Module | string)[];
  readonly freeformType?: OptionType;
  readonly [shorthand: string]: unknown;
}

/**
 * The configuration as modules read it: NixOS options with their documented types (generated,
 * for completion and type checks), and panther's own options, which are not typed here.
 */
export interface ModuleConfig extends NixosOptions {
  /** panther's own options: typed by the project's generated `panther-options.d.ts` (`npm run docs`). */
  readonly panther: PantherConfig;
  readonly [name: string]: any;
}

/**
 * The configuration under `panther.*`. Empty here; a project's generated `panther-options.d.ts`
 * adds its modules' options by declaration merging (`declare module "panther" { interface
 * PantherConfig { … } }`). Names it does not know stay `any`.
 */
export interface PantherConfig {
  readonly [name: string]: any;
}

export interface ModuleArgs {
  /** The final configuration (reads are lazy: only what is read is evaluated). */
  readonly config: ModuleConfig;
  /** The declared options, with their values and provenance. */
  readonly options: any;
  readonly lib: any;
  /** Inside a submodule: the attribute name the submodule value is bound to. */
  readonly name?: string;
  /** In a host evaluation: the host's hardware facts (from its nixos-facter report), if it has any. */
  readonly facts?: HostFacts;
  readonly [specialArg: string]: any;
}

export type ModuleFunction = (args: ModuleArgs) => ModuleObject | object;
export type Module = ModuleObject | ModuleFunction | object;

/** A home-manager user's configuration as home modules read it: home-manager's options, typed. */
export interface HomeModuleConfig extends HomeManagerOptions {
  readonly [name: string]: any;
}

/** The arguments of a home-manager module (inside `home-manager.users.<name>`). */
export interface HomeModuleArgs {
  readonly config: HomeModuleConfig;
  readonly options: any;
  readonly lib: any;
  /** The user's login name. */
  readonly name: string;
  /** The host's NixOS configuration, as home-manager passes it. */
  readonly osConfig: ModuleConfig;
  readonly [specialArg: string]: any;
}

export type HomeModule = ModuleObject | ((args: HomeModuleArgs) => ModuleObject | object) | object;

/** The keys of a module that are not definitions (`unifyModuleSyntax`'s structural attributes). */
interface ModuleStructure {
  readonly file?: string;
  readonly _file?: string;
  readonly key?: string;
  readonly imports?: readonly Module[];
  readonly disabledModules?: readonly (Module | string)[];
  readonly freeformType?: OptionType;
  readonly _class?: string;
  readonly meta?: unknown;
}

/**
 * A module whose definitions are typed by the read type `C`: explicit (`options` and/or
 * `config`), or the shorthand (definitions at the top level, next to the structural keys).
 */
export type TypedModuleObject<C> =
  | (ModuleStructure & { readonly options: object; readonly config?: AttrsDefinition<ModuleDefinitions<C>> })
  | (ModuleStructure & { readonly options?: object; readonly config: AttrsDefinition<ModuleDefinitions<C>> })
  | (ModuleStructure & { readonly options?: undefined; readonly config?: undefined } & ModuleDefinitions<C>);

/** What NixOS modules define: NixOS' options, panther's, and those of the flake inputs panther declares. */
export type NixosModuleConfig = ModuleConfig & ExtraNixosOptions;

/** A NixOS module whose definitions are type-checked (what `defineModule` accepts). */
export type NixosModule = TypedModuleObject<NixosModuleConfig> | ((args: ModuleArgs) => TypedModuleObject<NixosModuleConfig>);

/** A home-manager user's options as home modules define them (`panther.*` there is the home modules' own, untyped). */
export interface HomeModuleDefinitionConfig extends HomeManagerOptions {
  readonly panther: { readonly [name: string]: any };
  readonly [name: string]: any;
}

/** A home-manager module whose definitions are type-checked (what `defineHomeModule` accepts). */
export type TypedHomeModule = TypedModuleObject<HomeModuleDefinitionConfig> | ((args: HomeModuleArgs) => TypedModuleObject<HomeModuleDefinitionConfig>);

const locations = new WeakMap<object, SourceLocation>();

/** Declare a module and remember the file and line that declared it, for messages. Its definitions are type-checked. */
export function defineModule<M extends NixosModule>(module: M): M {
  const where = captureCallerLocation();
  if (where && !locations.has(module)) locations.set(module, where);
  return module;
}

/** `defineModule` for home-manager modules (`home/`): the same module, its `config` typed with home-manager's options. */
export function defineHomeModule<M extends TypedHomeModule>(module: M): M {
  const where = captureCallerLocation();
  if (where && !locations.has(module)) locations.set(module, where);
  return module;
}

export function recordedLocation(module: object): SourceLocation | undefined {
  return locations.get(module);
}

const none: readonly never[] = Object.freeze([]);
const structuralKeys = new Set(["file", "_file", "key", "imports", "disabledModules", "freeformType", "_class", "meta"]);

export interface NormalModule {
  readonly file?: string;
  readonly key?: string;
  readonly imports: readonly Module[];
  readonly options: object | undefined;
  readonly config: unknown;
  readonly disabledModules: readonly (Module | string)[];
  readonly freeformType: OptionType | undefined;
}

/**
 * `unifyModuleSyntax`: explicit modules (with `options` or `config`) may have no other keys;
 * shorthand modules put every non-structural key into `config`.
 */
export function normalizeModule(value: unknown, where: SourceLocation): NormalModule {
  if (isMerge(value)) {
    throw invalidModule(where, 'Expected a module, but found a value of type "merge" (wrap it: `{ config: mkMerge([...]) }`).');
  }
  if (isIf(value) || isOverride(value)) return { file: undefined, key: undefined, imports: none, options: undefined, config: value, disabledModules: none, freeformType: undefined };
  if (!isAttrs(value)) throw invalidModule(where, `Expected a module (an object or a function returning one), but found ${typeof value}.`);
  const m = value as ModuleObject;
  const explicit = "options" in m || "config" in m;
  let config: Record<string, unknown> | undefined;
  for (const key in m) {
    if (!hasOwn.call(m, key)) continue;
    if (structuralKeys.has(key) || key === "options" || key === "config") continue;
    if (explicit) throw invalidModule(where, `Module has an unsupported attribute \`${key}'. This is caused by introducing a top-level \`config' or \`options' attribute. Add configuration attributes immediately on the top level instead, or move all of them (namely: ${key}) into the explicit \`config' attribute.`);
    (config ??= {})[key] = m[key];
  }
  return {
    file: (m.file ?? m._file) as string | undefined,
    key: m.key,
    imports: m.imports ?? none,
    options: m.options,
    config: explicit ? m.config : (config ?? {}),
    disabledModules: m.disabledModules ?? none,
    freeformType: m.freeformType,
  };
}

export function invalidModule(where: SourceLocation, message: string): PantherError {
  return new PantherError({
    code: "invalid-module",
    message: `In module \`${where.file}${where.line ? `:${where.line}` : ""}': ${message}`,
    locations: [{ ...where, role: "module" }],
  });
}

/** Give a module built by panther itself (e.g. from a submodule definition) the location of its source. */
export function withLocation<M extends object>(module: M, where: SourceLocation): M {
  locations.set(module, where);
  return module;
}
