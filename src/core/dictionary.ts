// Objects an evaluation builds key by key: merged attribute sets and the forced configuration.

/**
 * A plain empty object (prototype `Object.prototype`) that V8 keeps in dictionary mode. Adding
 * properties one by one to `{}` makes V8 derive a hidden class per distinct key sequence, which
 * costs about a microsecond a property when, as in a configuration, nearly every namespace has
 * its own names; a dictionary-mode object takes them at hash-table speed (twice as fast to build
 * and print all of `config`, and no hidden class kept per merged attribute set). It behaves
 * exactly like `{}`.
 */
export function dictionary(): Record<string, unknown> {
  return Object.setPrototypeOf(Object.create(null), Object.prototype) as Record<string, unknown>;
}
