// 1Password reference syntax, checked offline: a table of the fleet's real references and
// mistakes, and a differential law against the SDK's own (WASM) validator.

import sdk from "@1password/sdk";
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { checkSecretReference } from "../../src/secrets/reference.ts";

const sdkAccepts = (reference: string): boolean => {
  try {
    sdk.Secrets.validateSecretReference(reference);
    return true;
  } catch {
    return false;
  }
};

const valid: Array<[string, object]> = [
  ["op://pantherOS/tailscale/authKey", { vault: "pantherOS", item: "tailscale", field: "authKey" }],
  // A space inside a name is fine (the fleet's `SSH/public key`).
  ["op://pantherOS/SSH/public key", { vault: "pantherOS", item: "SSH", field: "public key" }],
  ["op://pantherOS/backblaze-b2/pantherOS-nix-cache/keyID", { vault: "pantherOS", item: "backblaze-b2", section: "pantherOS-nix-cache", field: "keyID" }],
  ["op://pantherOS/datadog/hetzner-vps/API_KEY", { section: "hetzner-vps", field: "API_KEY" }],
  ["op://v/i/cert.pem", { field: "cert.pem" }],
  ["op://v/github/one-time password?attribute=otp", { field: "one-time password", query: { name: "attribute", value: "otp" } }],
  ["op://v/i/f?attribute=totp", { query: { name: "attribute", value: "totp" } }],
  ["op://v/yoga ssh host key/private key?ssh-format=openssh", { item: "yoga ssh host key", query: { name: "ssh-format", value: "openssh" } }],
];

const invalid: Array<[string, RegExp]> = [
  // The fleet's mistake, fixed by a56af01.
  ["op:pantherOS/tailscale/authKey", /starts with `op:` instead of `op:\/\/`/],
  ["op:/pantherOS/tailscale/authKey", /starts with `op:` instead of `op:\/\/`/],
  ["OP://pantherOS/tailscale/authKey", /lower case/],
  ["pantherOS/tailscale/authKey", /does not start with `op:\/\/`/],
  ["op://pantherOS/tailscale", /2 parts after op:\/\/ where 3 or 4/],
  ["op://v/i/s/f/extra", /5 parts/],
  ["op://v/i/f?foo=bar", /query `\?foo=bar' is not one 1Password knows/],
  ["op://v/i/f?attribute=OTP", /`OTP' is not a value of `attribute'/],
  ["op://v/i/f?attribute=otp&ssh-format=openssh", /not one 1Password knows/],
  ["op://v/i/f?attribute=otp?x", /more than one `\?`/],
  ["op://v/i/f:x", /field name "f:x" contains ":"/],
  ["op://v/i/fé", /contains "é"/],
  ["op://v/i/f\n", /contains "\\n"/],
  ["op://v/i/f%20x", /contains "%"/],
];

// Accepted by the SDK but almost surely a typo: panther is stricter here, on purpose.
const stricterThanSdk: Array<[string, RegExp]> = [
  ["op://v//f", /item name is empty/],
  ["op://v/i/f/", /field name is empty/],
  ["op://v/i/authKey ", /starts or ends with a space/],
  ["op:// /i/f", /starts or ends with a space/],
];

describe("checkSecretReference", () => {
  test.each(valid)("accepts %j", (reference, parts) => {
    const checked = checkSecretReference(reference);
    expect(checked).toMatchObject({ ok: true, reference: parts });
    expect(sdkAccepts(reference)).toBe(true);
  });

  test.each(invalid)("rejects %j, as the SDK does", (reference, problem) => {
    const checked = checkSecretReference(reference);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(problem);
    expect(sdkAccepts(reference)).toBe(false);
  });

  test.each(stricterThanSdk)("rejects %j, which the SDK lets through", (reference, problem) => {
    const checked = checkSecretReference(reference);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(problem);
    expect(sdkAccepts(reference)).toBe(true);
  });

  test("the fix for `op:` is spelt out", () => {
    expect(checkSecretReference("op:pantherOS/github-pat/token")).toMatchObject({ ok: false, hint: 'Write "op://pantherOS/github-pat/token".' });
  });

  // Law: whatever panther accepts, 1Password's own parser accepts too.
  const alphabet = fc.constantFrom(..."aZ09 -_./?=:op@é".split(""), "otp", "attribute", "ssh-format", "openssh");
  const candidate = fc.array(alphabet, { maxLength: 24 }).map((parts) => `op://${parts.join("")}`);
  fcTest.prop([candidate], { numRuns: 500 })("never accepts what the SDK rejects", (reference) => {
    if (checkSecretReference(reference).ok) expect(sdkAccepts(reference)).toBe(true);
  });
});
