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
  if (typeof value !== "object" || value === null) return undefined;
  // Most values have no tag: read it first, and only then check that the value is attrs.
  const tag = (value as { _type?: unknown })._type;
  return tag === undefined || !isAttrs(value) ? undefined : tag;
}

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
