// `nixRaw`: the escape hatch for what panther cannot express, checked to parse where it is written.

import { RawNix } from "../core/raw-nix.ts";
import { raw } from "../emit/nix-ast.ts";

/** A Nix expression as text, e.g. `nixRaw('lib.optional config.foo "bar"')`; throws NixSyntaxError (with line and column) if it does not parse. */
export function nixRaw(text: string): RawNix {
  const node = raw(text);
  return new RawNix(node.text, node);
}
