// What the `panther ci` main thread and its workers say to each other (structured-cloned, so
// errors travel as plain data and are rebuilt on the main thread for rendering).

import { PantherError, isPantherError, type ErrorCode, type RelatedLocation } from "../core/errors.ts";
import { CliError } from "../cli/errors.ts";
import type { EmittedFile } from "../compile/project.ts";

export interface WorkerInput {
  /** The project root the worker loads flake.ts from. */
  readonly root: string;
}

export type ToWorker = { readonly type: "compile"; readonly host: string } | { readonly type: "exit" };

export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "load-failed"; readonly error: SerializedError }
  | { readonly type: "result"; readonly result: WorkerHostResult };

export interface WorkerHostResult {
  readonly host: string;
  readonly ok: boolean;
  readonly files: readonly EmittedFile[];
  readonly optionCount: number;
  readonly warnings: readonly string[];
  readonly ms: number;
  readonly error?: SerializedError;
}

export interface SerializedError {
  readonly kind: "panther" | "cli" | "internal";
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly optionPath?: readonly string[];
  readonly locations: readonly RelatedLocation[];
  readonly file?: string;
  readonly stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (isPantherError(error)) {
    return { kind: "panther", code: error.code, message: error.message, hint: error.hint, optionPath: error.optionPath, locations: error.locations.map((l) => ({ ...l })) };
  }
  if (error instanceof CliError) return { kind: "cli", code: error.code, message: error.message, hint: error.hint, file: error.file, locations: [] };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "internal", code: "internal-error", message, locations: [], stack: error instanceof Error ? error.stack : undefined };
}

/** The error as the main thread's renderers expect it (a plain Error for a bug in panther). */
export function rebuildError(data: SerializedError): Error {
  if (data.kind === "panther") {
    return new PantherError({ code: data.code as ErrorCode, message: data.message, hint: data.hint, optionPath: data.optionPath, locations: data.locations });
  }
  if (data.kind === "cli") return new CliError(data.code, data.message, data.hint, data.file);
  const error = new Error(data.message);
  if (data.stack) error.stack = data.stack;
  return error;
}
