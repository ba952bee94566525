// Nix literals in upstream option defaults (`false`, `[ ]`, `"info"`, `{ a = 1; }`), read as
// values so modules can read an upstream option nobody set. Anything else is not a literal.

type Literal = null | boolean | number | string | Literal[] | { [k: string]: Literal };

const token = /\s*(?:("(?:[^"\\$]|\\.|\$(?!\{))*")|(-?\d+\.\d+(?:[eE][-+]?\d+)?)|(-?\d+)|([A-Za-z_][A-Za-z0-9_'-]*)|([[\]{}=;]))/y;

/** The value of `text` if it is a literal, else undefined. */
export function parseNixLiteral(text: string): { value: Literal } | undefined {
  const tokens: string[] = [];
  token.lastIndex = 0;
  const source = text.trim();
  while (token.lastIndex < source.length) {
    const start = token.lastIndex;
    const m = token.exec(source);
    if (!m || token.lastIndex === start) return undefined;
    tokens.push(m[0].trim());
  }
  let i = 0;
  const fail = Symbol("fail");
  const value = (): Literal | typeof fail => {
    const t = tokens[i++];
    if (t === undefined) return fail;
    if (t === "true" || t === "false") return t === "true";
    if (t === "null") return null;
    if (t.startsWith('"')) return unescape(t);
    if (/^-?\d/.test(t)) return Number(t);
    if (t === "[") {
      const list: Literal[] = [];
      while (tokens[i] !== "]") {
        const v = value();
        if (v === fail) return fail;
        list.push(v);
      }
      i++;
      return list;
    }
    if (t === "{") {
      const set: Record<string, Literal> = {};
      while (tokens[i] !== "}") {
        const key = tokens[i++];
        if (key === undefined || tokens[i++] !== "=") return fail;
        const v = value();
        if (v === fail || tokens[i++] !== ";") return fail;
        set[key.startsWith('"') ? unescape(key) : key] = v;
      }
      i++;
      return set;
    }
    return fail;
  };
  const result = value();
  return result === fail || i !== tokens.length ? undefined : { value: result };
}

function unescape(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => ({ n: "\n", t: "\t", r: "\r" })[c] ?? c);
}
