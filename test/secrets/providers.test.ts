// The providers behind one interface: 1Password through a fake client with the SDK's shape
// (resolution, batching, each error kind, rate-limit backoff, bad tokens), env and local file.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AuthExpiredError, RateLimitExceededError, type ResolveAllResponse, type ResolveReferenceError } from "@1password/sdk";
import { describe, expect, test } from "vitest";
import { selectProvider } from "../../src/secrets/providers/index.ts";
import { envProvider, envVariableName, fileProvider } from "../../src/secrets/providers/local.ts";
import { onePasswordProvider, type OnePasswordClient } from "../../src/secrets/providers/onepassword.ts";
import { SecretProviderError } from "../../src/secrets/providers/types.ts";

type Answer = { secret: string } | ResolveReferenceError;

/** A fake SDK client: answers per reference, scripted failures per call, every call recorded. */
class FakeClient implements OnePasswordClient {
  readonly calls: string[][] = [];
  constructor(
    private readonly answers: Record<string, Answer>,
    private readonly failures: unknown[] = [],
  ) {}
  readonly secrets = {
    resolveAll: async (references: string[]): Promise<ResolveAllResponse> => {
      this.calls.push([...references]);
      const failure = this.failures.shift();
      if (failure) throw failure;
      const individualResponses: ResolveAllResponse["individualResponses"] = {};
      for (const ref of references) {
        const answer = this.answers[ref];
        individualResponses[ref] =
          answer === undefined ? { error: { type: "itemNotFound" } } : "secret" in answer ? { content: { secret: answer.secret, itemId: "i", vaultId: "v" } } : { error: answer };
      }
      return { individualResponses };
    },
  };
}

function provider(client: FakeClient, options: { sleeps?: number[]; retries?: number; batchSize?: number } = {}) {
  return onePasswordProvider({
    token: "ops_fake",
    connect: async () => client,
    sleep: async (ms) => void options.sleeps?.push(ms),
    retries: options.retries,
    batchSize: options.batchSize,
  });
}

const req = (name: string, reference: string) => ({ name, reference });

describe("1Password provider", () => {
  test("resolves a batch, each distinct reference once", async () => {
    const client = new FakeClient({ "op://v/a/f": { secret: "alpha" }, "op://v/b/f": { secret: "beta" } });
    const result = await provider(client).resolveAll([req("a", "op://v/a/f"), req("b", "op://v/b/f"), req("a-again", "op://v/a/f")]);
    expect(Object.fromEntries(result)).toEqual({ a: { ok: true, value: "alpha" }, b: { ok: true, value: "beta" }, "a-again": { ok: true, value: "alpha" } });
    expect(client.calls).toEqual([["op://v/a/f", "op://v/b/f"]]);
  });

  test("splits large batches", async () => {
    const client = new FakeClient({ "op://v/a/f": { secret: "1" }, "op://v/b/f": { secret: "2" }, "op://v/c/f": { secret: "3" } });
    await provider(client, { batchSize: 2 }).resolveAll(["a", "b", "c"].map((n) => req(n, `op://v/${n}/f`)));
    expect(client.calls).toEqual([["op://v/a/f", "op://v/b/f"], ["op://v/c/f"]]);
  });

  test.each([
    [{ type: "vaultNotFound" }, "vault-not-found", "no vault matches op://v/x/f, or the service account cannot read it"],
    [{ type: "itemNotFound" }, "item-not-found", "the vault has no item matching op://v/x/f, or the service account cannot read it"],
    [{ type: "fieldNotFound" }, "field-not-found", "the item has no field matching op://v/x/f"],
    [{ type: "noMatchingSections" }, "field-not-found", "the item has no section matching op://v/x/f"],
    [{ type: "tooManyItems" }, "ambiguous", "op://v/x/f matches more than one item; refer to it by ID"],
    [{ type: "tooManyMatchingFields" }, "ambiguous", "op://v/x/f matches more than one field; refer to it by ID"],
    [{ type: "parsing", message: "bad" }, "invalid-reference", "1Password could not parse op://v/x/f (bad)"],
    [{ type: "unableToGenerateTotpCode" }, "unreadable", "1Password could not read op://v/x/f: unableToGenerateTotpCode"],
  ] as Array<[ResolveReferenceError, string, string]>)("%j is reported as %s", async (error, kind, message) => {
    const result = await provider(new FakeClient({ "op://v/x/f": error })).resolveAll([req("x", "op://v/x/f")]);
    expect(result.get("x")).toEqual({ ok: false, kind, message });
  });

  test("backs off exponentially on rate limits, then succeeds", async () => {
    const sleeps: number[] = [];
    const limited = () => new RateLimitExceededError("rate limit exceeded");
    const client = new FakeClient({ "op://v/a/f": { secret: "alpha" } }, [limited(), limited(), limited()]);
    const result = await provider(client, { sleeps }).resolveAll([req("a", "op://v/a/f")]);
    expect(result.get("a")).toEqual({ ok: true, value: "alpha" });
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(client.calls).toHaveLength(4);
  });

  test("gives up after its retries with a rate-limited error", async () => {
    const sleeps: number[] = [];
    const client = new FakeClient({}, Array.from({ length: 5 }, () => new RateLimitExceededError("rate limit exceeded")));
    const error = await provider(client, { sleeps, retries: 2 }).resolveAll([req("a", "op://v/a/f")]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretProviderError);
    expect(error).toMatchObject({ code: "rate-limited", message: "1Password kept refusing with a rate limit after 3 attempts." });
    expect(sleeps).toEqual([1000, 2000]);
  });

  test("a malformed or revoked token is a bad-token error", async () => {
    const malformed = onePasswordProvider({ token: "garbage", connect: async () => Promise.reject(new Error("invalid user input: encountered the following errors: service account token had invalid format")) });
    await expect(malformed.resolveAll([req("a", "op://v/a/f")])).rejects.toMatchObject({ code: "bad-token", hint: expect.stringContaining("OP_SERVICE_ACCOUNT_TOKEN") });
    const expired = provider(new FakeClient({}, [new AuthExpiredError("auth expired")]));
    await expect(expired.resolveAll([req("a", "op://v/a/f")])).rejects.toMatchObject({ code: "bad-token" });
  });

  test("other failures say what failed", async () => {
    const broken = provider(new FakeClient({}, [new Error("getaddrinfo ENOTFOUND my.1password.com")]));
    await expect(broken.resolveAll([req("a", "op://v/a/f")])).rejects.toMatchObject({ code: "provider-failed", message: "1Password could not be reached or failed: getaddrinfo ENOTFOUND my.1password.com" });
  });

  test("the real SDK rejects a malformed token offline", async () => {
    const real = onePasswordProvider({ token: "garbage" });
    await expect(real.resolveAll([req("a", "op://v/a/f")])).rejects.toMatchObject({ code: "bad-token" });
  });
});

