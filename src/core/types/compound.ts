// Types built from other types: enum, listOf, attrsOf, lazyAttrsOf, nullOr, either, oneOf, uniq,
// anything, functionTo. Each merges element definitions through the full `mergeDefinitions`.

import { conflict, mergeDefinitions, type Definition, typeMismatch } from "../merge.ts";
import { PantherError, showOption } from "../errors.ts";
import { childPath } from "../options.ts";
import { dictionary } from "../dictionary.ts";
import { hasTypeTag, isAttrs, isOrder, isOverride } from "../wrappers.ts";
import { mergeEqual, mergeOne } from "./basic.ts";
import { descriptionPhrase, nounOrComposite, nounOrConjunction, type OptionType, type ValueOf } from "./type.ts";
import { nixEquals } from "./equal.ts";
import { showDefinitions } from "../show.ts";

type EnumValue = string | number | boolean | null;

export function enumOf<const V extends readonly EnumValue[]>(values: V): OptionType<V[number]> {
  const show = (v: EnumValue) => (typeof v === "string" ? JSON.stringify(v) : v === null ? "<null>" : String(v));
  const description =
    values.length === 0
      ? "impossible (empty enum)"
      : values.length === 1
        ? `value ${show(values[0]!)} (singular enum)`
        : `one of ${values.map(show).join(", ")}`;
  return {
    name: "enum",
    description,
    descriptionClass: values.length < 2 ? "noun" : "conjunction",
    check: (v) => values.some((x) => x === v),
    merge: mergeEqual as OptionType<V[number]>["merge"],
    simple: true,
    payload: { values },
    mergePayload: (a, b) => ({
      values: [...new Set([...(a as { values: EnumValue[] }).values, ...(b as { values: EnumValue[] }).values])],
    }),
    rebuild: (payload) => enumOf((payload as { values: EnumValue[] }).values),
  };
}

export function listOf<E extends OptionType>(elemType: E): OptionType<ValueOf<E>[]> {
  return {
    name: "listOf",
    description: `list of ${descriptionPhrase(elemType, nounOrComposite)}`,
    descriptionClass: "composite",
    check: Array.isArray,
    merge(loc, defs) {
      // Sized up front: the merged list is kept, and a pushed-to array keeps spare room.
      let total = 0;
      for (let n = 0; n < defs.length; n++) total += (defs[n]!.value as unknown[]).length;
      const out = new Array<unknown>(total);
      let k = 0;
      for (let n = 0; n < defs.length; n++) {
        const def = defs[n]!;
        const elements = def.value as unknown[];
        for (let m = 0; m < elements.length; m++) {
          const plain = plainElement(elemType, elements[m]);
          if (plain !== notPlain) {
            out[k++] = plain;
            continue;
          }
          const elemLoc = childPath(loc, `[definition ${n + 1}-entry ${m + 1}]`);
          const result = mergeDefinitions(elemLoc, elemType, [{ source: def.source, value: elements[m] }]);
          if (result.isDefined) out[k++] = result.mergedValue();
        }
      }
      out.length = k;
      return out as ValueOf<E>[];
    },
    emptyValue: () => [],
    nestedTypes: { elemType },
    rebuild: (_p, nested) => listOf(nested.elemType!),
  };
}

function attrsWith<E extends OptionType>(elemType: E, lazy: boolean): OptionType<Record<string, ValueOf<E>>> {
  return {
    name: lazy ? "lazyAttrsOf" : "attrsOf",
    description: `${lazy ? "lazy attribute set" : "attribute set"} of ${descriptionPhrase(elemType, nounOrComposite)}`,
    descriptionClass: "composite",
    check: isAttrs,
    merge(loc, defs) {
      const out = dictionary();
      // zipAttrsWith visits names sorted, which also makes key order deterministic here: every
      // (name, value) pair in definition order, visited sorted by name (stably, so that a name's
      // definitions stay in definition order).
      const pairs: [string, unknown][] = [];
      const owners: number[] = [];
      for (let d = 0; d < defs.length; d++) {
        const entries = Object.entries(defs[d]!.value as Record<string, unknown>);
        for (let e = 0; e < entries.length; e++) {
          pairs.push(entries[e]!);
          owners.push(d);
        }
      }
      const order = sortedByName(pairs);
      for (let i = 0; i < order.length; ) {
        const name = pairs[order[i]!]![0];
        let end = i + 1;
        while (end < order.length && pairs[order[end]!]![0] === name) end++;
        if (end === i + 1) {
          // One definition (the usual case): a leaf value is taken as it is, without a Definition.
          const value = pairs[order[i]!]![1];
          const plain = plainElement(elemType, value);
          if (plain !== notPlain) out[name] = plain;
          else addElement(out, loc, elemType, lazy, name, [{ source: defs[owners[order[i]!]!]!.source, value }]);
        } else {
          const named: Definition[] = [];
          for (let k = i; k < end; k++) named.push({ source: defs[owners[order[k]!]!]!.source, value: pairs[order[k]!]![1] });
          addElement(out, loc, elemType, lazy, name, named);
        }
        i = end;
      }
      return out as Record<string, ValueOf<E>>;
    },
    emptyValue: () => ({}),
    nestedTypes: { elemType },
    rebuild: (_p, nested) => attrsWith(nested.elemType!, lazy),
  };
}

