// Helpers for declaring the options of flake inputs (disko, impermanence, OpNix, home-manager):
// every declaration is external (its definitions are emitted), and some defaults are computed.

import type { ModuleArgs } from "../../core/module.ts";
import { mkOption, type OptionDeclaration, type OptionSpec } from "../../core/options.ts";
import { isTainted } from "../../core/probe.ts";
import { PantherError, showOption } from "../../core/errors.ts";
import { showDefinitions } from "../../core/show.ts";
import { suggest } from "../../core/suggest.ts";
import type { OptionType } from "../../core/types/type.ts";

/** The configuration inside a submodule of an input, read by computed defaults. */
export type Config = Record<string, any>;

/** An option declared by a flake input: NixOS evaluates the input's module, panther emits definitions. */
export function opt<T>(spec: OptionSpec<T>): OptionDeclaration<T> {
  return mkOption({ ...spec, external: true });
}

/**
 * A default computed from other options, as the input computes it. panther calls a module first
 * with probes for `config` (see src/core/probe.ts): the default must then stay a probe, so that
 * panther takes it from the module's real call when the option is first needed. `deps` are the
 * config values the default reads, compared or not (a comparison with a probe is a plain boolean):
 * scalars only, since telling a probe walks into objects and would force a whole submodule.
 */
export function computed<T>(deps: unknown, compute: () => T): T {
  return (isTainted(deps) ? deps : compute()) as T;
}

/**
 * A module declaring one option whose default is computed from the configuration it lives in.
 * One option per module: panther re-runs the whole module to compute a default, and computing one
 * default must not compute another that depends on it.
 */
export function derivedOption(
  file: string,
  name: string,
  spec: Omit<OptionSpec<unknown>, "default">,
  deps: (config: Config) => unknown,
  compute: (config: Config) => unknown,
) {
  return (args: ModuleArgs) => {
    const config = args.config as Config;
    return { file, options: { [name]: opt({ ...spec, default: computed(deps(config), () => compute(config)) }) } };
  };
}

/** An option an input removed: any definition fails with the input's explanation. */
export function removedOption(explanation: string): OptionDeclaration {
  const type: OptionType = {
    name: "removed",
    description: "removed option",
    check: () => true,
    // Unset, it reads as undefined, which JSON.stringify(config) leaves out.
    emptyValue: () => undefined,
    merge(loc, defs) {
      throw new PantherError({
        code: "invalid-definition",
        message: `The option \`${showOption(loc)}' can no longer be used since it's been removed. ${explanation}\nDefinition values:\n${showDefinitions(defs)}`,
        optionPath: loc,
        locations: defs.map((d) => ({ ...d.source, role: "definition" })),
      });
    },
  };
  return opt({ type, visible: false, internal: true, description: `Removed: ${explanation}` });
}

/**
 * Close names for an unknown key: names it abbreviates or extends first (`dir` → `directory`,
 * which edit distance misses), then those within a small edit distance.
 */
export function closeNames(key: string, names: readonly string[]): string[] {
  const prefixed = names.filter((n) => n !== key && (n.startsWith(key) || key.startsWith(n)));
  return [...new Set([...prefixed, ...suggest(key, names)])].slice(0, 3);
}
