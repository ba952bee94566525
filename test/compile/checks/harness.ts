// Running host checks on a one-host project: the findings of one check, or the error a build fails with.
import type { Module } from "panther";
import { compileHost, evaluateHost } from "../../../src/compile/index.ts";
import { runHostChecks, type Finding, type HostCheck } from "../../../src/compile/checks/index.ts";
import type { HostDefinition } from "../../../src/compile/project.ts";
import type { HostFacts } from "../../../src/facts/types.ts";
import { project } from "../../disks/fleet.ts";

export interface TestHost {
  readonly modules: readonly Module[];
  readonly tags?: readonly string[];
  readonly facts?: HostFacts;
}

export function testHost({ modules, tags = [], facts }: TestHost): HostDefinition {
  return { name: "machine", system: "x86_64-linux", module: { imports: [...modules] }, tags, ...(facts ? { facts } : {}) };
}

/** The findings `check` reports for the host. */
export function findings(check: HostCheck, host: TestHost): Finding[] {
  const definition = testHost(host);
  const { config, options } = evaluateHost(project([definition]), definition.name);
  const outcome = runHostChecks({ host: definition, facts: definition.facts, config, options }, [check]);
  return [...outcome.errors, ...outcome.warnings];
}

/** Compile the host (every check runs). */
export function compile(host: TestHost) {
  return compileHost(project([testHost(host)]), "machine");
}

/** file:line (and role) of each location, for comparison. */
export function where(finding: { readonly locations: readonly { file: string; line?: number; role: string }[] }) {
  return finding.locations.map((l) => ({ file: l.file, line: l.line, role: l.role }));
}
