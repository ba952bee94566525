// `nixRaw`: the escape hatch for what panther cannot express, checked to parse where it is written.

import { isRawNix, RawNix } from "../core/raw-nix.ts";
import { app, lambda, raw, ref, type Node } from "../emit/nix-ast.ts";
import { printExpr } from "../emit/print.ts";
import { jsonToNode, type JsonValue } from "../emit/to-nix.ts";

/** A Nix expression as text, e.g. `nixRaw('lib.optional config.foo "bar"')`; throws NixSyntaxError (with line and column) if it does not parse. */
export function nixRaw(text: string): RawNix {
  const node = raw(text);
  return new RawNix(node.text, node);
}

/**
 * Nix expressions built as syntax, for what a plain value cannot say (a function, a call into
 * `lib`): `nix.lambda("pkg", nix.apply(nix.ref("builtins.elem"), nix.apply(nix.ref("lib.getName"), nix.ref("pkg")), ["a"]))`.
 * Arguments that are not already Nix are plain JSON values, escaped by the emitter.
 */
export const nix = {
  ref: (dotted: string): RawNix => expression(ref(dotted)),
  value: (value: JsonValue): RawNix => expression(jsonToNode(value)),
  lambda: (param: string, body: RawNix | JsonValue): RawNix => expression(lambda(param, toNode(body))),
  apply: (fn: RawNix, ...args: readonly (RawNix | JsonValue)[]): RawNix => expression(app(fn.node as Node, ...args.map(toNode))),
};

function toNode(value: RawNix | JsonValue): Node {
  return isRawNix(value) ? (value.node as Node) : jsonToNode(value);
}

function expression(node: Node): RawNix {
  return new RawNix(printExpr(node), node);
}
