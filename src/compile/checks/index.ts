// Host checks: mistakes that evaluate fine in the module system but break the machine (a mount
// defined twice, GRUB devices listed twice, a sysctl that cannot be valid…). Each check reads the
// evaluated configuration and the host's facts and reports findings with the files and lines involved.
// `compileHost` runs them all after the assertions; an error finding fails the build.

import { PantherError, type ErrorCode, type RelatedLocation } from "../../core/errors.ts";
import { formatLocation } from "../../core/location.ts";
import type { HostFacts } from "../../facts/types.ts";
import type { HostDefinition } from "../project.ts";

export interface CheckContext {
  readonly host: HostDefinition;
  readonly facts: HostFacts | undefined;
  /** The host's evaluated configuration (lazy: only what a check reads is evaluated). */
  readonly config: any;
  /** The host's options, with provenance (`options.fileSystems.definitionsWithLocations`, …). */
  readonly options: any;
}

export interface Finding {
  readonly severity: "error" | "warning";
  readonly code: ErrorCode;
  readonly message: string;
  readonly optionPath?: readonly string[];
  /** Every file and line involved: each conflicting definition, the fact it contradicts. */
  readonly locations: readonly RelatedLocation[];
  readonly hint?: string;
}

export interface HostCheck {
  /** Short stable name, e.g. "disk-mounts". */
  readonly name: string;
  readonly description: string;
  run(ctx: CheckContext): Iterable<Finding>;
}

const registry: HostCheck[] = [];

/** Add checks to the set every host build runs (each check module registers itself on import). */
export function registerHostChecks(...checks: HostCheck[]): void {
  for (const check of checks) if (!registry.some((c) => c.name === check.name)) registry.push(check);
}

export function hostChecks(): readonly HostCheck[] {
  return registry;
}

export interface CheckOutcome {
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
}

export function runHostChecks(ctx: CheckContext, checks: readonly HostCheck[] = registry): CheckOutcome {
  // Two definitions (or two checks) can find the same problem: report it once.
  const seen = new Set<string>();
  const findings = checks
    .flatMap((check) => [...check.run(ctx)])
    .filter((f) => {
      const key = `${f.severity}\0${f.code}\0${f.message}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    });
  return { errors: findings.filter((f) => f.severity === "error"), warnings: findings.filter((f) => f.severity === "warning") };
}

/** One error for the failed findings: the first one's code, every message and location. */
export function findingsError(errors: readonly Finding[]): PantherError {
  const [first] = errors;
  if (!first) throw new Error("findingsError needs at least one finding");
  if (errors.length === 1) return new PantherError(first);
  return new PantherError({
    code: first.code,
    message: `${errors.length} host checks failed:\n${errors.map((e) => `- [${e.code}] ${e.message}`).join("\n")}`,
    optionPath: first.optionPath,
    locations: errors.flatMap((e) => e.locations),
    hint: errors.map((e) => e.hint).filter(Boolean).join("\n") || undefined,
  });
}

/** A warning finding as one line: the message and where it comes from. */
export function formatFinding(finding: Finding): string {
  const where = finding.locations.map((l) => formatLocation(l)).filter((l, i, all) => all.indexOf(l) === i);
  return where.length ? `${finding.message} (${where.join(", ")})` : finding.message;
}
