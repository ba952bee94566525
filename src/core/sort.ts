// Sorting the many short arrays of an evaluation (child names, attribute names, mkOrder'd
// definitions). Array.prototype.sort allocates a work area per call, which adds up over tens of
// thousands of calls; a short array is sorted in place by insertion instead. Both are stable.

const short = 16;

/** Sorts strings in place by UTF-16 code units, as `Array.prototype.sort()` without a comparator. */
export function sortStrings(names: string[]): string[] {
  if (names.length > short) return names.sort();
  for (let i = 1; i < names.length; i++) {
    const name = names[i]!;
    let j = i - 1;
    for (; j >= 0 && names[j]! > name; j--) names[j + 1] = names[j]!;
    names[j + 1] = name;
  }
  return names;
}

/** Stable in-place sort by a numeric key. */
export function sortByKey<T>(items: T[], key: (item: T) => number): T[] {
  if (items.length > short) return items.sort((a, b) => key(a) - key(b));
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    const k = key(item);
    let j = i - 1;
    for (; j >= 0 && key(items[j]!) > k; j--) items[j + 1] = items[j]!;
    items[j + 1] = item;
  }
  return items;
}
