// Compile one module as a host of a throwaway project: what host checks and emitters see.

import type { HostBuild, HostDefinition, Project } from "../../src/compile/index.ts";
import { compileHost } from "../../src/compile/index.ts";
import type { PantherError } from "../../src/core/errors.ts";
import { thrownBy } from "./errors.ts";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

export function testProject(hosts: readonly HostDefinition[]): Project {
  return {
    root,
    flakeFile: `${root}/flake.ts`,
    flake: { inputs: { nixpkgs: { url: "github:NixOS/nixpkgs/64e75cd44acf21c7933d61d7721e812eac1b5a0a" }, disko: { url: "github:nix-community/disko" }, impermanence: { url: "github:nix-community/impermanence" } }, hosts },
  };
}

export function compileTestHost(module: object, host: Partial<Omit<HostDefinition, "module">> = {}): HostBuild {
  const definition: HostDefinition = { name: "test", system: "x86_64-linux", module, ...host };
  return compileHost(testProject([definition]), definition.name);
}

export function hostError(module: object, host: Partial<Omit<HostDefinition, "module">> = {}): PantherError {
  return thrownBy(() => compileTestHost(module, host));
}
