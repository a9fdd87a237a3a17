// For a column of keys, the position where each key first occurs: an open-addressing hash table over
// typed arrays, several times faster than a Map of a million strings, indexed by hash alone (which a
// thread without the keys can do), then checked key by key. Knows nothing about customers.

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
  return settleCollisions(firstByHash(column.hashes), column);
}

/**
 * For each position `i`, the first position with the same hash (`i` itself for a hash's first
 * occurrence), or NO_KEY where the hash is 0 (no key). Needs only the hashes, so a reader thread can
 * compute it; settleCollisions makes it exact.
 */
export function firstByHash(hashes: Int32Array): Int32Array<ArrayBuffer> {
  const count = hashes.length;
  let capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  const mask = capacity - 1;
  // Slot s is table[2s] = position + 1 (0 = empty) and table[2s + 1] = that position's hash, side by
  // side so a probe touches one cache line.
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
      if (table[2 * slot + 1] === hash) {
        first[i] = held - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return first;
}

/**
 * Make firstByHash's answer exact, in place: every position is checked to hold its hash's first
 * holder's key; the positions of a hash shared by different keys (a collision) are then re-indexed
 * by comparing their keys.
 */
export function settleCollisions(first: Int32Array, column: KeyColumn): Int32Array {
  const { same } = column;
  /** collided[p] = 1 when some position pointing at p holds another key than p. */
  let collided: Uint8Array | undefined;
  for (let i = 0; i < first.length; i++) {
    const head = first[i];
    if (head !== i && head !== NO_KEY && !same(head, i))
      (collided ??= new Uint8Array(first.length))[head] = 1;
  }
  if (!collided) return first;
  /** For each collided head, the first position of each distinct key among its positions so far. */
  const keysOfHead = new Map<number, number[]>();
  for (let i = 0; i < first.length; i++) {
    const head = first[i];
    if (head === NO_KEY || collided[head] === 0) continue;
    const firsts = keysOfHead.get(head) ?? [];
    keysOfHead.set(head, firsts);
    const match = firsts.find((j) => same(j, i));
    if (match === undefined) firsts.push(i);
    first[i] = match ?? i;
  }
  return first;
}
