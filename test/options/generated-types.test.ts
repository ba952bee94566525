// The generated option declarations are current, and they make the TypeScript compiler catch
// misspelt options and wrong value types in modules (checked by `npm run typecheck`).

import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { defineHomeModule, defineModule, type ModuleArgs } from "panther";
import { generate, generatedFiles } from "../../scripts/gen-option-types.ts";
import type { NixosOptions } from "../../src/options/generated/nixos.d.ts";

describe("generated option declarations", () => {
  it.each(generatedFiles)("%s matches the shipped option data", (file, which, name) => {
    const committed = readFileSync(new URL(`../../src/options/generated/${file}`, import.meta.url), "utf8");
    expect(committed).toBe(generate(which, name));
  });

  it("type module config with the documented types", () => {
    expectTypeOf<NixosOptions["services"]["openssh"]["enable"]>().toEqualTypeOf<boolean>();
    expectTypeOf<NixosOptions["services"]["openssh"]["ports"]>().toEqualTypeOf<readonly number[]>();
    expectTypeOf<NixosOptions["networking"]["firewall"]["allowedTCPPorts"]>().toEqualTypeOf<readonly number[]>();
    defineModule(({ config }: ModuleArgs) => {
      const on: boolean = config.services.openssh.enable;
      // @ts-expect-error misspelt option: services.opensh does not exist
      void config.services.opensh;
      // @ts-expect-error wrong type: ports is a list of ports
      const port: string = config.services.openssh.ports;
      return { panther: { sshOn: on, port } };
    });
  });

  it("type a home module's config with home-manager's options, and osConfig with NixOS'", () => {
    defineHomeModule(({ config, osConfig, name }) => {
      const git: boolean = config.programs.git.enable;
      const user: string | null = config.programs.git.userName;
      const home: string = config.home.homeDirectory;
      const ssh: boolean = osConfig.services.openssh.enable;
      // @ts-expect-error misspelt option: programs.gti does not exist in home-manager
      void config.programs.gti;
      // @ts-expect-error wrong type: tmux.keyMode is "emacs" | "vi"
      const mode: number = config.programs.tmux.keyMode;
      return { panther: { summary: [git, user, home, ssh, mode, name] } };
    });
  });
});