describe("local providers", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "panther-secrets-"));

  test("file: values by name; a missing file or name is 'missing', not a crash", async () => {
    const file = path.join(dir, "secrets.json");
    fs.writeFileSync(file, JSON.stringify({ a: "alpha", n: 3 }));
    const result = await fileProvider(file).resolveAll([req("a", "op://v/a/f"), req("b", "op://v/b/f"), req("n", "op://v/n/f")]);
    expect(Object.fromEntries(result)).toEqual({
      a: { ok: true, value: "alpha" },
      b: { ok: false, kind: "missing", message: `no \`b' in ${file}` },
      n: { ok: false, kind: "unreadable", message: `\`n' in ${file} is not a string` },
    });
    const absent = await fileProvider(path.join(dir, "none.json")).resolveAll([req("a", "op://v/a/f")]);
    expect(absent.get("a")).toMatchObject({ ok: false, kind: "missing" });
  });

  test("file: invalid JSON is reported without quoting the file", async () => {
    const file = path.join(dir, "broken.json");
    fs.writeFileSync(file, '{ "a": "s3cr3t-value" ');
    const error = await fileProvider(file).resolveAll([req("a", "op://v/a/f")]).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: "unreadable-source", message: `${file} is not valid JSON.` });
    expect(JSON.stringify(error)).not.toContain("s3cr3t");
  });

  test("env: PANTHER_SECRET_<NAME>", async () => {
    expect(envVariableName("tailscale-auth-key")).toBe("PANTHER_SECRET_TAILSCALE_AUTH_KEY");
    const result = await envProvider({ PANTHER_SECRET_A_B: "v" }).resolveAll([req("a-b", "op://v/a/f"), req("c", "op://v/c/f")]);
    expect(Object.fromEntries(result)).toEqual({ "a-b": { ok: true, value: "v" }, c: { ok: false, kind: "missing", message: "PANTHER_SECRET_C is not set" } });
  });

  test("selection: 1Password whenever the token is set, else the local file", () => {
    expect(selectProvider({ env: { OP_SERVICE_ACCOUNT_TOKEN: "ops_x" }, root: dir }).name).toBe("1password");
    expect(selectProvider({ env: {}, root: dir })).toMatchObject({ name: "file", source: path.join(dir, ".panther/secrets.json") });
    expect(selectProvider({ env: { PANTHER_SECRETS_FILE: "/x.json" }, root: dir }).source).toBe("/x.json");
    expect(selectProvider({ env: { OP_SERVICE_ACCOUNT_TOKEN: "ops_x" }, root: dir, provider: "env" }).name).toBe("env");
    expect(() => selectProvider({ env: {}, root: dir, provider: "1password" })).toThrow("OP_SERVICE_ACCOUNT_TOKEN is not set.");
  });
});