/**
 * Merges the definitions of one attribute of an attrsOf/lazyAttrsOf value into `out` (the caller
 * has taken a lone plain element directly).
 */
function addElement(out: Record<string, unknown>, loc: readonly string[], elemType: OptionType, lazy: boolean, name: string, named: Definition[]): void {
  const result = mergeDefinitions(childPath(loc, name), elemType, named);
  // attrsOf drops names whose definitions all vanished; lazyAttrsOf keeps them (and fails on access).
  if (!lazy && !result.isDefined) return;
  const read = () => (lazy && !result.isDefined && elemType.emptyValue ? elemType.emptyValue([...loc, name]) : result.mergedValue());
  defineLazy(out, name, read);
}

/** The indices of `pairs` ordered by name, stably (by insertion when short, as in sort.ts). */
function sortedByName(pairs: readonly [string, unknown][]): number[] {
  const order = new Array<number>(pairs.length);
  if (pairs.length > 16) {
    for (let i = 0; i < pairs.length; i++) order[i] = i;
    return order.sort((a, b) => (pairs[a]![0] < pairs[b]![0] ? -1 : pairs[a]![0] > pairs[b]![0] ? 1 : a - b));
  }
  for (let i = 0; i < pairs.length; i++) {
    const name = pairs[i]![0];
    let j = i - 1;
    for (; j >= 0 && pairs[order[j]!]![0] > name; j--) order[j + 1] = order[j]!;
    order[j + 1] = i;
  }
  return order;
}

const notPlain = Symbol("not plain");

/**
 * What a lone definition of a leaf type merges to, computed directly (skipping a whole merge for
 * the common case), or `notPlain`. A lone definition survives whatever its priority; the pipeline
 * strips one mkOverride, then one mkOrder layer, and a leaf type merges one valid value to itself.
 * Anything else (mkIf, mkMerge, a nested wrapper, an invalid value) takes the full path, so its
 * result and its error stay lazy and identical.
 */
function plainElement(elemType: OptionType, value: unknown): unknown {
  if (elemType.simple !== true) return notPlain;
  if (typeof value !== "object" || value === null) return elemType.check(value) ? value : notPlain;
  let inner: unknown = value;
  if (isOverride(inner)) inner = inner.content;
  if (isOrder(inner)) inner = inner.content;
  if (isAttrs(inner) && hasTypeTag(inner)) return notPlain;
  return elemType.check(inner) ? inner : notPlain;
}

/** An enumerable, memoised getter: values stay lazy like Nix attribute values. */
export function defineLazy(target: Record<string, unknown>, name: string, read: () => unknown): void {
  let cached: { value: unknown } | undefined;
  Object.defineProperty(target, name, {
    enumerable: true,
    configurable: true,
    get: () => (cached ??= { value: read() }).value,
  });
}

export const attrsOf = <E extends OptionType>(elemType: E) => attrsWith(elemType, false);
export const lazyAttrsOf = <E extends OptionType>(elemType: E) => attrsWith(elemType, true);

export function nullOr<E extends OptionType>(elemType: E): OptionType<ValueOf<E> | null> {
  return {
    name: "nullOr",
    description: `null or ${descriptionPhrase(elemType, nounOrConjunction)}`,
    descriptionClass: "conjunction",
    check: (v) => v === null || elemType.check(v),
    merge(loc, defs) {
      const nulls = defs.filter((d) => d.value === null).length;
      if (nulls === 0) return elemType.merge(loc, defs) as ValueOf<E>;
      if (nulls === defs.length) return null;
      throw conflict(loc, defs, "is defined both null and not null");
    },
    emptyValue: () => null,
    nestedTypes: { elemType },
    rebuild: (_p, nested) => nullOr(nested.elemType!),
  };
}

