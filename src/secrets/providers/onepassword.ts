// The 1Password provider: a service-account client from @1password/sdk, references resolved in
// batches with `resolveAll`, rate limits retried with exponential backoff, errors said plainly.

import type { ResolveAllResponse, ResolveReferenceError } from "@1password/sdk";
import { SecretProviderError, type FailureKind, type Resolution, type SecretProvider, type SecretRequest } from "./types.ts";

/** The part of the SDK client panther uses; tests pass a fake with the same shape. */
export interface OnePasswordClient {
  readonly secrets: { resolveAll(references: string[]): Promise<ResolveAllResponse> };
}

/** Make a client from a service-account token (the SDK's `createClient` by default). */
export type OnePasswordConnect = (token: string) => Promise<OnePasswordClient>;

export interface OnePasswordOptions {
  /** A service-account token (`OP_SERVICE_ACCOUNT_TOKEN`). */
  readonly token: string;
  readonly connect?: OnePasswordConnect;
  /** Waits between retries (injectable so tests do not sleep). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Retries after a rate-limit error before giving up (default 5: waits of 1, 2, 4, 8, 16 s). */
  readonly retries?: number;
  readonly baseDelayMs?: number;
  /** References per `resolveAll` call (default 100). */
  readonly batchSize?: number;
}

export const tokenVariable = "OP_SERVICE_ACCOUNT_TOKEN";

const tokenHint =
  `Check ${tokenVariable}: it must be a service-account token (ops_…) that is neither revoked nor expired; ` +
  "create one with `op service-account create` or on 1Password.com (see docs/secrets.md).";

/** The SDK's own client, loaded on first use (its WASM core costs ~150 ms to load). */
export const connectWithSdk: OnePasswordConnect = async (token) => {
  const sdk = await import("@1password/sdk");
  return sdk.createClient({ auth: token, integrationName: "panther", integrationVersion: "0.1.0" });
};

export function onePasswordProvider(options: OnePasswordOptions): SecretProvider {
  const connect = options.connect ?? connectWithSdk;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const retries = options.retries ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const batchSize = options.batchSize ?? 100;
  let client: Promise<OnePasswordClient> | undefined;

  async function resolveBatch(references: string[]): Promise<ResolveAllResponse> {
    const connected = await (client ??= connect(options.token).catch((error: unknown) => {
      client = undefined;
      throw clientError(error);
    }));
    for (let attempt = 0; ; attempt++) {
      try {
        return await connected.secrets.resolveAll(references);
      } catch (error) {
        if (!isSdkError(error, "RateLimitExceededError")) throw clientError(error);
        if (attempt >= retries) {
          throw new SecretProviderError(
            "rate-limited",
            `1Password kept refusing with a rate limit after ${retries + 1} attempts.`,
            "Service accounts may read 1,000 (Teams) or 10,000 (Business) items per hour; wait, or check fewer hosts at once.",
            { cause: error },
          );
        }
        await sleep(baseDelayMs * 2 ** attempt);
      }
    }
  }

  return {
    name: "1password",
    source: `1Password service account (${tokenVariable})`,
    async resolveAll(requests: readonly SecretRequest[]): Promise<Map<string, Resolution>> {
      // Several names may share one reference: each reference is read once.
      const references = [...new Set(requests.map((r) => r.reference))].sort();
      const byReference = new Map<string, Resolution>();
      for (let start = 0; start < references.length; start += batchSize) {
        const batch = references.slice(start, start + batchSize);
        const response = await resolveBatch(batch);
        for (const reference of batch) byReference.set(reference, toResolution(reference, response.individualResponses[reference]));
      }
      return new Map(requests.map((r) => [r.name, byReference.get(r.reference)!]));
    },
  };
}

function toResolution(reference: string, response: ResolveAllResponse["individualResponses"][string] | undefined): Resolution {
  if (response?.content !== undefined) return { ok: true, value: response.content.secret };
  if (response?.error === undefined) return { ok: false, kind: "unreadable", message: `1Password returned nothing for ${reference}` };
  const [kind, message] = describeFailure(reference, response.error);
  return { ok: false, kind, message };
}

/** The per-reference error kinds of the SDK (`ResolveReferenceError`), in panther's words. */
function describeFailure(reference: string, error: ResolveReferenceError): [FailureKind, string] {
  const detail = error.message ? ` (${error.message})` : "";
  const access = "or the service account cannot read it";
  switch (error.type) {
    case "parsing":
      return ["invalid-reference", `1Password could not parse ${reference}${detail}`];
    case "vaultNotFound":
      return ["vault-not-found", `no vault matches ${reference}, ${access}`];
    case "itemNotFound":
      return ["item-not-found", `the vault has no item matching ${reference}, ${access}`];
    case "fieldNotFound":
      return ["field-not-found", `the item has no field matching ${reference}${detail}`];
    case "noMatchingSections":
      return ["field-not-found", `the item has no section matching ${reference}${detail}`];
    case "tooManyVaults":
    case "tooManyItems":
    case "tooManyMatchingFields":
      return ["ambiguous", `${reference} matches more than one ${error.type.slice("tooMany".length).replace("MatchingFields", "field").replace(/s$/, "").toLowerCase()}; refer to it by ID`];
    default:
      return ["unreadable", `1Password could not read ${reference}: ${error.type}${detail}`];
  }
}

/** The SDK's error classes carry no `name`; their constructor names are stable. */
function isSdkError(error: unknown, className: string): boolean {
  return error instanceof Error && error.constructor.name === className;
}

function clientError(error: unknown): SecretProviderError {
  if (error instanceof SecretProviderError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (isSdkError(error, "AuthExpiredError") || /service account token|invalid user input|unauthori[sz]ed/i.test(message)) {
    return new SecretProviderError("bad-token", `1Password rejected the service-account token: ${message}`, tokenHint, { cause: error });
  }
  return new SecretProviderError("provider-failed", `1Password could not be reached or failed: ${message}`, "Check the network and 1Password's status; `panther build` itself needs neither.", {
    cause: error,
  });
}
