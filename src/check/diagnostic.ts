// What `panther check` finds: one record per problem (stable code, file:line:col relative to the
// project root, message, fix hint), the registry of rule codes, and the two plain-text renderings.

export type Severity = "error" | "warning";

export interface CheckDiagnostic {
  /** A rule code below, `TS<n>` for the type checker, or a PantherError code from evaluation. */
  readonly code: string;
  readonly severity: Severity;
  /** Path relative to the project root, with `/` separators. */
  readonly file: string;
  /** 1-based; absent only when the problem has no position (e.g. a tsconfig error). */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  readonly hint?: string;
  /** The host whose evaluation found it. */
  readonly host?: string;
}

/** The structural rules, by code. The code is part of panther's interface: never rename one. */
export const ruleCodes = {
  "module-export": "each file in modules/ and home/ default-exports exactly one module, made with defineModule",
  "module-io": "modules do no I/O: no file system, process, network or environment access",
  "module-imports-host": "modules import nothing from hosts/",
  "option-description": "every option (mkOption call) has a non-empty description",
  "option-any": "option declarations do not use untyped types (types.anything, types.unspecified, types.raw) or `any`",
  "unknown-secret": "secret(\"name\") names a key of the object passed to defineSecrets in secrets-mapping.ts",
} as const;

export type RuleCode = keyof typeof ruleCodes;

/** Other codes check reports besides rules, type errors and evaluation errors. */
export const checkCodes = {
  "nix-parse": "an emitted .nix file does not parse",
  "host-failed": "a host could not be evaluated for a reason that has no source location",
} as const;

/** Errors first, then by file, position and code, so that output is stable across runs. */
export function sortDiagnostics(diagnostics: readonly CheckDiagnostic[]): CheckDiagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      Number(a.severity !== "error") - Number(b.severity !== "error") ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

/**
 * `file(line,col): error CODE: message`, the form tsc prints with `--pretty false` and that
 * editors' and CI problem matchers read. Only the message's first line is kept.
 */
export function formatCompact(d: CheckDiagnostic): string {
  const position = d.line === undefined ? "" : d.column === undefined ? `(${d.line})` : `(${d.line},${d.column})`;
  return `${d.file}${position}: ${d.severity} ${d.code}: ${firstLine(d.message)}`;
}

/**
 * A GitHub Actions workflow command: `::error file=F,line=L,col=C,title=CODE::message`. Data is
 * escaped as the runner expects (`%`, CR, LF; and `:` `,` in properties).
 */
export function formatGithubAnnotation(d: CheckDiagnostic): string {
  const props = [`file=${escapeProperty(d.file)}`];
  if (d.line !== undefined) props.push(`line=${d.line}`);
  if (d.column !== undefined) props.push(`col=${d.column}`);
  props.push(`title=${escapeProperty(d.host ? `${d.code} (${d.host})` : d.code)}`);
  const body = d.hint ? `${d.message}\n${d.hint}` : d.message;
  return `::${d.severity} ${props.join(",")}::${escapeData(body)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}
