// The resolver interface every secret provider implements: a batch of named references in, one
// result per name out. A failure of one secret is a result; a failure of the whole provider is thrown.

/** One secret to resolve: its logical name (from the mapping) and its 1Password reference. */
export interface SecretRequest {
  readonly name: string;
  readonly reference: string;
}

/** Why one secret could not be read. */
export type FailureKind =
  | "missing"
  | "vault-not-found"
  | "item-not-found"
  | "field-not-found"
  | "ambiguous"
  | "invalid-reference"
  | "unreadable";

export type Resolution = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly kind: FailureKind; readonly message: string };

export interface SecretProvider {
  /** Short name for reports: "1password", "env", "file". */
  readonly name: string;
  /** Where values come from, for reports (never a value). */
  readonly source: string;
  /** Resolve every request in as few calls as possible; the map has one entry per request name. */
  resolveAll(requests: readonly SecretRequest[]): Promise<Map<string, Resolution>>;
}

export type ProviderErrorCode = "bad-token" | "rate-limited" | "provider-failed" | "unreadable-source";

/** The provider as a whole cannot answer (bad token, rate limit after retries, unreadable file). */
export class SecretProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SecretProviderError";
  }
}

export function missing(message: string): Resolution {
  return { ok: false, kind: "missing", message };
}
