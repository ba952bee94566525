// `panther option` enters submodule values: a home-manager user's options, a disko-free
// `fileSystems."/persist"`, an upstream submodule such as `services.prometheus.exporters`.
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.ts";

const repo = path.resolve(import.meta.dirname, "../..");
const option = (host: string, at: string) => runCli(["-C", repo, "option", host, at], { env: { NO_COLOR: "1" } });

describe("panther option inside submodule values", () => {
  test("a home-manager user's option, with the flake.ts line that set it", async () => {
    const run = await option("yoga", "home-manager.users.hbohlen.programs.git.userName");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Value:       "hbohlen"');
    expect(run.stdout).toContain("<home-manager/modules/programs/git.nix>");
    expect(run.stdout).toMatch(/★ flake\.ts:\d+ +priority 100 +"hbohlen"/);
  });

  test("an upstream submodule's option is declared in its nixpkgs file", async () => {
    const run = await option("hetzner-vps", "services.prometheus.exporters.node.port");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Declared in:\n  <nixpkgs/nixos/modules/services/monitoring/prometheus/exporters.nix>");
    expect(run.stdout).toMatch(/★ modules\/monitoring\/node-exporter\.ts:\d+/);
  });

  test("a name the submodule lacks is an error with suggestions", async () => {
    const run = await option("yoga", "home-manager.users.hbohlen.programs.git.usrName");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("userName");
  });
});
