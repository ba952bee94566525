// Probes: stand-ins for `config` values while modules are being collected.
//
// Nix calls a module function lazily, so `config = mkIf config.x { … }` never forces `config.x`
// before every module is known. JavaScript evaluates `mkIf(config.x, {...})` at once. panther
// therefore calls each module function twice: first with probes (to learn its imports, options
// and which options it defines, exactly what Nix learns without forcing values), and again with
// the real configuration when one of its values is needed. A probe accepts any property access,
// call or coercion and marks whatever is derived from it as "tainted", so a tainted value is never
// mistaken for a real one.

const probeTag = Symbol("panther.probe");
/** What a probe turns into when coerced to a string; detectable inside derived strings. */
export const probeText = "\u0000panther-probe\u0000";

/**
 * The target of every probe: callable (for the `apply` trap), and an arrow function has no
 * non-configurable own properties, so the traps may hide everything. Probes only read it.
 */
const probeTarget = () => undefined;

/** A probe's traps; a class, so that the many probes a module's first call makes share its methods. */
class ProbeHandler implements ProxyHandler<() => undefined> {
  constructor(private readonly path: readonly string[]) {}
  get(_t: unknown, key: string | symbol): unknown {
    if (key === probeTag) return this.path;
    if (key === Symbol.toPrimitive) return (hint: string) => (hint === "number" ? Number.NaN : probeText);
    if (key === Symbol.iterator) return function* () {};
    if (typeof key === "symbol" || key === "then" || key === "toJSON") return undefined;
    return makeProbe([...this.path, key]);
  }
  apply(): unknown {
    return makeProbe([...this.path, "()"]);
  }
  has(): boolean {
    return false;
  }
  ownKeys(): string[] {
    return [];
  }
  getOwnPropertyDescriptor(): undefined {
    return undefined;
  }
  // Writes are ignored (the target is shared; reads never showed them anyway).
  set(): boolean {
    return true;
  }
  defineProperty(): boolean {
    return true;
  }
  deleteProperty(): boolean {
    return true;
  }
}

export function makeProbe(path: readonly string[]): unknown {
  return new Proxy(probeTarget, new ProbeHandler(path));
}

export function isProbe(value: unknown): boolean {
  return typeof value === "function" && (value as unknown as Record<symbol, unknown>)[probeTag] !== undefined;
}

/** The config path a probe stands for, for messages. */
export function probePath(value: unknown): readonly string[] | undefined {
  return isProbe(value) ? ((value as unknown as Record<symbol, readonly string[]>)[probeTag]) : undefined;
}

/** Whether a value is, or contains, something computed from a probe. */
export function isTainted(value: unknown, depth = 0): boolean {
  if (isProbe(value)) return true;
  if (typeof value === "string") return value.includes(probeText);
  if (typeof value === "number") return Number.isNaN(value);
  if (depth > 64 || typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (isTainted(value[i], depth + 1)) return true;
    return false;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (Object.hasOwn(value, key) && isTainted((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}
