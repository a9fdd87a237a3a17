// For a column of key values, the position where each value first occurs: an open-addressing hash
// table over typed arrays, several times faster than a Map of a million strings. Knows nothing about customers.

/** Marks a position whose value takes part in no matching (N/A). */
export const NO_KEY = -1;

/**
 * For each position `i`, the first position holding the same value as `values[i]` (`i` itself for a
 * value's first occurrence), or NO_KEY where `values[i]` is null.
 */
export function firstOccurrences(values: readonly (string | null)[]): Int32Array {
  const count = values.length;
  let capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  const mask = capacity - 1;
  // Slot s is table[2s] = position + 1 (0 = empty) and table[2s + 1] = that value's hash, side by side so
  // a probe touches one cache line; the hash is compared before the string.
  const table = new Int32Array(capacity * 2);
  const first = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const value = values[i];
    if (value === null) {
      first[i] = NO_KEY;
      continue;
    }
    const hash = hashString(value);
    let slot = hash & mask;
    for (;;) {
      const held = table[2 * slot];
      if (held === 0) {
        table[2 * slot] = i + 1;
        table[2 * slot + 1] = hash;
        first[i] = i;
        break;
      }
      if (table[2 * slot + 1] === hash && values[held - 1] === value) {
        first[i] = held - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return first;
}

/** FNV-1a over UTF-16 code units, with a final avalanche so low bits spread. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}
