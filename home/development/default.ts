// Development toolchains for a user, each a switch: node (fnm or a fixed nodejs), rust (rustup),
// python (uv, which also installs Python versions), and go.
import { defineHomeModule, mkIf, mkMerge, mkOption, pkgs, types } from "panther";

const toggle = (what: string) => mkOption({ type: types.bool, default: true, description: `Whether to install ${what} (when the development module is on).` });

export default defineHomeModule(({ config }) => {
  const cfg = config.panther.development;
  const fnm = cfg.node.enable && cfg.node.manager === "fnm";
  return {
    options: {
      panther: {
        development: {
          enable: mkOption({ type: types.bool, default: false, description: "Whether to install the development toolchains below." }),
          node: {
            enable: toggle("Node.js"),
            manager: mkOption({
              type: types.enum(["fnm", "nodejs"]),
              default: "fnm",
              description: "`fnm` installs Node versions per project (`.node-version`, switched on `cd`); `nodejs` is nixpkgs' current Node.js.",
            }),
          },
          rust: toggle("rustup (toolchains in ~/.rustup, binaries in ~/.cargo/bin)"),
          python: toggle("uv (Python versions, virtual environments and tools)"),
          go: toggle("Go (GOPATH ~/go)"),
        },
      },
    },
    config: mkIf(
      cfg.enable,
      mkMerge([
        mkIf(fnm, {
          home: { packages: [pkgs.fnm] },
          programs: {
            fish: { interactiveShellInit: "fnm env --use-on-cd --shell fish | source" },
            bash: { initExtra: 'eval "$(fnm env --use-on-cd --shell bash)"' },
          },
        }),
        mkIf(cfg.node.enable && cfg.node.manager === "nodejs", { home: { packages: [pkgs.nodejs] } }),
        mkIf(cfg.rust, { home: { packages: [pkgs.rustup], sessionPath: ["$HOME/.cargo/bin"] } }),
        mkIf(cfg.python, { home: { packages: [pkgs.uv] } }),
        mkIf(cfg.go, { programs: { go: { enable: true, goPath: "go" } }, home: { sessionPath: ["$HOME/go/bin"] } }),
      ]),
    ),
  };
});
