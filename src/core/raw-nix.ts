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
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[rawBrand] === true;
}
