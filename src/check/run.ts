// `panther check` from start to end: structural rules, the type checker, then the hosts the
// change affects (evaluated and emitted, the Nix parsed). Every step's findings are collected;
// nothing stops at the first problem. The CLI command only parses flags and renders the report.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { recordedLocation } from "../core/module.ts";
import type { Project } from "../compile/project.ts";
import { affectedHosts, type HostEntry } from "./affected.ts";
import { sortDiagnostics, type CheckDiagnostic } from "./diagnostic.ts";
import { checkHosts, errorDiagnostic, type HostCompiler, type HostOutcome, type NixParser } from "./hosts.ts";
import { runRules, secretsMappingFile } from "./rules.ts";
import { changedFiles, materializeIndex, stagedView, workingTreeView, type SourceView } from "./sources.ts";
import type { Tsgo } from "./tsgo.ts";
import { typecheck } from "./typecheck.ts";

export interface CheckOptions {
  readonly root: string;
  /** Check the git index instead of the working tree. */
  readonly staged: boolean;
  /** Evaluate every host, not only the affected ones. */
  readonly all: boolean;
  readonly typecheck: boolean;
  readonly evaluate: boolean;
  /** Where the type checker keeps its .tsbuildinfo. */
  readonly cacheDir: string;
  /** tsgo, when the project has it and it may be used (see typecheck.ts). */
  readonly tsgo?: Tsgo;
  readonly loadProject: (root: string) => Promise<Project>;
  readonly compiler: () => Promise<HostCompiler>;
  readonly parseNix: NixParser;
}

export interface CheckReport {
  readonly ok: boolean;
  readonly diagnostics: readonly CheckDiagnostic[];
  /** Changed files the host selection was based on; null outside git (every host is checked). */
  readonly changed: readonly string[] | null;
  readonly hosts: readonly HostOutcome[];
  /** Per checked host, the changed file that made it affected (or "--all"). */
  readonly reasons: Readonly<Record<string, string>>;
  readonly typecheckedFiles: number;
  /** The type checker's findings were those of its last run: no file it read had changed. */
  readonly typecheckReused: boolean;
  /** Which checker ran (or whose findings were reused); null with --no-typecheck. */
  readonly typechecker: "tsc" | "tsgo" | null;
  readonly timings: { readonly rules: number; readonly typecheck: number; readonly hosts: number };
  /** How the files were read, for rendering code frames of the same contents. */
  readonly view: SourceView;
}

/** The folders and files the rules look at. */
const ruleScope = ["modules/", "home/", "hosts/", secretsMappingFile];

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const { root } = options;
  const view = options.staged ? stagedView(root) : workingTreeView(root);
  const diagnostics: CheckDiagnostic[] = [];

  let start = performance.now();
  const files = view.list(ruleScope).flatMap((rel) => {
    const text = view.read(path.join(root, rel));
    return text === undefined ? [] : [{ path: rel, text }];
  });
  diagnostics.push(...runRules(files));
  const rulesMs = elapsed(start);

  start = performance.now();
  let typecheckedFiles = 0;
  let typecheckReused = false;
  let typechecker: CheckReport["typechecker"] = null;
  if (options.typecheck) {
    const result = typecheck({ root, cacheDir: options.cacheDir, view, ...(options.tsgo ? { tsgo: options.tsgo } : {}) });
    typechecker = result.checker;
    diagnostics.push(...result.diagnostics);
    typecheckedFiles = result.files;
    typecheckReused = result.reused;
  }
  const typecheckMs = elapsed(start);

  start = performance.now();
  const changed = changedFiles(root, options.staged) ?? null;
  const hosts = options.evaluate ? await evaluateAffected(options, view, changed, diagnostics) : { outcomes: [], reasons: {} };
  const hostsMs = elapsed(start);

  const sorted = sortDiagnostics(diagnostics);
  return {
    ok: !sorted.some((d) => d.severity === "error"),
    diagnostics: sorted,
    changed,
    hosts: hosts.outcomes,
    reasons: hosts.reasons,
    typecheckedFiles,
    typecheckReused,
    typechecker,
    timings: { rules: rulesMs, typecheck: typecheckMs, hosts: hostsMs },
    view,
  };
}

async function evaluateAffected(
  options: CheckOptions,
  view: SourceView,
  changed: readonly string[] | null,
  diagnostics: CheckDiagnostic[],
): Promise<{ outcomes: HostOutcome[]; reasons: Record<string, string> }> {
  // Nothing changed: no host can be affected, and loading the project is the slow part.
  if (!options.all && changed !== null && changed.length === 0) return { outcomes: [], reasons: {} };
  const scratch = options.staged ? fs.mkdtempSync(path.join(os.tmpdir(), "panther-staged-")) : undefined;
  try {
    if (scratch) materializeIndex(options.root, scratch);
    let project: Project;
    try {
      project = await options.loadProject(scratch ?? options.root);
    } catch (error) {
      if (!(error instanceof Error && typeof (error as { code?: unknown }).code === "string")) throw error;
      diagnostics.push(errorDiagnostic(error as Error & { code: string }, scratch ?? options.root));
      return { outcomes: [], reasons: {} };
    }
    const reasons = selectHosts(project, options, view, changed);
    const compiler = await options.compiler();
    const checked = checkHosts(project, Object.keys(reasons), compiler, options.parseNix, project.flake.outDir ?? "out");
    diagnostics.push(...checked.diagnostics);
    return { outcomes: checked.outcomes, reasons };
  } finally {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Host name → why it is checked, in flake order. */
function selectHosts(project: Project, options: CheckOptions, view: SourceView, changed: readonly string[] | null): Record<string, string> {
  if (options.all || changed === null) {
    const why = options.all ? "--all" : "not a git repository";
    return Object.fromEntries(project.flake.hosts.map((h) => [h.name, why]));
  }
  const entries: HostEntry[] = project.flake.hosts.map((h) => {
    const file = recordedLocation(h.module)?.file;
    const rel = file === undefined ? undefined : path.relative(project.root, file).split(path.sep).join("/");
    return { name: h.name, entry: rel === undefined || rel.startsWith("..") ? undefined : rel };
  });
  const read = (rel: string) => view.read(path.join(options.root, rel));
  const { hosts, reasons } = affectedHosts(entries, changed, read, path.relative(project.root, project.flakeFile));
  return Object.fromEntries(hosts.map((h) => [h, reasons[h]!]));
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}
