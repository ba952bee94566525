// Raw Nix values in definitions: opaque to every type, emitted verbatim. The core only knows the
// brand; `nixRaw` (src/lib/raw.ts) parses the text before it makes one.

const rawBrand = Symbol.for("panther.rawNix");

export class RawNix {
  readonly [rawBrand] = true;
  /** The parsed syntax node (an emitter `RawNode`); opaque to the module system. */
  constructor(
    readonly text: string,
    readonly node: object,
  ) {}
  toJSON(): string {
    return `«nix: ${this.text}»`;
  }
}

export function isRawNix(value: unknown): value is RawNix {
  if (typeof value !== "object" || value === null) return false;
  // Checked for every definition merged: plain objects and arrays are answered from their
  // prototype, without looking the brand up (a miss that walks the prototype chain).
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === Array.prototype || proto === null) return false;
  return (value as Record<symbol, unknown>)[rawBrand] === true;
}
