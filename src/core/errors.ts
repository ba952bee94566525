// PantherError: every evaluation error, with a stable code and the locations involved.
// Messages follow NixOS' wording (so Nix users recognise them) but list file:line for each definition.

import { formatLocation, type SourceLocation } from "./location.ts";

export const errorCodes = [
  "undefined-option",
  "conflicting-definitions",
  "type-mismatch",
  "no-value",
  "read-only",
  "non-boolean-condition",
  "infinite-recursion",
  "duplicate-declaration",
  "failed-assertion",
  "invalid-definition",
  "invalid-module",
  "unknown-host",
  // Host checks (src/compile/checks): mistakes that evaluate fine but would fail on the machine.
  "invalid-disk-layout",
  "conflicting-mount",
  "boot-loader",
  "firmware-mismatch",
  "persistence",
  "wrong-vendor",
  "invalid-value",
  "unstable-device-path",
  // Hardware facts (src/facts): a nixos-facter report that does not have the shape panther reads.
  "invalid-facts",
  // Secrets (src/secrets): a name missing from secrets-mapping.ts, a malformed mapping or reference.
  "unknown-secret",
  "invalid-secret",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface RelatedLocation extends SourceLocation {
  /** What this location is: "definition", "declaration", "module". */
  readonly role: string;
  readonly detail?: string;
}

export interface PantherErrorInit {
  readonly code: ErrorCode;
  readonly message: string;
  /** The option path concerned, when there is one. */
  readonly optionPath?: readonly string[];
  readonly locations?: readonly RelatedLocation[];
  readonly hint?: string;
}

export class PantherError extends Error {
  readonly code: ErrorCode;
  readonly optionPath: readonly string[] | undefined;
  readonly locations: readonly RelatedLocation[];
  readonly hint: string | undefined;

  constructor(init: PantherErrorInit) {
    super(init.message);
    this.name = "PantherError";
    this.code = init.code;
    this.optionPath = init.optionPath;
    this.locations = init.locations ?? [];
    this.hint = init.hint;
  }

  /** Plain data for `--format json`. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      option: this.optionPath?.join("."),
      locations: this.locations.map((l) => ({ ...l })),
      hint: this.hint,
    };
  }
}

export function isPantherError(error: unknown): error is PantherError {
  return error instanceof PantherError;
}

/** `showOption`: the dotted option name, quoting components that are not identifiers. */
export function showOption(path: readonly string[]): string {
  return path.map((p) => (/^[A-Za-z_][A-Za-z0-9_'-]*$|^\*$|^<.*>$|^\[.*\]$/.test(p) ? p : JSON.stringify(p))).join(".");
}

export { formatLocation };
