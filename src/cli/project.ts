// Finding and loading a project: the nearest flake.ts, imported with the running TypeScript
// loader, its default export validated with zod so that mistakes name flake.ts and the field.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { FlakeDefinition, HostDefinition, Project } from "../compile/project.ts";
import { isPantherError } from "../core/errors.ts";
import { didYouMean, suggest } from "../core/suggest.ts";
import { CliError } from "./errors.ts";

export const flakeFileName = "flake.ts";

/**
 * The project root: `start` or its nearest ancestor holding flake.ts (as git finds `.git`).
 * `-C dir` passes `dir` as `start`, so panther behaves as if started there.
 */
export function findProjectRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, flakeFileName))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new CliError(
    "project-not-found",
    `No ${flakeFileName} found in ${path.resolve(start)} or any folder above it.`,
    "Run panther inside a project, or point at one with `panther -C <dir> …`.",
  );
}

/** Find, import and validate a project's flake.ts. */
export async function loadProject(start: string): Promise<Project> {
  const root = findProjectRoot(start);
  const flakeFile = path.join(root, flakeFileName);
  const exported = await importFlake(flakeFile);
  return { root, flakeFile, flake: validateFlake(exported, flakeFile) };
}

/**
 * Plain `import()`, not tsx's `tsImport`: tsImport loads the file and everything it imports into
 * a separate namespace, so flake.ts would get its own copy of panther's core (a second
 * PantherError class, a second registry of module locations) and `instanceof` and locations
 * would break. The process already runs under a TypeScript loader (bin/panther.js registers
 * tsx; vitest transforms), so the ordinary import loads flake.ts with the same panther.
 */
async function importFlake(flakeFile: string): Promise<unknown> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(flakeFile).href)) as { default?: unknown };
  } catch (error) {
    if (isPantherError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError("invalid-project", `Could not load ${flakeFileName}: ${reason}`, undefined, flakeFile, { cause: error });
  }
  if (module.default === undefined) {
    throw new CliError(
      "invalid-project",
      `${flakeFileName} has no default export.`,
      "End it with `export default { description, inputs, hosts };`.",
      flakeFile,
    );
  }
  return module.default;
}

// ---------------------------------------------------------------- the shape of flake.ts

const moduleSchema = z.custom<object>(
  (v) => typeof v === "function" || (typeof v === "object" && v !== null && !Array.isArray(v)),
  "expected a module (an object, or a function returning one)",
);

// networking.hostName's rule in NixOS, so every host name is also a valid hostname and folder name.
const hostNamePattern = /^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;

const hostSchema = z.strictObject({
  name: z.string().regex(hostNamePattern, "a host name must be letters, digits, `-` and `_`, starting and ending with a letter or digit"),
  system: z.string().regex(/^[a-z0-9_]+-[a-z0-9_]+$/, 'expected a Nix system double such as "x86_64-linux"'),
  module: moduleSchema,
  deployHostname: z.string().min(1).optional(),
  tags: z.array(z.string()).optional(),
  // Built by factsFromFacter, which validates the report itself.
  facts: z.custom<object>((v) => typeof v === "object" && v !== null && "firmware" in v, "expected hardware facts (factsFromFacter(...))").optional(),
});

const inputSchema = z.strictObject({
  url: z.string().min(1),
  follows: z.record(z.string(), z.string()).optional(),
  flake: z.boolean().optional(),
});

const flakeSchema = z.strictObject({
  description: z.string().optional(),
  inputs: z.record(z.string(), inputSchema),
  hosts: z.array(hostSchema),
  outDir: z
    .string()
    .min(1)
    .refine((p) => !path.isAbsolute(p), "outDir is relative to the project root")
    .optional(),
});

/** Checked apart from zod, whose refinements are skipped while any other field is wrong. */
function duplicateHostLines(value: unknown): string[] {
  const hosts = (value as { hosts?: unknown } | null)?.hosts;
  if (!Array.isArray(hosts)) return [];
  const seen = new Map<string, number>();
  const lines: string[] = [];
  hosts.forEach((host: unknown, i) => {
    const name = (host as { name?: unknown } | null)?.name;
    if (typeof name !== "string") return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else lines.push(`  - hosts[${i}].name: duplicate host name "${name}" (also hosts[${first}])`);
  });
  return lines;
}

const knownKeys: Record<string, readonly string[]> = {
  flake: ["description", "inputs", "hosts", "outDir"],
  host: ["name", "system", "module", "deployHostname", "tags", "facts"],
  input: ["url", "follows", "flake"],
};

/**
 * Check the default export's shape. The original object is returned, not zod's copy: modules
 * are identified by object identity (deduplication, recorded locations).
 */
export function validateFlake(value: unknown, flakeFile: string): FlakeDefinition {
  const result = flakeSchema.safeParse(value);
  const lines = [...(result.success ? [] : result.error.issues.map((issue) => `  - ${issuePath(issue.path)}: ${issueMessage(issue)}`)), ...duplicateHostLines(value)];
  if (lines.length === 0) return value as FlakeDefinition;
  throw new CliError(
    "invalid-project",
    `${flakeFileName}: the default export is not a valid flake definition:\n${lines.join("\n")}`,
    "It must look like `{ inputs: { nixpkgs: { url } }, hosts: [{ name, system, module }], outDir? }`.",
    flakeFile,
  );
}

function issuePath(p: readonly PropertyKey[]): string {
  if (p.length === 0) return "(default export)";
  return p.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

/** Zod's message, plus "did you mean" for misspelt keys (`outdir` → `outDir`). */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== "unrecognized_keys") return issue.message;
  const last = issue.path.at(-1);
  const kind = issue.path.length === 0 ? "flake" : typeof last === "number" && issue.path[0] === "hosts" ? "host" : issue.path[0] === "inputs" ? "input" : undefined;
  const candidates = kind ? knownKeys[kind]! : [];
  return issue.keys
    .map((key) => {
      const hint = didYouMean(suggest(key, candidates));
      return `unknown key "${key}"${hint ? ` (${hint})` : ""}`;
    })
    .join("; ");
}

/** The host called `name`, or an error suggesting the closest names. */
export function requireHost(project: Project, name: string): HostDefinition {
  const host = project.flake.hosts.find((h) => h.name === name);
  if (host) return host;
  const names = project.flake.hosts.map((h) => h.name);
  throw new CliError(
    "unknown-host",
    `There is no host \`${name}' in ${flakeFileName}.`,
    didYouMean(suggest(name, names)) || (names.length > 0 ? `The hosts are: ${names.join(", ")}.` : `${flakeFileName} defines no hosts.`),
    project.flakeFile,
  );
}
