// The secrets mapping: defaults, every mistake reported at once, and `secret()` for an unknown
// name failing at the caller's line with a suggestion (and as a type error).

import { describe, expect, test } from "vitest";
import { defineSecrets, type SecretSpec } from "panther";
import fleet from "../../secrets-mapping.ts";
import { unknownHosts } from "../../src/secrets/mapping.ts";
import { thrownBy } from "../helpers/errors.ts";

const mapping = defineSecrets({
  "tailscale-auth-key": { reference: "op://v/tailscale/authKey", hosts: ["b", "a", "a"], services: ["tailscaled-autoconnect"] },
  "opnix-token": { reference: "op://boot/opnix/credential", hosts: ["a"], delivery: "extra-files", path: "/etc/opnix-token" },
});

describe("defineSecrets", () => {
  test("fills in OpNix' defaults and sorts", () => {
    expect(mapping.entries.map((e) => e.name)).toEqual(["opnix-token", "tailscale-auth-key"]);
    expect(mapping.entry("tailscale-auth-key")).toEqual({
      name: "tailscale-auth-key",
      attrName: "tailscaleAuthKey",
      reference: "op://v/tailscale/authKey",
      hosts: ["a", "b"],
      delivery: "opnix",
      path: "/var/lib/opnix/secrets/tailscaleAuthKey",
      owner: "root",
      group: "root",
      mode: "0600",
      services: ["tailscaled-autoconnect"],
    });
    expect(mapping.forHost("b").map((e) => e.name)).toEqual(["tailscale-auth-key"]);
    expect(mapping.secret("opnix-token")).toBe("/etc/opnix-token");
  });

  test("an unknown name is an error at the caller's line, with a suggestion", () => {
    const line = new Error().stack!.split("\n")[1]!.match(/:(\d+):\d+\)?$/)![1];
    // @ts-expect-error -- "tailscale-authkey" is not a key of the mapping: a type error too.
    const error = thrownBy(() => mapping.secret("tailscale-authkey"));
    expect(error.code).toBe("unknown-secret");
    expect(error.message).toBe("There is no secret `tailscale-authkey' in the secrets mapping. Did you mean `tailscale-auth-key'?");
    expect(error.locations[0]).toMatchObject({ file: import.meta.filename, line: Number(line) + 2, role: "used here" });
    expect(error.locations[1]).toMatchObject({ file: import.meta.filename, role: "secrets mapping" });
  });

  test("every mistake is reported at once", () => {
    const error = thrownBy(() =>
      defineSecrets({
        github_token: { reference: "op:pantherOS/github-pat/token", hosts: ["a"] },
        "tailscale-key": { reference: "op://v/Tailscale/authKey", hosts: [], servces: ["x"] } as SecretSpec,
        "luks-key": { reference: "op://v/luks/password", hosts: ["a"], delivery: "disk-encryption-key" },
        "host-key": { reference: "op://v/k/private key", hosts: ["a"], delivery: "extra-files", path: "/etc/ssh/key", owner: "sshd", mode: "0644" },
        "db-password": { reference: "op://v/db/password", hosts: ["a"], mode: "600x", services: ["postgresql.service"], path: "/nix/store/x" },
        "a-b1": { reference: "op://v/i/f", hosts: ["a"], path: "/etc/one" },
        "a-b-1": { reference: "op://v/i/g", hosts: ["a"], path: "/etc/one" },
      }),
    );
    expect(error.code).toBe("invalid-secret");
    expect(error.message.split("\n")).toEqual([
      "The secrets mapping has 12 mistakes:",
      "- `db-password': `path' is in the Nix store, which every user can read",
      "- `db-password': `mode' must be an octal string like \"0600\", not \"600x\"",
      "- `db-password': write the unit as \"postgresql\", without `.service' (it names systemd.services.<unit>)",
      "- `github_token': a secret's name must be kebab-case (lower-case letters, digits and single dashes, like tailscale-auth-key)",
      '- `github_token\': the reference "op:pantherOS/github-pat/token" is malformed: it starts with `op:` instead of `op://`. Write "op://pantherOS/github-pat/token".',
      "- `host-key': `owner' only applies to secrets OpNix delivers; extra-files files are root's, mode 0600",
      "- `host-key': extra-files files are always written with mode 0600",
      "- `luks-key': a secret delivered by disk-encryption-key needs a `path'",
      "- `tailscale-key': unknown key `servces' (Did you mean `services'?)",
      "- `tailscale-key': `hosts' must list at least one host",
      "- `a-b-1' and `a-b1' both become the OpNix name `aB1'",
      "- `a-b-1' and `a-b1' both land at /etc/one on a",
    ]);
  });

  test("two secrets landing on one path of one host collide", () => {
    const error = thrownBy(() =>
      defineSecrets({ one: { reference: "op://v/i/f", hosts: ["a"], path: "/etc/x" }, two: { reference: "op://v/i/g", hosts: ["b", "a"], path: "/etc/x" } }),
    );
    expect(error.message).toContain("`one' and `two' both land at /etc/x on a");
  });

  test("hosts the flake does not define", () => {
    expect(unknownHosts(mapping, ["a", "c"])).toEqual(["`tailscale-auth-key' lists the host `b', which flake.ts does not define (Did you mean `a' or `c'?)"]);
    expect(unknownHosts(fleet, ["hetzner-vps", "ovh-cloud", "yoga", "zephyrus"])).toEqual([]);
  });
});

describe("the fleet's secrets-mapping.ts", () => {
  const hosts = ["hetzner-vps", "ovh-cloud", "yoga", "zephyrus"];

  test("every host gets the OpNix token at install, from a vault OpNix never reads", () => {
    const vault = (ref: string) => ref.split("/")[2];
    for (const host of hosts) {
      const entries = fleet.forHost(host);
      const token = entries.find((e) => e.path === "/etc/opnix-token");
      expect(token?.delivery, host).toBe("extra-files");
      const fetchedVaults = new Set(entries.filter((e) => e.delivery === "opnix").map((e) => vault(e.reference)));
      expect(fetchedVaults.has(vault(token!.reference)), host).toBe(false);
      expect(entries.some((e) => e.delivery === "extra-files" && e.path === "/etc/ssh/ssh_host_ed25519_key"), host).toBe(true);
    }
  });

  test("covers the fleet's secrets", () => {
    expect(fleet.entries.map((e) => e.name)).toEqual(expect.arrayContaining(["tailscale-auth-key", "root-authorized-keys", "attic-credentials", "restic-password", "restic-b2-credentials", "datadog-api-key", "opnix-token", "luks-passphrase-yoga", "luks-passphrase-zephyrus"]));
  });
});
