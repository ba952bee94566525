// The two sides `panther diff` compares, per host: the working tree (compiled now, nothing
// written) and a baseline: the last build, a generation, or a git revision compiled from a
// temporary worktree. A host missing on one side has an empty snapshot there.

import type { Project } from "../compile/project.ts";
import type { Snapshot } from "../history/record.ts";
import { historyHosts, latestGeneration, loadSnapshot } from "../io/history.ts";
import { readOutputManifest } from "../io/output.ts";
import { loadCompiler, type Compiler } from "./compiler.ts";
import { hostFiles, parseGenerationNumber, requireGeneration } from "./generations.ts";
import { resolveCommit, withWorktree } from "./git.ts";
import { loadProject } from "./project.ts";

export const emptySnapshot: Snapshot = { options: [], files: new Map() };

/** What the baseline is, for people and for JSON. */
export type Baseline =
  | { readonly kind: "last-build" }
  | { readonly kind: "generation"; readonly generation: number }
  | { readonly kind: "git"; readonly ref: string; readonly revision: string };

export interface HostSides {
  readonly host: string;
  readonly old: Snapshot;
  readonly new: Snapshot;
  /** The generation the baseline came from (last-build and generation baselines); null when none. */
  readonly fromGeneration: number | null;
  /** Whether the host exists on each side. */
  readonly inOld: boolean;
  readonly inNew: boolean;
}

/** `--from`: digits are a generation number, anything else a git revision. */
export function parseBaseline(from: string | undefined, root: string): Baseline {
  if (from === undefined) return { kind: "last-build" };
  if (/^\d+$/.test(from)) return { kind: "generation", generation: parseGenerationNumber(from) };
  return { kind: "git", ref: from, revision: resolveCommit(root, from) };
}

/**
 * The hosts a build of `targets` would leave in the output (the targets and the hosts already
 * there): the flake.nix of each side is compiled for them, as `panther build` would write it.
 */
function presentHosts(project: Project, targets: ReadonlySet<string>, owners: ReadonlySet<string>): string[] {
  return project.flake.hosts.map((h) => h.name).filter((n) => targets.has(n) || owners.has(n));
}

/** Compile each host of `project` that is among `hosts`; hosts it does not define get nothing. */
function compileSide(compiler: Compiler, project: Project, hosts: readonly string[], owners: ReadonlySet<string>): Map<string, Snapshot> {
  const defined = new Set(project.flake.hosts.map((h) => h.name));
  const targets = new Set(hosts.filter((h) => defined.has(h)));
  const flake = compiler.compileFlake(project, presentHosts(project, targets, owners));
  const out = new Map<string, Snapshot>();
  for (const host of targets) {
    const build = compiler.compileHost(project, host);
    out.set(host, { options: build.options, files: hostFiles(flake, build.files) });
  }
  return out;
}

export interface SidesRequest {
  readonly project: Project;
  readonly outDir: string;
  /** Host names, or every host: those of either side (removed and new hosts included). */
  readonly hosts: readonly string[] | "all";
  readonly baseline: Baseline;
}

/** Both sides of every requested host. Compilation errors propagate (the caller reports them). */
export async function collectSides(request: SidesRequest): Promise<HostSides[]> {
  const { project, outDir, hosts, baseline } = request;
  const compiler = await loadCompiler();
  const owners = new Set([...readOutputManifest(outDir).values()].filter((o): o is string => o !== null));
  const namesOf = (p: Project) => (hosts === "all" ? p.flake.hosts.map((h) => h.name) : hosts);
  const now = compileSide(compiler, project, namesOf(project), owners);
  let old: Map<string, Snapshot>;
  let oldNames: readonly string[];
  const fromGeneration = new Map<string, number | null>();
  if (baseline.kind === "git") {
    [old, oldNames] = await withWorktree(project.root, baseline.revision, async (dir) => {
      const oldProject = await loadProject(dir);
      return [compileSide(compiler, oldProject, namesOf(oldProject), owners), namesOf(oldProject)] as const;
    });
  } else {
    old = new Map();
    oldNames = hosts === "all" ? historyHosts(outDir) : hosts;
    for (const host of oldNames) {
      const record = baseline.kind === "generation" ? requireGeneration(outDir, host, baseline.generation) : latestGeneration(outDir, host);
      fromGeneration.set(host, record?.generation ?? null);
      if (record) old.set(host, loadSnapshot(outDir, record));
    }
  }
  const names = [...new Set([...namesOf(project), ...oldNames])];
  return names.map((host) => ({
    host,
    old: old.get(host) ?? emptySnapshot,
    new: now.get(host) ?? emptySnapshot,
    fromGeneration: fromGeneration.get(host) ?? null,
    inOld: old.has(host),
    inNew: now.has(host),
  }));
}
