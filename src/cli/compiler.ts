// The CLI's view of the compiler (src/compile/index.ts): the three entry points it calls, loaded
// on first use so that `--help` and `hosts` never pay for loading the compiler and option data.

type CompileModule = typeof import("../compile/index.ts");

export type Compiler = Pick<CompileModule, "compileHost" | "compileFlake" | "evaluateHost">;

let loaded: Promise<Compiler> | undefined;

export function loadCompiler(): Promise<Compiler> {
  loaded ??= import("../compile/index.ts");
  return loaded;
}
