// What `panther ci` reports: the per-host table, the JSON report file, and GitHub Actions
// annotations. Pure: results in, text out.

import { createHash } from "node:crypto";
import { errorToJSON } from "../cli/diagnostics.ts";
import { errorDiagnostic } from "../check/hosts.ts";
import { formatGithubAnnotation } from "../check/diagnostic.ts";
import type { WorkerHostResult } from "./messages.ts";
import { rebuildError } from "./messages.ts";

export const reportVersion = 1;

export interface CiReport {
  readonly version: typeof reportVersion;
  readonly ok: boolean;
  /** Output folder, relative to the project root; null when nothing was written. */
  readonly out: string | null;
  readonly workers: number;
  readonly ms: number;
  readonly hosts: readonly CiHostReport[];
}

export interface CiHostReport {
  readonly host: string;
  readonly ok: boolean;
  readonly options: number;
  readonly files: readonly { readonly path: string; readonly bytes: number; readonly sha256: string }[];
  readonly ms: number;
  readonly warnings: readonly string[];
  readonly error?: Record<string, unknown>;
}

export function buildReport(results: readonly WorkerHostResult[], root: string, run: { out: string | null; workers: number; ms: number }): CiReport {
  const hosts = results.map(
    (r): CiHostReport => ({
      host: r.host,
      ok: r.ok,
      options: r.optionCount,
      files: r.files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.text), sha256: createHash("sha256").update(f.text).digest("hex") })),
      ms: r.ms,
      warnings: r.warnings,
      ...(r.error ? { error: errorToJSON(rebuildError(r.error), root) } : {}),
    }),
  );
  return { version: reportVersion, ok: hosts.every((h) => h.ok), out: run.out, workers: run.workers, ms: run.ms, hosts };
}

/** `HOST  STATUS  OPTIONS  FILES  TIME`, numbers right-aligned; `paint` colours the status. */
export function hostTable(report: CiReport, paint: (ok: boolean, text: string) => string = (_, t) => t): string {
  const header = ["HOST", "STATUS", "OPTIONS", "FILES", "TIME"];
  const rows = report.hosts.map((h) => [h.host, h.ok ? "ok" : "FAILED", h.ok ? String(h.options) : "-", h.ok ? String(h.files.length) : "-", `${h.ms} ms`]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
  const numeric = (i: number) => i >= 2;
  const line = (cells: readonly string[], status?: boolean) =>
    cells
      .map((cell, i) => {
        const padded = numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
        return i === 1 && status !== undefined ? paint(status, padded) : padded;
      })
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map((r, i) => line(r, report.hosts[i]!.ok))].join("\n");
}

/** `::error file=…,line=…::…` for each failed host, `::warning::…` for each warning. */
export function githubAnnotations(results: readonly WorkerHostResult[], root: string): string[] {
  const lines: string[] = [];
  for (const r of results) {
    if (r.error) {
      const error = rebuildError(r.error) as Error & { code: string; hint?: string };
      if (r.error.kind === "internal") error.code = "internal-error";
      lines.push(formatGithubAnnotation(errorDiagnostic(error, root, r.host)));
    }
    for (const warning of r.warnings) lines.push(`::warning title=${r.host}::${warning.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}`);
  }
  return lines;
}
