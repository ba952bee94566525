// Exactly sized arrays for what an evaluation keeps. An array grown by `push` keeps room for 16
// elements; over the tens of thousands of short lists an evaluation keeps (definitions per option)
// that spare room came to megabytes that every garbage collection copied.

/** `list` with `item` appended: a short list is copied into an exactly sized array, a long one grows. */
export function appended<T>(list: T[], item: T): T[] {
  if (list.length >= 8) {
    list.push(item);
    return list;
  }
  const out = new Array<T>(list.length + 1);
  for (let i = 0; i < list.length; i++) out[i] = list[i]!;
  out[list.length] = item;
  return out;
}

