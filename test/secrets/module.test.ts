// modules/security/secrets.ts and the secrets host checks, on one in-memory host: what is
// emitted (references, paths, unit ordering) and the mistakes the checks catch, at their lines.

import { describe, expect, test } from "vitest";
import { defineModule, defineSecrets, type SecretSpec } from "panther";
import secretsModule from "../../modules/security/secrets.ts";
import { compileHost } from "../../src/compile/host.ts";
import type { Project } from "../../src/compile/project.ts";
import { thrownBy } from "../helpers/errors.ts";

function project(specs: Record<string, SecretSpec>, extra: object = {}, enable = true): { project: Project; mapping: ReturnType<typeof defineSecrets> } {
  const mapping = defineSecrets(specs);
  const module = defineModule({ imports: [secretsModule], config: { panther: { security: { secrets: { enable, mapping } } }, ...extra } });
  return {
    mapping,
    project: {
      root: "/fleet",
      flakeFile: "/fleet/flake.ts",
      flake: {
        inputs: { nixpkgs: { url: "github:NixOS/nixpkgs" }, opnix: { url: "github:brizzbuzz/opnix" }, impermanence: { url: "github:nix-community/impermanence" } },
        hosts: [{ name: "box", system: "x86_64-linux", module }],
      },
    },
  };
}

const token: SecretSpec = { reference: "op://boot/opnix/credential", hosts: ["box"], delivery: "extra-files", path: "/etc/opnix-token" };
const tailscale: SecretSpec = { reference: "op://fleet/tailscale/authKey", hosts: ["box"], services: ["tailscaled-autoconnect"] };

describe("modules/security/secrets.ts", () => {
  test("emits references and paths for this host's OpNix secrets, and orders their units", () => {
    const { project: p } = project({ "opnix-token": token, "tailscale-auth-key": tailscale, "other-host": { reference: "op://fleet/x/y", hosts: ["elsewhere"] } });
    const [file] = compileHost(p, "box").files;
    expect(file!.text).toContain(
      [
        "  services.onepassword-secrets = {",
        "    enable = true;",
        "    secrets.tailscaleAuthKey = {",
        '      group = "root";',
        '      mode = "0600";',
        '      owner = "root";',
        '      path = "/var/lib/opnix/secrets/tailscaleAuthKey";',
        '      reference = "op://fleet/tailscale/authKey";',
        '      services = [ "tailscaled-autoconnect" ];',
        "    };",
        '    tokenFile = "/etc/opnix-token";',
        "  };",
      ].join("\n"),
    );
    expect(file!.text).toContain('  systemd.services.tailscaled-autoconnect = {\n    after = [ "opnix-secrets.service" ];\n    wants = [ "opnix-secrets.service" ];');
    expect(file!.text).not.toContain("otherHost");
    expect(file!.text).not.toContain("opnixToken");
  });

  test("the OpNix token kept in the vault it unlocks is an error", () => {
    const { project: p } = project({ "opnix-token": { ...token, reference: "op://fleet/opnix/credential" }, "tailscale-auth-key": tailscale });
    const error = thrownBy(() => compileHost(p, "box"));
    expect(error.code).toBe("invalid-secret");
    expect(error.message).toContain("The OpNix token `opnix-token' (op://fleet/opnix/credential) is kept in the vault it unlocks: box fetches `tailscale-auth-key' from the same vault.");
    expect(error.locations[0]).toMatchObject({ file: import.meta.filename, role: "secrets mapping", detail: "opnix-token" });
  });

  test("a token OpNix would have to fetch itself is an error; no token at all a warning", () => {
    const circular = project({ "opnix-token": { reference: "op://boot/opnix/credential", hosts: ["box"], path: "/etc/opnix-token" }, "tailscale-auth-key": tailscale });
    expect(thrownBy(() => compileHost(circular.project, "box")).message).toContain("is fetched by OpNix, which needs that token to fetch anything");
    const none = project({ "tailscale-auth-key": tailscale });
    expect(compileHost(none.project, "box").warnings).toEqual([expect.stringContaining("No secret of the mapping writes OpNix' token (/etc/opnix-token) for box")]);
  });

  test("a module pointing at a secret of another host is an error at its line", () => {
    const { project: p, mapping } = project({ "opnix-token": token, "tailscale-auth-key": { ...tailscale, hosts: ["elsewhere"] } });
    const line = Number(new Error().stack!.split("\n")[1]!.match(/:(\d+):\d+\)?$/)![1]) + 1;
    const consumer = defineModule({ services: { tailscale: { enable: true, authKeyFile: mapping.secret("tailscale-auth-key") } } });
    const withConsumer: Project = { ...p, flake: { ...p.flake, hosts: [{ ...p.flake.hosts[0]!, module: defineModule({ imports: [p.flake.hosts[0]!.module, consumer] }) }] } };
    const error = thrownBy(() => compileHost(withConsumer, "box"));
    expect(error.message).toBe("`services.tailscale.authKeyFile' points at the secret `tailscale-auth-key' (/var/lib/opnix/secrets/tailscaleAuthKey), which the secrets mapping does not give box (only elsewhere).");
    expect(error.locations[0]).toMatchObject({ file: import.meta.filename, line, role: "used here" });
  });

  test("on an impermanent root, install-time files must be persisted", () => {
    const persistence = (files: string[]) => ({ environment: { persistence: { "/persist": { files, directories: ["/var/lib/opnix"] } } } });
    const wiped = project({ "opnix-token": token, "tailscale-auth-key": tailscale }, persistence([]));
    const error = thrownBy(() => compileHost(wiped.project, "box"));
    expect(error.code).toBe("persistence");
    expect(error.message).toContain("/etc/opnix-token (a secret written at install) is not persisted on box");
    const kept = project({ "opnix-token": token, "tailscale-auth-key": tailscale }, persistence(["/etc/opnix-token"]));
    expect(compileHost(kept.project, "box").warnings).toEqual([]);
  });

  test("a host the mapping gives secrets to, with the module off, is warned about", () => {
    const { project: p } = project({ "opnix-token": token, "tailscale-auth-key": tailscale }, {}, false);
    const build = compileHost(p, "box");
    expect(build.warnings).toEqual([expect.stringContaining("panther.security.secrets.enable is false")]);
    expect(build.files[0]!.text).not.toContain("onepassword-secrets");
  });
});
