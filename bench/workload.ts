// Synthetic evaluation workload: N modules, each declaring 5 options of mixed types and making 10
// definitions on other modules' options with mixed priorities and list orders (1 in 10 modules is
// a function that reads config). The same shape was timed with nixpkgs lib.evalModules on Nix 2.8.

import { mkAfter, mkBefore, mkDefault, mkForce, mkIf, mkOption, mkOrder, types, type Module } from "panther";

export function workload(n: number): Module[] {
  const name = (i: number) => `m${i % n}`;
  const modules: Module[] = [];
  for (let i = 0; i < n; i++) {
    const options = {
      [name(i)]: {
        o0: mkOption({ type: types.int, default: 0, description: "an int" }),
        o1: mkOption({ type: types.str, default: "", description: "a string" }),
        o2: mkOption({ type: types.bool, default: false, description: "a bool" }),
        o3: mkOption({ type: types.listOf(types.str), default: [], description: "a list" }),
        o4: mkOption({ type: types.attrsOf(types.int), default: {}, description: "an attrset" }),
      },
    };
    const defs = (flag: boolean) => ({
      [name(i + 1)]: { o0: mkDefault(i), o3: mkBefore([`b${i}`]), o4: { [`k${i}`]: i } },
      [name(i + 2)]: { o0: i, o3: [`p${i}`], o4: { [`d${i}`]: mkDefault(i) } },
      [name(i + 3)]: { o1: mkForce(`s${i}`), o3: mkAfter([`a${i}`]) },
      [name(i + 4)]: { o2: mkIf(flag, i % 2 === 0) },
      [name(i + 5)]: { o3: mkOrder(700, [`o${i}`]) },
    });
    if (i % 10 === 0) {
      modules.push(({ config }: { config: Record<string, { o2: boolean }> }) => ({ options, config: defs(config[name(i + 7)]!.o2 || true) }));
    } else {
      modules.push({ options, config: defs(true) });
    }
  }
  return modules;
}
