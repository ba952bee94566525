// The compiler's entry points for the CLI: evaluate or compile hosts, and write the flake.

export { compileFlake } from "./flake.ts";
export { compileHost, evaluateHost, findHost } from "./host.ts";
export { definedTree, definedValue } from "./defined.ts";
export type { EmittedFile, FlakeDefinition, FlakeInput, HostBuild, HostDefinition, HostResult, Project } from "./project.ts";
export { defineUser, type UserDefinition, type UserHosts, type UserSettings } from "./users.ts";
