// CliError: a mistake in how panther was called or in the project around the modules (no
// flake.ts, an unknown host or option path). Reported like a PantherError, exit code 1.

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
    /** The file the problem is in (e.g. flake.ts), shown as the error's location. */
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CliError";
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, locations: this.file ? [{ file: this.file, role: "file" }] : [], hint: this.hint };
  }
}

export function isCliError(error: unknown): error is CliError {
  return error instanceof CliError;
}
