// For a column of keys, the position where each key first occurs: an open-addressing hash table over
// typed arrays, several times faster than a Map of a million strings. Knows nothing about customers.

/** Marks a position whose value takes part in no matching (N/A). */
export const NO_KEY = -1;

/** A column of keys as the index sees it: precomputed hashes and equality. */
export interface KeyColumn {
  /** The hash of each position's key (equal keys have equal hashes), never 0; 0 where there is no key. */
  hashes: Int32Array;
  /** Whether positions `i` and `j` (both with keys of equal hash) hold the same key. */
  same(i: number, j: number): boolean;
}

/**
 * For each position `i`, the first position holding the same key (`i` itself for a key's first
 * occurrence), or NO_KEY where there is no key.
 */
export function firstOccurrences(column: KeyColumn): Int32Array {
  const { hashes } = column;
  const count = hashes.length;
  let capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  const mask = capacity - 1;
  // Slot s is table[2s] = position + 1 (0 = empty) and table[2s + 1] = that key's hash, side by side so
  // a probe touches one cache line; the hash is compared before the key.
  const table = new Int32Array(capacity * 2);
  const first = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const hash = hashes[i];
    if (hash === 0) {
      first[i] = NO_KEY;
      continue;
    }
    let slot = hash & mask;
    for (;;) {
      const held = table[2 * slot];
      if (held === 0) {
        table[2 * slot] = i + 1;
        table[2 * slot + 1] = hash;
        first[i] = i;
        break;
      }
      if (table[2 * slot + 1] === hash && column.same(held - 1, i)) {
        first[i] = held - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return first;
}
