// NixOS' `assertions` and `warnings` options (nixos/modules/misc/assertions.nix) and the check the
// NixOS toplevel makes with them. Plain evalModules has neither; host evaluations include them.

import { PantherError } from "./errors.ts";
import { defineModule } from "./module.ts";
import { mkOption } from "./options.ts";
import type { OptionView } from "./provenance.ts";
import { listOf } from "./types/compound.ts";
import { str, unspecified } from "./types/basic.ts";
import { formatLocation } from "./location.ts";


export const assertionsModule = defineModule({
  file: "<panther/assertions>",
  options: {
    assertions: mkOption({
      type: listOf(unspecified),
      default: [],
      description: "Conditions that must hold, as `{ assertion, message }`; a false one fails the build.",
    }),
    warnings: mkOption({
      type: listOf(str),
      default: [],
      description: "Messages printed as warnings when the configuration is built.",
    }),
  },
});

interface Assertion {
  assertion: unknown;
  message: unknown;
}

/**
 * `checkAssertWarn`: fail with every false assertion (each with the file and line of the module
 * that defined it) and return the warnings.
 */
export function checkAssertWarn(options: { assertions: OptionView; warnings: OptionView }): string[] {
  const failed: { message: string; source: OptionView["declarations"][number] }[] = [];
  for (const def of options.assertions.definitionsWithLocations) {
    for (const item of def.value as Assertion[]) {
      if (item && item.assertion === false) failed.push({ message: String(item.message), source: def.source });
    }
  }
  if (failed.length > 0) {
    throw new PantherError({
      code: "failed-assertion",
      message: `Failed assertions:\n${failed.map((f) => `- ${f.message} (in \`${formatLocation(f.source)}')`).join("\n")}`,
      locations: failed.map((f) => ({ ...f.source, role: "definition", detail: f.message })),
    });
  }
  return options.warnings.value as string[];
}
