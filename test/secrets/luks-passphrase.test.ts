// The LUKS passphrase disko reads while formatting must be a file `secrets materialize` writes.
import { describe, expect, test } from "vitest";
import { defineModule, mkForce } from "panther";
import yoga from "../../hosts/yoga/default.ts";
import { facts } from "../../hosts/yoga/facts.ts";
import { compileTestHost, hostError } from "../helpers/host.ts";

const here = new URL(import.meta.url).pathname;
const host = { name: "yoga", facts, tags: ["laptop"] };

describe("LUKS passphrase files", () => {
  test("yoga's layout reads the passphrase where the mapping's disk-encryption-key lands", () => {
    expect(compileTestHost(yoga, host).files.map((f) => f.path)).toContain("hosts/yoga/disko.nix");
  });

  test("a passwordFile no secret provides fails at the layout's line and names the mapping", () => {
    const moved = defineModule({
      imports: [yoga],
      disko: { devices: { disk: { main: { content: { partitions: { luks: { content: { passwordFile: mkForce("/tmp/other.key") } } } } } } } },
    });
    const error = hostError(moved, host);
    expect(error.code).toBe("invalid-secret");
    expect(error.message).toContain("The LUKS volume `cryptroot' reads its passphrase from /tmp/other.key while formatting, but no disk-encryption-key secret of yoga lands there (/tmp/disk.key)");
    expect(error.locations.map((l) => l.file)).toEqual(expect.arrayContaining([here, expect.stringMatching(/secrets-mapping\.ts$/)]));
  });
});
