// How errors look: rustc-style text with code frames read from disk, one JSON object per error,
// and a one-line `file(line,col): error CODE: message` form for editors and CI annotations.

import fs from "node:fs";
import path from "node:path";
import pc from "picocolors";
import { isPantherError, type PantherError, type RelatedLocation } from "../core/errors.ts";
import { OutputError } from "../io/output.ts";
import { CliError } from "./errors.ts";

export type Colors = ReturnType<typeof pc.createColors>;
/** `compact` prints errors as `file(line,col): error CODE: message` lines (formatErrorLine). */
export type OutputFormat = "text" | "json" | "compact";

/** The parts of a stream that decide about colour. */
export interface ColorTarget {
  readonly isTTY?: boolean;
}

/**
 * Whether to colour a stream. Precedence: `--no-color`, then NO_COLOR (any non-empty value, see
 * no-color.org), then FORCE_COLOR (except "0"/"false"), then whether the stream is a terminal.
 */
export function colorEnabled(stream: ColorTarget, env: Readonly<Record<string, string | undefined>>, flag = true): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return stream.isTTY === true;
}

export function colorsFor(stream: ColorTarget, env: Readonly<Record<string, string | undefined>>, flag = true): Colors {
  return pc.createColors(colorEnabled(stream, env, flag));
}

/** Errors that are the user's to fix (exit 1); anything else is a bug in panther (exit 2). */
export function isUserError(error: unknown): error is PantherError | CliError | OutputError {
  return isPantherError(error) || error instanceof CliError || error instanceof OutputError;
}

export function exitCodeFor(error: unknown): 1 | 2 {
  return isUserError(error) ? 1 : 2;
}

export interface RenderOptions {
  /** Project root: locations and paths in messages are shown relative to it. */
  readonly root: string;
  readonly colors: Colors;
}

// ---------------------------------------------------------------- text

/** The text rendering of any error, ending with a newline. */
export function renderError(error: unknown, options: RenderOptions): string {
  if (isPantherError(error)) return renderPantherError(error, options);
  if (error instanceof CliError || error instanceof OutputError) return renderSimple(error, options);
  return renderInternal(error, options.colors);
}

/** `error[code]: headline`, a code frame per location, the rest of the message, and the hint. */
export function renderPantherError(error: PantherError, options: RenderOptions): string {
  const { colors: c } = options;
  const [headline = "", ...rest] = relativizeText(error.message, options.root).split("\n");
  const parts = [`${c.bold(c.red(`error[${error.code}]`))}${c.bold(`: ${headline}`)}`];
  const sources = new SourceCache();
  for (const location of error.locations) parts.push(codeFrame(location, options, sources));
  const body = trimBlankEdges(rest).join("\n");
  if (body) parts.push(body);
  // Core messages often end with the same "Did you mean" the hint carries: say it once.
  if (error.hint && !body.includes(error.hint)) parts.push(`${c.bold(c.cyan("hint"))}: ${relativizeText(error.hint, options.root)}`);
  return `${parts.join("\n")}\n`;
}

function renderSimple(error: CliError | OutputError, options: RenderOptions): string {
  const { colors: c } = options;
  const [headline = "", ...rest] = relativizeText(error.message, options.root).split("\n");
  const parts = [`${c.bold(c.red(`error[${error.code}]`))}${c.bold(`: ${headline}`)}`];
  if (error instanceof CliError && error.file) parts.push(`  ${c.blue("-->")} ${relativePath(error.file, options.root)}`);
  if (rest.length > 0) parts.push(rest.join("\n"));
  if (error.hint) parts.push(`${c.bold(c.cyan("hint"))}: ${relativizeText(error.hint, options.root)}`);
  return `${parts.join("\n")}\n`;
}

function renderInternal(error: unknown, c: Colors): string {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return `${c.bold(c.red("internal error:"))} ${detail}\nThis is a bug in panther; please report it with the command you ran.\n`;
}

/**
 * A rustc-style frame: `--> file:line:col`, the source line with its number, and a caret under
 * the column labelled with the location's role. Without a readable line only the arrow is shown.
 */
