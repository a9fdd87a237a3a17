import { describe, expect, it } from 'vitest';
import {
  firstByHash,
  firstOccurrences as indexColumn,
  NO_KEY,
  settleCollisions,
} from '../../src/integrate/first-occurrence.js';
import { hashString } from '../../src/integrate/key-hashes.js';

/** Index a column of strings (null = no key) the way match.ts does, with hashString. */
function firstOccurrences(values: readonly (string | null)[], hash: (text: string) => number = hashString) {
  return indexColumn({
    hashes: Int32Array.from(values, (v) => (v === null ? 0 : hash(v) || 1)),
    same: (i, j) => values[i] === values[j],
  });
}

/** The Map-based indexing the hash table replaced, as the reference. */
function viaMap(values: readonly (string | null)[]): number[] {
  const firstWith = new Map<string, number>();
  return values.map((value, i) => {
    if (value === null) return NO_KEY;
    const first = firstWith.get(value);
    if (first !== undefined) return first;
    firstWith.set(value, i);
    return i;
  });
}

describe('firstOccurrences', () => {
  it('points each repeat at the first position with its value', () => {
    expect([...firstOccurrences(['a', 'b', 'a', 'c', 'b', 'a'])]).toEqual([0, 1, 0, 3, 1, 0]);
  });

  it('gives null values no position and never matches them', () => {
    expect([...firstOccurrences([null, 'x', null, 'x'])]).toEqual([NO_KEY, 1, NO_KEY, 1]);
  });

  it('tells apart the empty string, case and unicode variants', () => {
    const values = ['', 'A', 'a', 'é', 'e\u0301', '', 'a'];
    expect([...firstOccurrences(values)]).toEqual(viaMap(values));
  });

  it('equals a Map on 50,000 values with many repeats and collisions of the table slots', () => {
    const values = Array.from({ length: 50_000 }, (_, i) => (i % 7 === 0 ? null : `v${(i * 7919) % 12_345}`));
    expect([...firstOccurrences(values)]).toEqual(viaMap(values));
  });

  it('tells apart different keys whose hashes collide', () => {
    const values = ['a', 'b', 'a', 'c', 'b'];
    expect([...firstOccurrences(values, () => 42)]).toEqual(viaMap(values));
  });

  it('handles no values at all', () => {
    expect(firstOccurrences([])).toHaveLength(0);
  });

  it('indexes by hash alone, which settleCollisions then makes exact', () => {
    const values = Array.from({ length: 5_000 }, (_, i) => (i % 5 === 0 ? null : `k${(i * 31) % 700}`));
    // A hash of 64 values, so different keys share hashes all the time.
    const hashes = Int32Array.from(values, (v) => (v === null ? 0 : (hashString(v) & 63) + 1));
    const byHash = firstByHash(hashes);
    expect(byHash.some((first, i) => first >= 0 && values[first] !== values[i])).toBe(true);
    const same = (i: number, j: number) => values[i] === values[j];
    expect([...settleCollisions(byHash, { hashes, same })]).toEqual(viaMap(values));
  });
});
