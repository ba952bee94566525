// Package references: `pkgs.ripgrep` in a module is a reference into nixpkgs, never a string.
// The emitter prints it as a select expression; the module system only checks and compares it.

const packageBrand = Symbol.for("panther.package");

export class PackageRef {
  readonly [packageBrand] = true;
  constructor(readonly attrPath: readonly string[]) {}
  toString(): string {
    return `pkgs.${this.attrPath.join(".")}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export function isPackage(value: unknown): value is PackageRef {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[packageBrand] === true;
}

declare const pathMark: unique symbol;

/**
 * A NixOS path option's value as modules read it (generated option types): a string. Marked so
 * that definitions (core/definitions.ts) take a package there too, which Nix coerces to its
 * store path (`fonts.packages`, `environment.etc.<name>.source`).
 */
export type NixPath = string & { readonly [pathMark]: true };

export type Pkgs = { readonly [name: string]: Pkgs } & PackageRef;

/**
 * A `pkgs` stand-in: any attribute path selects a package reference, e.g. `pkgs.python3Packages.requests`.
 * References are interned per path so that equal references are the same object.
 */
export function packageSet(): Pkgs {
  const interned = new Map<string, Pkgs>();
  const at = (path: readonly string[]): Pkgs => {
    const key = path.join("\0");
    const existing = interned.get(key);
    if (existing) return existing;
    const ref = new PackageRef(path);
    const proxy = new Proxy(ref, {
      get(target, property, receiver) {
        if (typeof property === "symbol" || property in target) return Reflect.get(target, property, receiver);
        return at([...path, property]);
      },
    }) as Pkgs;
    interned.set(key, proxy);
    return proxy;
  };
  return at([]);
}

export const pkgs: Pkgs = packageSet();
