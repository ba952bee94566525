// The option type record, as in nixpkgs `mkOptionType`: a shallow `check` and a `merge` of the
// surviving definitions, plus what is needed to describe, combine and traverse types.

import type { Definition } from "../merge.ts";

/** How a description reads, which decides where nixpkgs adds parentheses around nested types. */
export type DescriptionClass = "noun" | "composite" | "conjunction" | "nonRestrictiveClause";

export interface OptionType<T = unknown> {
  readonly name: string;
  readonly description: string;
  readonly descriptionClass?: DescriptionClass;
  /** Shallow check of one definition value; nested values are checked by `merge`. */
  check(value: unknown): boolean;
  /** Merge the surviving definitions (all of which passed `check`). */
  merge(loc: readonly string[], defs: readonly Definition[]): T;
  /** The value of an option of this type without definitions (`emptyValue`), if there is one. */
  readonly emptyValue?: (loc: readonly string[]) => unknown;
  /** Element types, for traversal, documentation and type merging. */
  readonly nestedTypes?: Readonly<Record<string, OptionType>>;
  /** Data that must agree for two declarations of one option to merge (`functor.payload`). */
  readonly payload?: unknown;
  /** Merge two declarations' payloads, or null if they are incompatible (`functor.binOp`). */
  readonly mergePayload?: (a: unknown, b: unknown) => unknown;
  /** Rebuild this type from a payload and nested types (`functor.type`). */
  readonly rebuild?: (payload: unknown, nested: Record<string, OptionType>) => OptionType;
  /**
   * Whether one definition merges to its own value (true for leaf types). Lets lists and
   * attribute sets skip the full pipeline for plain elements; the result is the same.
   */
  readonly simple?: boolean;
  /** Phantom field carrying the TypeScript type of values. */
  readonly __value?: T;
}

export type ValueOf<T> = T extends OptionType<infer V> ? V : never;

/** `optionDescriptionPhrase`: the nested description, in parentheses unless its class reads well bare. */
export function descriptionPhrase(type: OptionType, bare: (cls: DescriptionClass | undefined) => boolean): string {
  return bare(type.descriptionClass) ? type.description : `(${type.description})`;
}

export const nounOrComposite = (c: DescriptionClass | undefined) => c === "noun" || c === "composite";
export const nounOrConjunction = (c: DescriptionClass | undefined) => c === "noun" || c === "conjunction";

/**
 * `typeMerge`: two declarations of one option combine when their types have the same name and
 * compatible payloads (enum values are unioned, submodule modules concatenated, element types merged).
 */
export function mergeTypes(a: OptionType, b: OptionType): OptionType | null {
  if (a.name !== b.name) return null;
  let payload = a.payload;
  if (a.payload !== undefined || b.payload !== undefined) {
    if (a.mergePayload) payload = a.mergePayload(a.payload, b.payload);
    else payload = JSON.stringify(a.payload) === JSON.stringify(b.payload) ? a.payload : null;
    if (payload === null) return null;
  }
  const nested: Record<string, OptionType> = {};
  for (const [key, inner] of Object.entries(a.nestedTypes ?? {})) {
    const other = b.nestedTypes?.[key];
    if (!other) return null;
    const merged = mergeTypes(inner, other);
    if (!merged) return null;
    nested[key] = merged;
  }
  if (!a.rebuild) return a;
  return a.rebuild(payload, nested);
}
