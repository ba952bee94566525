// Source locations: where a module or declaration was written, captured from the V8 call stack.
// Captured once per module (not per definition) so that evaluation stays cheap.

import { fileURLToPath } from "node:url";

export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  return loc.column === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.column}`;
}

const engineDir = fileURLToPath(new URL("..", import.meta.url));

const framePattern = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

/**
 * The first stack frame outside panther's engine (`src/`), i.e. the user's line that called the
 * API function. The formatted `stack` string is parsed rather than V8 call sites because only the
 * string goes through the source maps of tsx and vitest (call sites give transpiled positions).
 */
export function captureCallerLocation(): SourceLocation | undefined {
  const originalLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 12;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, captureCallerLocation);
  Error.stackTraceLimit = originalLimit;
  for (const line of (holder.stack ?? "").split("\n").slice(1)) {
    const match = framePattern.exec(line.trim());
    if (!match) continue;
    const raw = match[1]!;
    const file = raw.startsWith("file:") ? fileURLToPath(raw) : raw;
    if (file.startsWith(engineDir) || file.startsWith("node:") || !file.startsWith("/")) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
