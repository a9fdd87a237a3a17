// Which keys tie each record to its cluster, kept as bits in one byte per record (a million small arrays
// were slow to fill and to read), and read back as key lists in report order.

import { MATCH_KEYS } from './types.js';
import type { MatchKey } from './types.js';

/** The bit of `key` in a record's reason byte. */
export function reasonBit(key: MatchKey): number {
  return 1 << MATCH_KEYS.indexOf(key);
}

/** The key list of every possible reason byte, shared (never copied). */
const KEY_LISTS: readonly (readonly MatchKey[])[] = Array.from(
  { length: 1 << MATCH_KEYS.length },
  (_, bits) => Object.freeze(MATCH_KEYS.filter((_key, k) => (bits & (1 << k)) !== 0)),
);

/** The keys set in a reason byte, in report order: email, phone, name, fuzzy_name. */
export function reasonKeys(bits: number): readonly MatchKey[] {
  return KEY_LISTS[bits];
}

/** The keys of every possible reason byte joined with `+`, made once. */
const KEY_TEXTS: readonly string[] = KEY_LISTS.map((keys) => keys.join('+'));

/** reasonKeys(bits) joined with `+`, as the log and the duplicate report write it. */
export function reasonText(bits: number): string {
  return KEY_TEXTS[bits];
}
