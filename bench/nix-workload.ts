// The workload of bench/workload.ts as a Nix expression for nixpkgs `lib.evalModules`: the same
// modules, options, definitions and function modules, built as a Nix syntax tree and printed.

import { app, attrs, bind, bool, ident, int, letIn, list, path, ref, raw, select, setLambda, str, type Node } from "../src/emit/nix-ast.ts";
import { printExpr } from "../src/emit/print.ts";

/**
 * `(lib.evalModules { modules = [ … ]; }).config` with `lib` imported from `libDir` (a nixpkgs
 * `lib` directory), for `nix-instantiate --eval --strict`.
 */
export function nixWorkload(n: number, libDir: string): string {
  const name = (i: number) => `m${i % n}`;
  const lib = (fn: string, ...args: Node[]) => app(ref(`lib.${fn}`), ...args);
  const option = (type: Node, dflt: Node, description: string) =>
    lib("mkOption", attrs({ type, default: dflt, description: str(description) }));
  const modules: Node[] = [];
  for (let i = 0; i < n; i++) {
    const options = attrs({
      [name(i)]: attrs({
        o0: option(ref("lib.types.int"), int(0), "an int"),
        o1: option(ref("lib.types.str"), str(""), "a string"),
        o2: option(ref("lib.types.bool"), bool(false), "a bool"),
        o3: option(app(ref("lib.types.listOf"), ref("lib.types.str")), list([]), "a list"),
        o4: option(app(ref("lib.types.attrsOf"), ref("lib.types.int")), attrs(), "an attrset"),
      }),
    });
    const defs = (flag: Node) =>
      attrs({
        [name(i + 1)]: attrs({ o0: lib("mkDefault", int(i)), o3: lib("mkBefore", list([str(`b${i}`)])), o4: attrs({ [`k${i}`]: int(i) }) }),
        [name(i + 2)]: attrs({ o0: int(i), o3: list([str(`p${i}`)]), o4: attrs({ [`d${i}`]: lib("mkDefault", int(i)) }) }),
        [name(i + 3)]: attrs({ o1: lib("mkForce", str(`s${i}`)), o3: lib("mkAfter", list([str(`a${i}`)])) }),
        [name(i + 4)]: attrs({ o2: lib("mkIf", flag, bool(i % 2 === 0)) }),
        [name(i + 5)]: attrs({ o3: lib("mkOrder", int(700), list([str(`o${i}`)])) }),
      });
    if (i % 10 === 0) {
      const read = raw(`config.${name(i + 7)}.o2 || true`);
      modules.push(setLambda(["config"], attrs({ options, config: defs(read) })));
    } else {
      modules.push(attrs({ options, config: defs(bool(true)) }));
    }
  }
  const evaluated = app(ref("lib.evalModules"), attrs({ modules: list(modules) }));
  const body = select(evaluated, "config");
  return printExpr(letIn([bind("lib", app(ident("import"), path(libDir)))], body));
}
