// A record: an attribute set with known, typed fields, kept as written. For list elements such as
// impermanence's `{ directory = …; mode = …; }`, whose defaults the input computes from context
// panther does not have (the user's group): the value is checked field by field, unknown fields
// are errors with "did you mean", and only the fields written are emitted.

import { PantherError, showOption } from "../../core/errors.ts";
import { mergeDefinitions, type Definition } from "../../core/merge.ts";
import { showDefinitions } from "../../core/show.ts";
import { didYouMean } from "../../core/suggest.ts";
import type { OptionType } from "../../core/types/type.ts";
import { isAttrs } from "../../core/wrappers.ts";
import { closeNames } from "./declare.ts";

export interface FieldSpec {
  readonly type: OptionType;
  /** A field every value must have (impermanence's `directory`, `file`). */
  readonly required?: boolean;
}

export interface RecordSpec {
  /** What a value is called in messages, e.g. "impermanence directory". */
  readonly noun: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Fields the input removed, with its explanation. */
  readonly removed?: Readonly<Record<string, string>>;
}

export function recordType(spec: RecordSpec): OptionType<Record<string, unknown>> {
  const names = Object.keys(spec.fields);
  return {
    name: "record",
    description: `${spec.noun} { ${names.map((n) => (spec.fields[n]!.required ? n : `${n}?`)).join(", ")} }`,
    descriptionClass: "noun",
    check: isAttrs,
    merge(loc, defs) {
      for (const def of defs) checkKeys(loc, def, spec, names);
      const out: Record<string, unknown> = {};
      for (const name of names) {
        const fieldDefs = defs.flatMap((d) => {
          const value = d.value as Record<string, unknown>;
          return name in value ? [{ source: d.source, value: value[name] }] : [];
        });
        const result = mergeDefinitions([...loc, name], spec.fields[name]!.type, fieldDefs);
        if (result.isDefined) out[name] = result.mergedValue();
        else if (spec.fields[name]!.required) throw missingField(loc, name, defs, spec);
      }
      return out;
    },
  };
}

function checkKeys(loc: readonly string[], def: Definition, spec: RecordSpec, names: readonly string[]): void {
  for (const key of Object.keys(def.value as Record<string, unknown>)) {
    if (key in spec.fields) continue;
    const path = [...loc, key];
    const shown = [{ source: def.source, value: (def.value as Record<string, unknown>)[key] }];
    const removed = spec.removed?.[key];
    if (removed !== undefined) {
      throw new PantherError({
        code: "invalid-definition",
        message: `The option \`${showOption(path)}' can no longer be used since it's been removed. ${removed}\nDefinition values:\n${showDefinitions(shown)}`,
        optionPath: path,
        locations: [{ ...def.source, role: "definition" }],
      });
    }
    const close = closeNames(key, names).map((n) => showOption([...loc, n]));
    throw new PantherError({
      code: "undefined-option",
      message:
        `The option \`${showOption(path)}' does not exist. Definition values:\n${showDefinitions(shown)}` +
        (close.length > 0 ? `\n\n${didYouMean(close)}` : "") +
        `\n\nThe fields of an ${spec.noun} entry: ${names.join(", ")}.`,
      optionPath: path,
      locations: [{ ...def.source, role: "definition" }],
      ...(close.length > 0 ? { hint: didYouMean(close) } : {}),
    });
  }
}

function missingField(loc: readonly string[], name: string, defs: readonly Definition[], spec: RecordSpec): PantherError {
  const path = [...loc, name];
  return new PantherError({
    code: "no-value",
    message: `The option \`${showOption(path)}' has no value: every ${spec.noun} entry needs \`${name}'. Definition values:\n${showDefinitions(defs)}`,
    optionPath: path,
    locations: defs.map((d) => ({ ...d.source, role: "definition" })),
  });
}
