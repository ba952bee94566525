// "Did you mean" suggestions by edit distance, as nixpkgs#442263 does for unknown options.

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Up to three close names, closest first, within edit distance 3 (2 when there are 100 or more
 * candidates, where 3 matches too much noise), as nixpkgs#442263 suggests unknown options.
 */
export function suggest(name: string, candidates: Iterable<string>): string[] {
  const list = [...candidates];
  const maxDistance = list.length >= 100 ? 2 : 3;
  return list
    .map((c) => ({ c, d: levenshtein(name, c) }))
    .filter(({ d }) => d > 0 && d <= maxDistance)
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0))
    .slice(0, 3)
    .map(({ c }) => c);
}

export function didYouMean(names: readonly string[]): string {
  if (names.length === 0) return "";
  const quoted = names.map((n) => `\`${n}'`);
  return `Did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`}?`;
}
