// Resolving the secrets a host needs through a provider: values are registered with the redactor
// the moment they arrive, and the report keeps only names, references and what went wrong.

import type { SecretEntry } from "./mapping.ts";
import type { Redactor } from "./redact.ts";
import type { FailureKind, SecretProvider } from "./providers/types.ts";

/** What `secrets check` reports for one secret: never its value. */
export interface SecretStatus {
  readonly name: string;
  readonly reference: string;
  readonly ok: boolean;
  readonly kind?: FailureKind;
  readonly message?: string;
}

export interface Resolved {
  readonly statuses: readonly SecretStatus[];
  /** The values by name, for `materialize` only; `check` drops them. */
  readonly values: ReadonlyMap<string, string>;
}

export async function resolveEntries(provider: SecretProvider, entries: readonly SecretEntry[], redactor: Redactor): Promise<Resolved> {
  const results = await provider.resolveAll(entries.map((e) => ({ name: e.name, reference: e.reference })));
  const values = new Map<string, string>();
  // Every value is registered before any message is kept, so no message can carry one.
  for (const result of results.values()) if (result.ok) redactor.add(result.value);
  const statuses = entries.map((e): SecretStatus => {
    const result = results.get(e.name);
    if (result === undefined) return { name: e.name, reference: e.reference, ok: false, kind: "unreadable", message: `${provider.name} returned no result` };
    if (!result.ok) return { name: e.name, reference: e.reference, ok: false, kind: result.kind, message: redactor.redact(result.message) };
    values.set(e.name, result.value);
    return { name: e.name, reference: e.reference, ok: true };
  });
  return { statuses, values };
}
