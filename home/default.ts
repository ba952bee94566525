// A user's home profile: every home module, switched on by how much the host wants. `lean` (the
// default, servers) is shell, git and editors; `full` (laptops) adds terminals and toolchains.
import { defineHomeModule, mkDefault, mkOption, types } from "panther";
import development from "./development/default.ts";
import editors from "./editors/default.ts";
import git from "./git/default.ts";
import shell from "./shell/default.ts";
import terminal from "./terminal/default.ts";

export default defineHomeModule(({ config, osConfig }) => {
  const full = config.panther.profile === "full";
  return {
    imports: [shell, git, editors, terminal, development],
    options: {
      panther: {
        profile: mkOption({
          type: types.enum(["lean", "full"]),
          // The host decides (panther.home.profile); outside a host, lean.
          default: osConfig?.panther?.home?.profile ?? "lean",
          description: "How much of the profile to turn on: `lean` (shell, git, editors) or `full` (also terminal and development).",
        }),
      },
    },
    config: {
      panther: {
        shell: { enable: mkDefault(true) },
        git: { enable: mkDefault(true) },
        editors: { enable: mkDefault(true) },
        terminal: { enable: mkDefault(full) },
        development: { enable: mkDefault(full) },
      },
    },
  };
});