export function either<A extends OptionType, B extends OptionType>(left: A, right: B): OptionType<ValueOf<A> | ValueOf<B>> {
  const leftText =
    left.descriptionClass === "nonRestrictiveClause"
      ? `${left.description}, or`
      : `${descriptionPhrase(left, nounOrConjunction)} or`;
  return {
    name: "either",
    description: `${leftText} ${descriptionPhrase(right, (c) => c === "noun" || c === "conjunction" || c === "composite")}`,
    descriptionClass: "conjunction",
    check: (v) => left.check(v) || right.check(v),
    merge(loc, defs) {
      // All definitions must fit one side: one int and one string definition is a type error.
      if (defs.every((d) => left.check(d.value))) return left.merge(loc, defs) as ValueOf<A>;
      if (defs.every((d) => right.check(d.value))) return right.merge(loc, defs) as ValueOf<B>;
      throw typeMismatch(
        loc,
        this as OptionType,
        defs,
        ` TypeError: The option \`${showOption(loc)}\` is neither a value of type \`${left.description}\` nor \`${right.description}\`.`,
      );
    },
    nestedTypes: { left, right },
    rebuild: (_p, nested) => either(nested.left!, nested.right!),
  };
}

export function oneOf<T extends readonly OptionType[]>(types: T): OptionType<ValueOf<T[number]>> {
  if (types.length === 0) throw new Error("types.oneOf needs at least one type");
  return types.slice(1).reduce<OptionType>((acc, t) => either(acc, t), types[0]!) as OptionType<ValueOf<T[number]>>;
}

/** `types.uniq` / `types.unique`: the inner type, but only one definition is allowed. */
export function uniq<E extends OptionType>(elemType: E, message = ""): OptionType<ValueOf<E>> {
  return {
    ...(elemType as OptionType),
    name: "unique",
    merge(loc, defs) {
      if (defs.length === 1) return elemType.merge(loc, defs) as ValueOf<E>;
      throw conflict(loc, defs, `is defined multiple times while it's expected to be unique${message ? `. ${message}` : ""}`);
    },
    nestedTypes: { elemType },
    rebuild: (_p, nested) => uniq(nested.elemType!, message),
  } as OptionType<ValueOf<E>>;
}

function nixTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "function") return "lambda";
  if (isAttrs(value)) return "set";
  return typeof value === "object" ? "stringCoercibleSet" : typeof value;
}

/** `types.anything`: sets merge recursively, everything else must be equal (lists are not concatenated). */
export const anything: OptionType<unknown> = {
  name: "anything",
  description: "anything",
  descriptionClass: "noun",
  check: () => true,
  merge(loc, defs) {
    const kinds = new Set(defs.map((d) => nixTypeOf(d.value)));
    if (kinds.size > 1) {
      throw new PantherError({
        code: "conflicting-definitions",
        message: `The option \`${showOption(loc)}' has conflicting option types:\n${showDefinitions(defs)}`,
        optionPath: loc,
        locations: defs.map((d) => ({ ...d.source, role: "definition" })),
      });
    }
    const [kind] = kinds;
    if (kind === "set") return attrsOf(anything).merge(loc, defs);
    if (kind === "stringCoercibleSet") return mergeOne(loc, defs);
    if (kind === "lambda") {
      return (...args: unknown[]) =>
        anything.merge([...loc, "<function body>"], defs.map((d) => ({ ...d, value: (d.value as (...a: unknown[]) => unknown)(...args) })));
    }
    return mergeEqual(loc, defs);
  },
};

export function functionTo<E extends OptionType>(elemType: E): OptionType<(...args: unknown[]) => ValueOf<E>> {
  return {
    name: "functionTo",
    description: `function that evaluates to a(n) ${descriptionPhrase(elemType, nounOrComposite)}`,
    descriptionClass: "composite",
    check: (v) => typeof v === "function",
    merge: (loc, defs) => (...args: unknown[]) =>
      mergeDefinitions(
        [...loc, "<function body>"],
        elemType,
        defs.map((d) => ({ source: d.source, value: (d.value as (...a: unknown[]) => unknown)(...args) })),
      ).mergedValue() as ValueOf<E>,
    nestedTypes: { elemType },
    rebuild: (_p, nested) => functionTo(nested.elemType!),
  };
}

export { nixEquals };
