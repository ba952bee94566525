// Objects an evaluation builds key by key: merged attribute sets and the forced configuration.

/**
 * A plain empty object (prototype `Object.prototype`) that V8 keeps in dictionary mode. Adding
 * properties one by one to `{}` makes V8 derive a hidden class per distinct key sequence, which
 * costs about a microsecond a property when, as in a configuration, nearly every namespace has
 * its own names; a dictionary-mode object takes them at hash-table speed (twice as fast to build
 * and print all of `config`, and no hidden class kept per merged attribute set). It behaves
 * exactly like `{}`.
 *
 * Deleting a property other than the last one added is what switches an object to dictionary
 * mode; it is cheaper than `Object.setPrototypeOf(Object.create(null), Object.prototype)`, which
 * gives each object a map of its own.
 */
export function dictionary(): Record<string, unknown> {
  const out: Record<string, unknown> = { a: undefined, b: undefined };
  delete out.a;
  delete out.b;
  return out;
}
