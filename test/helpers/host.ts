// A one-host project around a module and optional facts, and what that host emits as plain data.

import type { HostFacts, Module } from "panther";
import { definedOptions } from "../../src/core/eval.ts";
import { compileHost, definedTree, evaluateHost, type Project } from "../../src/compile/index.ts";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

export function hostProject(module: Module, facts?: HostFacts, name = "machine"): Project {
  return {
    root,
    flakeFile: `${root}/flake.ts`,
    flake: {
      inputs: { nixpkgs: { url: "github:NixOS/nixpkgs/64e75cd44acf21c7933d61d7721e812eac1b5a0a" } },
      hosts: [{ name, system: "x86_64-linux", module, ...(facts ? { facts } : {}) }],
    },
  };
}

/** The NixOS options the host sets (panther.* and bookkeeping left out), after a full compile with its checks. */
export function emitted(module: Module, facts?: HostFacts): Record<string, any> {
  const project = hostProject(module, facts);
  compileHost(project, "machine");
  const { config } = evaluateHost(project, "machine");
  return definedTree(definedOptions(config)!, (loc) => !["panther", "assertions", "warnings", "networking", "nixpkgs"].includes(loc[0]!));
}
