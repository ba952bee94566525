// Where a file really lives on an impermanent host: under the persistence root that declares it
// (`environment.persistence."/persist".files` or a directory above it), else nowhere that survives a boot.

import { isAttrs } from "../core/wrappers.ts";

interface PersistenceRoot {
  readonly enable?: boolean;
  readonly persistentStoragePath?: string;
  readonly files?: readonly unknown[];
  readonly directories?: readonly unknown[];
}

/** The enabled persistence roots of `environment.persistence` (empty: the host is not impermanent). */
export function persistenceRoots(persistence: unknown): Array<[string, PersistenceRoot]> {
  if (!isAttrs(persistence)) return [];
  return Object.entries(persistence as Record<string, PersistenceRoot>).filter(([, root]) => root.enable !== false);
}

const entryPath = (entry: unknown, key: "file" | "directory"): string | undefined =>
  typeof entry === "string" ? entry : isAttrs(entry) && typeof entry[key] === "string" ? (entry[key] as string) : undefined;

/** `<root><path>` where the host keeps `path` across boots, or undefined when nothing persists it. */
export function persistedPath(persistence: unknown, path: string): string | undefined {
  for (const [name, root] of persistenceRoots(persistence)) {
    const storage = root.persistentStoragePath ?? name;
    const files = (root.files ?? []).map((f) => entryPath(f, "file"));
    const dirs = (root.directories ?? []).map((d) => entryPath(d, "directory"));
    if (files.includes(path) || dirs.some((d) => d !== undefined && path.startsWith(`${d.replace(/\/$/, "")}/`))) return `${storage.replace(/\/$/, "")}${path}`;
  }
  return undefined;
}