export function codeFrame(location: RelatedLocation, options: RenderOptions, sources: SourceLines = new SourceCache()): string {
  const { colors: c } = options;
  const where = [relativePath(location.file, options.root), location.line, location.line !== undefined ? location.column : undefined]
    .filter((p) => p !== undefined)
    .join(":");
  const label = location.detail ? `${location.role}: ${location.detail}` : location.role;
  const text = location.line !== undefined ? sources.line(location.file, location.line) : undefined;
  if (text === undefined || location.line === undefined) return `  ${c.blue("-->")} ${where}${label ? c.dim(` (${label})`) : ""}`;
  const number = String(location.line);
  const pad = " ".repeat(number.length);
  const gutter = (n: string) => c.blue(`${n} |`);
  const start = caretStart(text, location.column);
  const width = tokenWidth(text, start);
  // Keep tabs in the padding so the caret lines up under tab-indented code.
  const padding = text.slice(0, start).replace(/[^\t]/g, " ");
  return [
    `${pad}${c.blue("-->")} ${where}`,
    gutter(pad),
    `${gutter(number)} ${text}`,
    `${gutter(pad)} ${padding}${c.red(c.bold("^".repeat(width)))}${label ? ` ${c.red(label)}` : ""}`,
  ].join("\n");
}

/** Column is 1-based; without one, point at the first non-blank character. */
function caretStart(text: string, column: number | undefined): number {
  if (column !== undefined && column >= 1) return Math.min(column - 1, text.length);
  const first = text.search(/\S/);
  return first < 0 ? 0 : first;
}

/** Underline the identifier (or call like `defineModule`) at the column, else one character. */
function tokenWidth(text: string, start: number): number {
  const match = /^[A-Za-z0-9_$]+/.exec(text.slice(start));
  return match ? match[0].length : 1;
}

/** Where code frames get their lines (the disk, or e.g. the git index for `check --staged`). */
export interface SourceLines {
  line(file: string, line: number): string | undefined;
}

/** Source lines read once per file for a render; unreadable files give no frame, not an error. */
export class SourceCache implements SourceLines {
  private readonly files = new Map<string, string[] | undefined>();

  line(file: string, line: number): string | undefined {
    if (!this.files.has(file)) this.files.set(file, readLines(file));
    const text = this.files.get(file)?.[line - 1];
    return text === undefined ? undefined : text.replace(/\r$/, "");
  }
}

function readLines(file: string): string[] | undefined {
  try {
    return fs.readFileSync(file, "utf8").split("\n");
  } catch {
    return undefined;
  }
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === "") start++;
  while (end > start && lines[end - 1]!.trim() === "") end--;
  return lines.slice(start, end);
}

// ---------------------------------------------------------------- paths

/** A path relative to the project root when it lies inside it; otherwise unchanged. */
export function relativePath(file: string, root: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(root, file);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? file : rel.split(path.sep).join("/");
}

/** Messages embed absolute file names (``In `/abs/modules/x.ts:4'``); show them relative too. */
export function relativizeText(text: string, root: string): string {
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  if (prefix === path.sep) return text;
  return text.split(prefix).join("");
}

// ---------------------------------------------------------------- JSON and one-line forms

/** The JSON object for one error: the error's own `toJSON()` with paths relative to the root. */
export function errorToJSON(error: unknown, root: string): Record<string, unknown> {
  if (isPantherError(error) || error instanceof CliError || error instanceof OutputError) {
    const data = error.toJSON();
    const locations = (data.locations as { file: string }[] | undefined) ?? [];
    return {
      ...data,
      message: relativizeText(error.message, root),
      hint: error.hint === undefined ? undefined : relativizeText(error.hint, root),
      locations: locations.map((l) => ({ ...l, file: relativePath(l.file, root) })),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "internal-error", message, stack: error instanceof Error ? error.stack : undefined, locations: [] };
}

/**
 * `file(line,col): error CODE: first line of the message`, the form editors' problem matchers
 * and CI annotations read. Errors without a location start at `error`.
 */
export function formatErrorLine(error: unknown, root: string): string {
  const data = errorToJSON(error, root);
  const code = String(data.code);
  const message = String(data.message).split("\n")[0];
  const first = (data.locations as { file: string; line?: number; column?: number }[])[0];
  const severity = `error ${code}: ${message}`;
  if (!first) return severity;
  const position = first.line === undefined ? "" : first.column === undefined ? `(${first.line})` : `(${first.line},${first.column})`;
  return `${first.file}${position}: ${severity}`;
}

/** Render one error in the chosen format (JSON: one line, for NDJSON consumers). */
export function renderDiagnostic(error: unknown, format: OutputFormat, options: RenderOptions, extra: Record<string, unknown> = {}): string {
  if (format === "json") return `${JSON.stringify({ ...extra, ...errorToJSON(error, options.root) })}\n`;
  if (format === "compact") return `${formatErrorLine(error, options.root)}\n`;
  return renderError(error, options);
}
