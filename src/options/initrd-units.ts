// The sub-options of systemd initrd units (`boot.initrd.systemd.services.<name>`, …), which the
// NixOS option dump leaves empty: nixpkgs declares those options `visible = "shallow"`. NixOS
// documents them as "the same as their stage 2 counterparts such as systemd.services, except that
// restartTriggers and reloadTriggers are not supported" (nixos/modules/system/boot/systemd/initrd.nix);
// panther gives them the stage 2 sub-options minus those only stage 2 declares.

import type { OptionTree, TypeSpec } from "./type-spec.ts";

/**
 * Sub-options stage 2 units have and initrd units do not: `stage2CommonUnitOptions` and
 * `stage2ServiceOptions` of nixos/lib/systemd-unit-options.nix, and systemd-confinement.nix.
 */
const stage2Only = new Set(["restartTriggers", "reloadTriggers", "restartIfChanged", "reloadIfChanged", "stopIfChanged", "notSocketActivated", "startAt", "confinement"]);

/** The submodule spec of an `attrsOf`/`listOf` of units, if that is what `spec` is. */
function unitSubmodule(spec: TypeSpec | undefined): Extract<TypeSpec, { type: "submodule" }> | undefined {
  if (!spec || typeof spec !== "object" || !("elem" in spec) || (spec.type !== "attrsOf" && spec.type !== "listOf")) return undefined;
  const elem = spec.elem;
  return typeof elem === "object" && elem.type === "submodule" ? elem : undefined;
}

/** Fill the empty sub-options of `boot.initrd.systemd.<units>` from `systemd.<units>`, in place. */
export function addInitrdUnitOptions(tree: OptionTree): void {
  const child = (node: OptionTree[string] | undefined) => (node && "c" in node ? node.c : undefined);
  const initrd = child(child(child(tree.boot)?.initrd)?.systemd);
  const stage2 = child(tree.systemd);
  if (!initrd || !stage2) return;
  for (const [kind, node] of Object.entries(initrd)) {
    const target = "o" in node ? unitSubmodule(node.o.t) : undefined;
    const source = stage2[kind];
    const from = source && "o" in source ? unitSubmodule(source.o.t) : undefined;
    if (!target || target.options || !from?.options) continue;
    target.options = Object.fromEntries(Object.entries(from.options).filter(([name]) => !stage2Only.has(name)));
  }
}
