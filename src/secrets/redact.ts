// Redaction: every value a provider returns is registered here, and every line the CLI prints
// passes through `redact`. `hits` counts replacements, so a test can tell a masked leak from no leak.

export const redactedMark = "[redacted]";

/** Lines of a multi-line value shorter than this are not redacted on their own (too common). */
const minLineLength = 8;

export class Redactor {
  private readonly needles = new Set<string>();
  private sorted: string[] = [];
  /** How many occurrences were replaced so far. */
  hits = 0;

  /** Register a secret value: itself, its JSON-escaped form and each longer line of it. */
  add(value: string): void {
    if (value === "") return;
    const forms = [value, JSON.stringify(value).slice(1, -1), value.trim()];
    if (value.includes("\n")) forms.push(...value.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= minLineLength));
    for (const form of forms) if (form !== "") this.needles.add(form);
    // Longest first, so a value containing another is replaced whole.
    this.sorted = [...this.needles].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  }

  get size(): number {
    return this.needles.size;
  }

  redact(text: string): string {
    let out = text;
    for (const needle of this.sorted) {
      if (!out.includes(needle)) continue;
      const parts = out.split(needle);
      this.hits += parts.length - 1;
      out = parts.join(redactedMark);
    }
    return out;
  }
}

export interface WritableText {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** A stream that redacts every chunk before passing it on (keeps `isTTY`, which decides colours). */
export function redactingStream<S extends WritableText>(stream: S, redactor: Redactor): WritableText {
  return {
    isTTY: stream.isTTY,
    write: (text: string) => stream.write(redactor.redact(text)),
  };
}
