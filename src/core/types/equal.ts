// Nix `==` on evaluated values: deep and structural; functions are never equal to anything else.

import { isPackage } from "../package.ts";
import { isAttrs } from "../wrappers.ts";

export function nixEquals(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== "function";
  if (isPackage(a) || isPackage(b)) {
    return isPackage(a) && isPackage(b) && a.attrPath.join(".") === b.attrPath.join(".");
  }
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => nixEquals(x, b[i]));
  }
  if (isAttrs(a)) {
    if (!isAttrs(b)) return false;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && nixEquals(a[k], b[k]));
  }
  return false;
}
