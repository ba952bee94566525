// The option type of `panther.security.secrets.mapping`: a mapping made by defineSecrets, taken
// as one value (never merged field by field); two different mappings for one host conflict.

import { conflict } from "../core/merge.ts";
import type { OptionType } from "../core/types/type.ts";
import { isSecretsMapping, type SecretsMapping } from "./mapping.ts";

export const secretsMappingType: OptionType<SecretsMapping> = {
  name: "secretsMapping",
  description: "secrets mapping (made by defineSecrets)",
  descriptionClass: "noun",
  check: isSecretsMapping,
  merge(loc, defs) {
    const [first] = defs;
    for (const def of defs.slice(1)) if (def.value !== first!.value) throw conflict(loc, [first!, def], "has conflicting definition values");
    return first!.value as SecretsMapping;
  },
  simple: true,
};
