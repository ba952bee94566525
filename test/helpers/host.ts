// Compile one module as a host of a throwaway project: what host checks and emitters see.

import type { HostFacts, Module } from "panther";
import { definedOptions } from "../../src/core/eval.ts";
import type { HostBuild, HostDefinition, Project } from "../../src/compile/index.ts";
import { compileHost, definedTree, evaluateHost } from "../../src/compile/index.ts";
import type { PantherError } from "../../src/core/errors.ts";
import { thrownBy } from "./errors.ts";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

export function testProject(hosts: readonly HostDefinition[]): Project {
  return {
    root,
    flakeFile: `${root}/flake.ts`,
    flake: {
      inputs: {
        nixpkgs: { url: "github:NixOS/nixpkgs/64e75cd44acf21c7933d61d7721e812eac1b5a0a" },
        disko: { url: "github:nix-community/disko" },
        impermanence: { url: "github:nix-community/impermanence" },
        opnix: { url: "github:brizzbuzz/opnix" },
        "home-manager": { url: "github:nix-community/home-manager" },
      },
      hosts,
    },
  };
}

export function compileTestHost(module: object, host: Partial<Omit<HostDefinition, "module">> = {}): HostBuild {
  const definition: HostDefinition = { name: "test", system: "x86_64-linux", module, ...host };
  return compileHost(testProject([definition]), definition.name);
}

export function hostError(module: object, host: Partial<Omit<HostDefinition, "module">> = {}): PantherError {
  return thrownBy(() => compileTestHost(module, host));
}

/** A one-host project around a module and optional facts. */
export function hostProject(module: Module, facts?: HostFacts, name = "machine"): Project {
  return testProject([{ name, system: "x86_64-linux", module, ...(facts ? { facts } : {}) }]);
}

/** The NixOS options the host sets (panther.*, bookkeeping and the core nix settings left out), after a full compile with its checks. */
export function emitted(module: Module, facts?: HostFacts): Record<string, any> {
  const project = hostProject(module, facts);
  compileHost(project, "machine");
  const { config } = evaluateHost(project, "machine");
  return definedTree(definedOptions(config)!, (loc) => !["panther", "assertions", "warnings", "networking", "nixpkgs", "nix"].includes(loc[0]!));
}
