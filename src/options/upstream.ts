// Upstream NixOS and home-manager options as lazy declarations for evalModules: an upstream
// option becomes a real, typed declaration the first time a module defines, reads or asks for it.

import type { LazyDeclarations } from "../core/options.ts";
import { loadUpstreamData, type UpstreamSet } from "./load.ts";
import type { OptionTree } from "./type-spec.ts";
import { upstreamDeclaration } from "./to-type.ts";

const roots = new Map<UpstreamSet, LazyDeclarations>();

/** Where NixOS declares an option, e.g. `<nixpkgs/nixos/modules/services/networking/ssh/sshd.nix>`. */
function declarationSource(which: UpstreamSet, files: readonly string[] | undefined) {
  const file = files?.[0];
  if (!file) return { file: which === "nixos" ? "<nixpkgs>" : "<home-manager>" };
  return { file: file.startsWith("<") ? file : `<${which === "nixos" ? "nixpkgs" : "home-manager"}/${file}>` };
}

function lazyTree(which: UpstreamSet, tree: OptionTree): LazyDeclarations {
  const names = Object.keys(tree)
    .filter((n) => !n.startsWith("<") && n !== "*")
    .sort();
  return {
    names: () => names,
    get(name) {
      const node = tree[name];
      if (!node || name.startsWith("<") || name === "*") return undefined;
      if ("o" in node) return { option: upstreamDeclaration(node.o), source: declarationSource(which, node.o.decl) };
      return { namespace: lazyTree(which, node.c) };
    },
  };
}

/** The upstream options of nixpkgs (`"nixos"`) or home-manager, shared by every evaluation. */
export function upstreamDeclarations(which: UpstreamSet): LazyDeclarations {
  let root = roots.get(which);
  if (!root) roots.set(which, (root = lazyTree(which, loadUpstreamData(which).tree)));
  return root;
}
