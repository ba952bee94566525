// Definition wrappers (mkIf, mkMerge, mkOverride, mkOrder and friends), shaped exactly like nixpkgs':
// plain objects tagged by `_type`, so a value with a `_type` key is a wrapper here as it is in Nix.

/** Priorities of `lib/modules.nix`: a lower number wins. */
export const priorities = {
  vmOverride: 10,
  force: 50,
  imageMediaOverride: 60,
  plain: 100,
  default: 1000,
  optionDefault: 1500,
} as const;

/** `mkOrder` positions: mkBefore 500, unwrapped 1000, mkAfter 1500. */
export const orders = { before: 500, plain: 1000, after: 1500 } as const;

export interface IfWrapper<T = unknown> {
  readonly _type: "if";
  readonly condition: unknown;
  readonly content: T;
}
export interface MergeWrapper<T = unknown> {
  readonly _type: "merge";
  readonly contents: readonly T[];
}
export interface OverrideWrapper<T = unknown> {
  readonly _type: "override";
  readonly priority: number;
  readonly content: T;
}
export interface OrderWrapper<T = unknown> {
  readonly _type: "order";
  readonly priority: number;
  readonly content: T;
}
export type Wrapper<T = unknown> = IfWrapper<T> | MergeWrapper<T> | OverrideWrapper<T> | OrderWrapper<T>;

/** A value as it may be written in a definition: the value itself or any nesting of wrappers. */
export type Definable<T> = T | DefinableWrapper<T>;
export type DefinableWrapper<T> =
  | IfWrapper<Definable<T>>
  | MergeWrapper<Definable<T>>
  | OverrideWrapper<Definable<T>>
  | OrderWrapper<Definable<T>>;

export function mkIf<T>(condition: boolean, content: T): IfWrapper<T> {
  // The condition is checked where Nix checks it (when the option is merged), not here, so that
  // `mkIf(config.x, …)` can carry a condition that is only known later.
  return { _type: "if", condition, content };
}

export function mkMerge<T>(contents: readonly T[]): MergeWrapper<T> {
  return { _type: "merge", contents };
}

export function mkOverride<T>(priority: number, content: T): OverrideWrapper<T> {
  return { _type: "override", priority, content };
}

export const mkVMOverride = <T>(content: T) => mkOverride(priorities.vmOverride, content);
export const mkForce = <T>(content: T) => mkOverride(priorities.force, content);
export const mkImageMediaOverride = <T>(content: T) => mkOverride(priorities.imageMediaOverride, content);
export const mkDefault = <T>(content: T) => mkOverride(priorities.default, content);
export const mkOptionDefault = <T>(content: T) => mkOverride(priorities.optionDefault, content);

export function mkOrder<T>(priority: number, content: T): OrderWrapper<T> {
  return { _type: "order", priority, content };
}

export const mkBefore = <T>(content: T) => mkOrder(orders.before, content);
export const mkAfter = <T>(content: T) => mkOrder(orders.after, content);

/** The `_type` of a value, or undefined: `value._type or ""` in Nix. */
export function typeTag(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !hasTypeTag(value)) return undefined;
  return isAttrs(value) ? value._type : undefined;
}

/**
 * Whether a value has a `_type` attribute (`value ? _type`). Asked of nearly every value of a
 * configuration, most of which have none: an own-property test answers that from the object
 * itself, where reading `value._type` misses, then searches the prototype chain, and on objects
 * of thousands of distinct shapes (every module names its own attributes) misses V8's lookup
 * caches too, at several times the cost.
 */
export function hasTypeTag(value: object): boolean {
  return hasOwn.call(value, "_type");
}

/**
 * `Object.prototype.hasOwnProperty`, for the `for…in` loops over the objects modules write. On
 * objects of many distinct shapes (every module names its own options) `for…in` reads each
 * value by its field index where `Object.keys` plus a keyed read pays a generic lookup per name,
 * and it allocates nothing once V8 has cached the shape's keys; the `hasOwn` guard keeps the loop
 * to own keys (V8 compiles it away when the prototype chain has no enumerable keys), so names and
 * order are those of `Object.keys`. Attribute set values (user-chosen names, nearly a shape per
 * value) are read with `Object.entries` instead, which caches nothing per shape.
 */
export const hasOwn = Object.prototype.hasOwnProperty as (this: object, key: PropertyKey) => boolean;

/** Nix `isAttrs`: a plain object (not an array, not null, not a class instance like a package). */
export function isAttrs(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export const isIf = (v: unknown): v is IfWrapper => typeTag(v) === "if";
export const isMerge = (v: unknown): v is MergeWrapper => typeTag(v) === "merge";
export const isOverride = (v: unknown): v is OverrideWrapper => typeTag(v) === "override";
export const isOrder = (v: unknown): v is OrderWrapper => typeTag(v) === "order";
