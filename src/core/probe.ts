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

export function makeProbe(path: readonly string[]): unknown {
  // An arrow function has no non-configurable own properties, so the traps below may hide everything.
  const target = () => undefined;
  return new Proxy(target, {
    get(_t, key) {
      if (key === probeTag) return path;
      if (key === Symbol.toPrimitive) return (hint: string) => (hint === "number" ? Number.NaN : probeText);
      if (key === Symbol.iterator) return function* () {};
      if (typeof key === "symbol" || key === "then" || key === "toJSON") return undefined;
      return makeProbe([...path, key]);
    },
    apply: () => makeProbe([...path, "()"]),
    has: () => false,
    ownKeys: () => [],
    getOwnPropertyDescriptor: () => undefined,
  });
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
