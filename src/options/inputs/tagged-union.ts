// A tagged union of submodules, dispatched on a `type` field: disko's `subType` (device and
// partition contents, zpool datasets). The tag picks the variant; the value is then evaluated as
// that variant's submodule, so its keys are checked (with "did you mean") and merged per option.

import { evalModules } from "../../core/eval.ts";
import { isPantherError, PantherError, showOption } from "../../core/errors.ts";
import { conflict, mergeDefinitions, typeMismatch, type Definition } from "../../core/merge.ts";
import type { Module } from "../../core/module.ts";
import { showDefinitions } from "../../core/show.ts";
import { didYouMean } from "../../core/suggest.ts";
import { enumOf } from "../../core/types/compound.ts";
import { str } from "../../core/types/basic.ts";
import { submodule } from "../../core/types/submodule.ts";
import type { OptionType } from "../../core/types/type.ts";
import { isAttrs } from "../../core/wrappers.ts";
import { closeNames } from "./declare.ts";

export interface TaggedUnionSpec {
  /** What a value is called in messages, e.g. "disko content". */
  readonly noun: string;
  /** The variants accepted here: tag → the modules of the submodule a value of that tag is. */
  readonly variants: Readonly<Record<string, () => readonly Module[]>>;
  /** Tags valid elsewhere but not here, with the reason (a partition table inside a partition). */
  readonly misplaced?: Readonly<Record<string, string>>;
  /** Whether null is a value, as disko's `nullOr subType` (null is then also the empty value). */
  readonly nullable?: boolean;
}

const tagKey = "type";

/**
 * The union type. It carries the marker of submodule types (spread from `submodule`), so that the
 * compiler lowers a value like any submodule value: only the options modules define are emitted,
 * never the defaults the input computes itself (src/compile/lower.ts).
 */
export function taggedUnion(spec: TaggedUnionSpec): OptionType {
  const tags = Object.keys(spec.variants).sort();
  const tagType = enumOf(tags);
  const shown = tags.map((t) => JSON.stringify(t)).join(", ");
  const description = `${spec.nullable ? "null or " : ""}${spec.noun} (an attribute set whose \`${tagKey}' is one of ${shown})`;
  return {
    ...submodule([]),
    name: "taggedUnion",
    description,
    descriptionClass: "noun",
    payload: undefined,
    mergePayload: undefined,
    rebuild: undefined,
    check: (v) => (spec.nullable === true && v === null) || isAttrs(v),
    emptyValue: spec.nullable ? () => null : undefined,
    merge(loc, defs) {
      const nulls = defs.filter((d) => d.value === null).length;
      if (nulls === defs.length) return null;
      if (nulls > 0) throw conflict(loc, defs, "is defined both null and not null");
      const tag = tagOf(loc, defs, spec, tagType, tags);
      return evaluateVariant(loc, tag, defs, spec);
    },
  };
}

/** The merged `type` of the definitions; a missing, conflicting or unknown tag names the valid ones. */
function tagOf(loc: readonly string[], defs: readonly Definition[], spec: TaggedUnionSpec, tagType: OptionType, tags: readonly string[]): string {
  const tagLoc = [...loc, tagKey];
  const tagDefs = defs
    .filter((d) => tagKey in (d.value as Record<string, unknown>))
    .map((d) => ({ source: d.source, value: (d.value as Record<string, unknown>)[tagKey] }));
  const result = mergeDefinitions(tagLoc, str, tagDefs);
  if (!result.isDefined) {
    throw new PantherError({
      code: "no-value",
      message:
        `The option \`${showOption(tagLoc)}' has no value: a ${spec.noun} needs a \`${tagKey}', one of ${tagType.description.replace(/^one of /, "")}. Definition values:\n` +
        showDefinitions(defs, false),
      optionPath: tagLoc,
      locations: defs.map((d) => ({ ...d.source, role: "definition" })),
    });
  }
  const tag = result.mergedValue() as string;
  if (tags.includes(tag)) return tag;
  const invalid = result.defsFinal.filter((d) => d.value === tag);
  const why = spec.misplaced?.[tag];
  const close = closeNames(tag, tags).map((t) => JSON.stringify(t));
  const extra = why
    ? ` ${why}`
    : ` ${JSON.stringify(tag)} is not a ${spec.noun} type.${close.length > 0 ? ` Did you mean ${close.join(" or ")}?` : ""}`;
  throw typeMismatch(tagLoc, tagType, invalid, extra);
}

function evaluateVariant(loc: readonly string[], tag: string, defs: readonly Definition[], spec: TaggedUnionSpec): unknown {
  const modules = spec.variants[tag]!();
  try {
    return submodule(modules).merge(loc, defs);
  } catch (error) {
    throw withVariantOptions(error, loc, tag, modules, spec);
  }
}

/** An unknown key directly in the value: list what this variant has, closest first when close. */
function withVariantOptions(error: unknown, loc: readonly string[], tag: string, modules: readonly Module[], spec: TaggedUnionSpec): unknown {
  if (!isPantherError(error) || error.code !== "undefined-option") return error;
  const path = error.optionPath ?? [];
  if (path.length !== loc.length + 1 || !loc.every((p, i) => path[i] === p)) return error;
  const names = Object.keys(evalModules({ modules, prefix: loc, specialArgs: { name: loc.at(-1) } }).options).sort();
  const close = closeNames(path.at(-1)!, names).map((n) => showOption([...loc, n]));
  const suggestion = close.length > 0 && !error.message.includes("Did you mean") ? `\n\n${didYouMean(close)}` : "";
  return new PantherError({
    code: error.code,
    message: `${error.message}${suggestion}\n\nA ${spec.noun} of type ${JSON.stringify(tag)} has the options: ${names.join(", ")}.`,
    optionPath: path,
    locations: error.locations,
    ...(close.length > 0 ? { hint: didYouMean(close) } : error.hint ? { hint: error.hint } : {}),
  });
}
