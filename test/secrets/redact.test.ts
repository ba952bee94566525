// Redaction: a registered value disappears from text in every form it may be printed in.

import { describe, expect, test } from "vitest";
import { Redactor, redactedMark, redactingStream } from "../../src/secrets/redact.ts";
import { resolveEntries } from "../../src/secrets/resolve.ts";
import { defineSecrets } from "panther";

describe("Redactor", () => {
  test("replaces the value, its JSON form and the lines of a multi-line value; counts hits", () => {
    const r = new Redactor();
    r.add("-----BEGIN KEY-----\nAAAAsecretbody1234\n-----END KEY-----\n");
    r.add('pa"ss');
    expect(r.redact("key: AAAAsecretbody1234")).toBe(`key: ${redactedMark}`);
    expect(r.redact(JSON.stringify({ v: 'pa"ss' }))).toBe(`{"v":"${redactedMark}"}`);
    expect(r.redact(JSON.stringify("-----BEGIN KEY-----\nAAAAsecretbody1234\n-----END KEY-----\n"))).toBe(`"${redactedMark}"`);
    expect(r.hits).toBe(3);
    expect(r.redact("nothing here")).toBe("nothing here");
    expect(r.hits).toBe(3);
  });

  test("a stream passes every chunk through it", () => {
    const r = new Redactor();
    r.add("hunter22");
    let seen = "";
    const stream = redactingStream({ isTTY: true, write: (t: string) => (seen += t) }, r);
    stream.write("password is hunter22\n");
    expect(seen).toBe(`password is ${redactedMark}\n`);
    expect(stream.isTTY).toBe(true);
  });

  test("resolving registers values before any message is kept", async () => {
    const mapping = defineSecrets({ a: { reference: "op://v/a/f", hosts: ["h"] }, b: { reference: "op://v/b/f", hosts: ["h"] } });
    const r = new Redactor();
    const leaky = {
      name: "fake",
      source: "fake",
      resolveAll: async () =>
        new Map([
          ["a", { ok: false as const, kind: "unreadable" as const, message: "b's value is topsecret-b" }],
          ["b", { ok: true as const, value: "topsecret-b" }],
        ]),
    };
    const { statuses, values } = await resolveEntries(leaky, mapping.entries, r);
    expect(statuses).toEqual([
      { name: "a", reference: "op://v/a/f", ok: false, kind: "unreadable", message: `b's value is ${redactedMark}` },
      { name: "b", reference: "op://v/b/f", ok: true },
    ]);
    expect(values.get("b")).toBe("topsecret-b");
  });
});
