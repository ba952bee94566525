// 1Password secret references (`op://<vault>/<item>[/<section>]/<field>[?query]`), parsed offline.
// Stricter than the SDK's own validator (never accepts what it rejects), with messages that say what to fix.

/** A parsed reference. Names match case-insensitively in 1Password; they are kept as written. */
export interface SecretReference {
  readonly vault: string;
  readonly item: string;
  readonly section?: string;
  readonly field: string;
  /** `attribute=otp|totp` (a current one-time code) or `ssh-format=openssh` (an SSH private key). */
  readonly query?: { readonly name: "attribute" | "ssh-format"; readonly value: string };
}

export type ReferenceCheck = { readonly ok: true; readonly reference: SecretReference } | { readonly ok: false; readonly problem: string; readonly hint?: string };

const scheme = "op://";

/** Characters 1Password allows in a name inside a reference; other names must be written as IDs. */
const nameCharacter = /^[A-Za-z0-9 ._-]$/;

/** The query parameters the SDK accepts, with their values (exact case). */
const queryValues: Readonly<Record<string, readonly string[]>> = {
  attribute: ["otp", "totp"],
  "ssh-format": ["openssh"],
};

const segmentNames = ["vault", "item", "section", "field"] as const;

/** Parse `text`, or say precisely what is wrong with it. */
export function checkSecretReference(text: string): ReferenceCheck {
  if (!text.startsWith(scheme)) return badScheme(text);
  const [body = "", query, ...extra] = text.slice(scheme.length).split("?");
  if (extra.length > 0) return { ok: false, problem: "it has more than one `?`", hint: "A reference takes one query parameter, e.g. `?attribute=otp`." };
  const segments = body.split("/");
  if (segments.length < 3 || segments.length > 4) {
    return {
      ok: false,
      problem: `it has ${segments.length} part${segments.length === 1 ? "" : "s"} after op:// where 3 or 4 are expected`,
      hint: "Write op://<vault>/<item>/<field> or op://<vault>/<item>/<section>/<field>; use an ID for a name that contains `/`.",
    };
  }
  const roles = segments.length === 3 ? ["vault", "item", "field"] : segmentNames;
  for (const [i, segment] of segments.entries()) {
    const problem = checkName(segment, roles[i]!);
    if (problem) return { ok: false, ...problem };
  }
  const parsedQuery = query === undefined ? undefined : parseQuery(query);
  if (parsedQuery && "problem" in parsedQuery) return { ok: false, ...parsedQuery };
  const [vault, item, ...rest] = segments as [string, string, ...string[]];
  const field = rest.at(-1)!;
  const section = rest.length === 2 ? rest[0] : undefined;
  return { ok: true, reference: { vault, item, field, ...(section !== undefined && { section }), ...(parsedQuery && { query: parsedQuery }) } };
}

/** True when `text` is a well-formed reference. */
export function isSecretReference(text: string): boolean {
  return checkSecretReference(text).ok;
}

function badScheme(text: string): ReferenceCheck {
  // The fleet's own mistake: `op:pantherOS/…` (a56af01 fixed three of them).
  if (/^op:(?!\/\/)/i.test(text)) {
    const fixed = `${scheme}${text.slice(3).replace(/^\/+/, "")}`;
    return { ok: false, problem: "it starts with `op:` instead of `op://`", hint: `Write ${JSON.stringify(fixed)}.` };
  }
  if (text.toLowerCase().startsWith(scheme)) return { ok: false, problem: "the scheme must be written in lower case, `op://`", hint: `Write ${JSON.stringify(scheme + text.slice(scheme.length))}.` };
  return { ok: false, problem: "it does not start with `op://`", hint: "A 1Password reference looks like op://<vault>/<item>/<field>." };
}

function checkName(segment: string, role: string): { problem: string; hint?: string } | undefined {
  if (segment === "") return { problem: `the ${role} name is empty` };
  if (segment.startsWith(" ") || segment.endsWith(" ")) return { problem: `the ${role} name ${JSON.stringify(segment)} starts or ends with a space`, hint: "Spaces inside a name are fine; at its ends they are almost always a typo." };
  const bad = [...segment].find((c) => !nameCharacter.test(c));
  if (bad !== undefined) {
    return {
      problem: `the ${role} name ${JSON.stringify(segment)} contains ${JSON.stringify(bad)}`,
      hint: "Names in a reference may only use letters, digits, spaces, `-`, `_` and `.`; refer to anything else by its ID (`op item get … --format json`).",
    };
  }
  return undefined;
}

function parseQuery(query: string): SecretReference["query"] | { problem: string; hint?: string } {
  const [name = "", value, ...more] = query.split("=");
  const allowed = queryValues[name];
  const known = Object.entries(queryValues).map(([n, vs]) => vs.map((v) => `?${n}=${v}`).join(", ")).join(", ");
  if (allowed === undefined || value === undefined || more.length > 0) return { problem: `the query \`?${query}' is not one 1Password knows`, hint: `Use one of ${known}.` };
  if (!allowed.includes(value)) return { problem: `\`${value}' is not a value of \`${name}'`, hint: `Use one of ${known}.` };
  return { name: name as "attribute" | "ssh-format", value };
}
