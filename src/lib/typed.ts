// Type-level helpers: the TypeScript type of the configuration a tree of declarations describes.

import type { OptionDeclaration } from "../core/options.ts";

/** `ConfigOf<typeof options>`: option declarations replaced by the types of their values. */
export type ConfigOf<O> = {
  readonly [K in keyof O]: O[K] extends OptionDeclaration<infer T> ? T : ConfigOf<O[K]>;
};
