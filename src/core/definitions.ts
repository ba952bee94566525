// Typed definitions: from the type a module reads (`NixosOptions`, home-manager's options, a
// project's `PantherConfig`) to the type of what it may write, wrappers placed as Nix accepts them.
//
// Nix reads a module's `config` in two ways. Inside a namespace (`services`, `boot.loader`),
// `pushDownProperties` hands mkMerge, mkIf and mkOverride down to the attributes. At an option,
// `mergeDefinitions` discharges mkMerge and mkIf, then strips one mkOverride, then one mkOrder:
// so an option's definition is any nesting of mkIf/mkMerge around at most one mkOverride around
// at most one mkOrder around the value (`mkForce (mkIf c v)` leaves an mkIf no type accepts).
// The element definitions of a list, an attrsOf and a submodule start afresh.
//
// The read types cannot tell a namespace from a submodule option (both are object types), and
// the two disagree on what may nest under mkOverride; objects therefore take every wrapper but
// mkOrder in any nesting, which is right for submodules and too lenient for namespaces.

import type { NixPath, PackageRef } from "./package.ts";
import type { RawNix } from "./raw-nix.ts";
import type { IfWrapper, MergeWrapper, OrderWrapper, OverrideWrapper } from "./wrappers.ts";

/**
 * What a module may write where it reads `T`: every attribute optional, each value a definition
 * (`OptionDefinition`), each namespace or submodule possibly wrapped (`AttrsDefinition`).
 * `any` and `unknown` (freeform settings, `types.anything`) stay as they are.
 */
export type Definitions<T> = 0 extends 1 & T
  ? any
  : unknown extends T
    ? unknown
    : IsAttrs<T> extends true
      ? AttrsDefinition<DefinedAttrs<T>>
      : OptionDefinition<DefinedValue<T>>;

/** The attributes of a namespace or submodule, each optional and a definition of its own. */
export type DefinedAttrs<T> = { -readonly [K in keyof T]?: Definitions<T[K]> };

/**
 * The top level of a module: the named options' definitions, and when `T` leaves other names open
 * (an index signature: options other modules declare), any value under them. Open names take
 * `unknown`, not `any`, so that a function is not mistaken for a module object.
 */
export type ModuleDefinitions<T> = { -readonly [K in NamedKeys<T>]?: Definitions<T[K]> } & (string extends keyof T
  ? { readonly [name: string]: unknown }
  : unknown);

/**
 * An option's definition: the value, optionally under one mkOrder (mkBefore, mkAfter), under one
 * mkOverride (mkForce, mkDefault), under any nesting of mkIf and mkMerge.
 */
export type OptionDefinition<V> =
  | V
  | OrderWrapper<V>
  | OverrideWrapper<V | OrderWrapper<V>>
  | IfWrapper<OptionDefinition<V>>
  | MergeWrapper<OptionDefinition<V>>;

/**
 * A namespace's or submodule's definition: the attributes under any nesting of mkIf, mkMerge and
 * mkOverride (never mkOrder: Nix would take its fields for options).
 */
export type AttrsDefinition<A> = A | IfWrapper<AttrsDefinition<A>> | MergeWrapper<AttrsDefinition<A>> | OverrideWrapper<AttrsDefinition<A>>;

/**
 * Where a package goes: a package reference, or a store path (`types.package` takes one). Also
 * `undefined`, because `pkgs.name` reads as `Pkgs | undefined` under `noUncheckedIndexedAccess`
 * (an index signature); a missing package still fails at evaluation.
 */
export type DefinedPackage = PackageRef | `/nix/store/${string}` | undefined;

/**
 * The value of an option whose read type is `T` (a union is taken member by member): packages
 * or store paths for a package (or a path), lists of element definitions, attribute sets of definitions,
 * and everywhere raw Nix (`nixRaw`, `nix.*`), which no type checks.
 */
export type DefinedValue<T> = Value<T> | RawNix;

type Value<T> = T extends PackageRef
  ? DefinedPackage
  : T extends NixPath
    ? string | DefinedPackage
  : T extends readonly (infer E)[]
    ? readonly Definitions<E>[]
    : T extends object
      ? DefinedAttrs<T>
      : T;

/**
 * A namespace or a submodule: one object type with named attributes (an attrsOf, an index
 * signature alone, is an option whose value is an attribute set; so is a union with null).
 */
type IsAttrs<T> = [T] extends [object]
  ? [T] extends [readonly unknown[] | PackageRef | NixPath]
    ? false
    : string extends keyof T
      ? [NamedKeys<T>] extends [never]
        ? false
        : true
      : true
  : false;

export type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: 0 };
