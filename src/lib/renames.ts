// mkRenamedOptionModule and mkRemovedOptionModule, as in nixpkgs `lib/modules.nix`: the old path
// stays declared (hidden) so that old definitions are forwarded, or fail, with a clear message.

import { mkOption } from "../core/options.ts";
import type { ModuleArgs, ModuleFunction } from "../core/module.ts";
import type { OptionView } from "../core/provenance.ts";
import { showOption } from "../core/errors.ts";
import type { OptionType } from "../core/types/type.ts";
import { mkIf, mkMerge, mkOverride } from "../core/wrappers.ts";
import { defineModule } from "../core/module.ts";

function setAttrByPath(path: readonly string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((v, k) => ({ [k]: v }), value) as Record<string, unknown>;
}

function getAttrFromPath(path: readonly string[], tree: unknown): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], tree);
}

/** A type that is another option's type, looked up only when used (the other option may be declared later). */
function typeOfOption(options: unknown, path: readonly string[]): OptionType {
  const target = () => (getAttrFromPath(path, options) as OptionView).type;
  return {
    name: "alias",
    get description() {
      return target().description;
    },
    check: (v) => target().check(v),
    merge: (loc, defs) => target().merge(loc, defs),
  };
}

/**
 * Declares `from` as a hidden alias of `to`: definitions of `from` are forwarded to `to` with their
 * priority, and a warning (through the `warnings` option, which must exist) names the new path.
 */
export function mkRenamedOptionModule(from: readonly string[], to: readonly string[]): ModuleFunction {
  return defineModule(({ options, config }: ModuleArgs) => {
    const fromOpt = () => getAttrFromPath(from, options) as OptionView;
    return {
      options: setAttrByPath(
        from,
        mkOption({
          type: typeOfOption(options, to),
          visible: false,
          description: `Alias of {option}\`${showOption(to)}\`.`,
          apply: () => getAttrFromPath(to, config),
        }),
      ),
      config: {
        // mkAliasAndWrapDefsWithPriority: forward the surviving definitions with their priority.
        ...setAttrByPath(
          to,
          mkIf(fromOpt().isDefined, mkMerge(fromOpt().definitions.map((d: unknown) => mkOverride(fromOpt().highestPrio, d)))),
        ),
        warnings: mkIf(fromOpt().isDefined, [
          `The option \`${showOption(from)}' defined in ${fromOpt().files.map((f: string) => `\`${f}'`).join(", ")} has been renamed to \`${showOption(to)}'.`,
        ]),
      },
    };
  });
}

/** Declares `path` as removed: reading it throws, defining it fails an assertion with `replacement`. */
export function mkRemovedOptionModule(path: readonly string[], replacement: string): ModuleFunction {
  return defineModule(({ options }: ModuleArgs) => {
    const opt = () => getAttrFromPath(path, options) as OptionView;
    return {
      options: setAttrByPath(
        path,
        mkOption({
          visible: false,
          apply: () => {
            throw new Error(`The option \`${showOption(path)}' can no longer be used since it's been removed. ${replacement}`);
          },
        }),
      ),
      config: {
        assertions: [
          {
            assertion: !opt().isDefined,
            message: `The option definition \`${showOption(path)}' in ${opt().files.map((f: string) => `\`${f}'`).join(", ")} no longer has any effect; please remove it.\n${replacement}`,
          },
        ],
      },
    };
  });
}
