// Which hosts a change can affect: a host is affected when a changed file is in the import graph
// of its top module's file. Files only flake.ts reaches (flake.ts itself, facts it imports) can
// affect any host, so they affect all of them. Pure: file reading is passed in.

import path from "node:path/posix";
import { ts } from "ts-morph";

export interface HostEntry {
  readonly name: string;
  /** The file that defines the host's top module (relative, `/`-separated), if known. */
  readonly entry: string | undefined;
}

/** Reads a project file (relative path), undefined when it does not exist. */
export type ReadFile = (file: string) => string | undefined;

/**
 * The project files `file` imports, relative to the root. Only relative specifiers are project
 * files; packages (`panther`, `node:*`) are not part of the project's graph.
 */
export function importsOf(file: string, text: string, exists: (file: string) => boolean): string[] {
  const info = ts.preProcessFile(text, true, true);
  const found: string[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith(".")) continue;
    const target = path.join(path.dirname(file), ref.fileName);
    // `.js` specifiers name their `.ts` source under NodeNext resolution.
    const candidates = [target, target.replace(/\.(m|c)?js$/, ".$1ts"), `${target}.ts`, `${target}/index.ts`];
    const resolved = candidates.find((c) => !c.startsWith("..") && exists(c));
    if (resolved) found.push(resolved);
  }
  return found;
}

/** Every project file reachable from `start` through imports (start included). */
export function importClosure(start: string, read: ReadFile, cache = new Map<string, string[]>()): Set<string> {
  const seen = new Set<string>();
  const exists = (f: string) => read(f) !== undefined;
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let imports = cache.get(file);
    if (!imports) {
      const text = read(file);
      imports = text === undefined || !/\.(m|c)?tsx?$/.test(file) ? [] : importsOf(file, text, exists);
      cache.set(file, imports);
    }
    pending.push(...imports);
  }
  return seen;
}

export interface AffectedHosts {
  /** Affected host names, in flake order. */
  readonly hosts: string[];
  /** Why, per host: the first changed file found in its graph. */
  readonly reasons: Readonly<Record<string, string>>;
}

/**
 * The hosts a set of changed files can affect. A host whose entry file is unknown is always
 * affected (there is no graph to prove otherwise).
 */
export function affectedHosts(hosts: readonly HostEntry[], changed: readonly string[], read: ReadFile, flakeFile = "flake.ts"): AffectedHosts {
  const cache = new Map<string, string[]>();
  const changedSet = new Set(changed);
  const reasons: Record<string, string> = {};
  const graphs = new Map(hosts.map((h) => [h.name, h.entry === undefined ? undefined : importClosure(h.entry, read, cache)]));
  const inSomeHost = new Set([...graphs.values()].flatMap((g) => (g ? [...g] : [])));
  const flakeOnly = [...importClosure(flakeFile, read, cache)].filter((f) => (f === flakeFile || !inSomeHost.has(f)) && changedSet.has(f)).sort();
  for (const host of hosts) {
    const graph = graphs.get(host.name);
    if (graph === undefined) reasons[host.name] = "its module's file is unknown";
    else if (flakeOnly.length > 0) reasons[host.name] = flakeOnly[0]!;
    else {
      const hit = changed.find((f) => graph.has(f));
      if (hit) reasons[host.name] = hit;
    }
  }
  return { hosts: hosts.map((h) => h.name).filter((n) => n in reasons), reasons };
}
