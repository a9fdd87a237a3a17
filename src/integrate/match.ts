// Finding duplicate clusters: records sharing an email, a phone or a case-insensitive name are joined,
// transitively, by indexing each key (never comparing all pairs). N/A never matches anything.

import { jaroWinkler } from '@skyra/jaro-winkler';
import type { IntegrateConfig } from './config.js';
import { NA } from './types.js';
import type { CustomerRows } from './types.js';
import { reasonBit } from './match-reasons.js';
import { UnionFind } from './union-find.js';
import { firstOccurrences, NO_KEY, settleCollisions } from './first-occurrence.js';
import type { KeyColumn } from './first-occurrence.js';
import { EXACT_KEYS, hashKeys } from './key-hashes.js';
import type { ExactKey, KeyHashes } from './key-hashes.js';

/**
 * Clusters of record positions, ordered by their first member, as typed arrays (no array per cluster):
 * cluster c's members, ascending, are `members[start[c]] .. members[start[c + 1] - 1]`.
 */
export interface Clusters {
  /** How many clusters there are. */
  count: number;
  start: Int32Array;
  members: Int32Array;
  /** For each record, the keys it shares with another member of its cluster, in report order. */
  /** For each record, the keys (bits, see match-reasons.ts) it shares with another member of its cluster. */
  reasons: Uint8Array;
}

/** `key` of the customers as the index reads it: the given hashes (0 for N/A), names compared lowercased. */
function keyColumn(customers: CustomerRows, key: ExactKey, hashes: Int32Array): KeyColumn {
  const field = key === 'name' ? 'full_name' : key;
  const lowercase = key === 'name';
  return { hashes, same: (i, j) => customers.sameField(i, j, field, lowercase) };
}

/**
 * Group duplicate records into clusters using the keys switched on in `config.match`. `hashes` are the
 * records' key hashes (key-hashes.ts), computed here unless the reader already did; `byHash` holds the
 * keys whose hashes reader threads already indexed (firstByHash).
 */
export function findDuplicateClusters(
  customers: CustomerRows,
  match: IntegrateConfig['match'],
  hashes: KeyHashes = hashKeys(customers),
  byHash: Partial<Record<ExactKey, Int32Array>> = {},
): Clusters {
  const sets = new UnionFind(customers.count);
  const reasons = new Uint8Array(customers.count);
  for (const key of matchedKeys(match)) {
    const column = keyColumn(customers, key, hashes[key]);
    const indexed = byHash[key];
    const first = indexed ? settleCollisions(indexed, column) : firstOccurrences(column);
    const bit = reasonBit(key);
    for (let i = 0; i < first.length; i++) {
      if (first[i] === NO_KEY || first[i] === i) continue;
      sets.union(first[i], i);
      reasons[first[i]] |= bit;
      reasons[i] |= bit;
    }
  }
  if (match.fuzzy_name.enabled) linkSimilarNames(customers, match.fuzzy_name.threshold, sets, reasons);
  return { ...collectClusters(sets, customers.count), reasons };
}

/** The exact keys switched on in `match`, in report order. */
export function matchedKeys(match: IntegrateConfig['match']): ExactKey[] {
  return EXACT_KEYS.filter((k) => match[k]);
}

const FUZZY_BIT = reasonBit('fuzzy_name');

/** Within a block sorted by name, each record meets at most this many neighbours, so work stays linear. */
const MAX_BLOCK = 200;

/**
 * Link records whose names are similar (Jaro-Winkler at or above `threshold`) but not equal. Names are
 * blocked by first-name initial plus the first three letters of the last name, so only plausible pairs meet;
 * a large block is walked as a sorted-neighbourhood window of MAX_BLOCK records.
 */
function linkSimilarNames(
  customers: CustomerRows,
  threshold: number,
  sets: UnionFind,
  reasons: Uint8Array,
): void {
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < customers.count; i++) {
    const name = customers.field(i, 'full_name');
    if (name === NA) continue;
    const parts = name.toLowerCase().split(' ');
    const last = parts[parts.length - 1];
    const block = `${parts[0][0]}|${last.slice(0, 3)}${last.length > 3 ? '' : '$'}`;
    const members = blocks.get(block);
    if (members) members.push(i);
    else blocks.set(block, [i]);
  }
  const nameOf = (i: number) => customers.field(i, 'full_name');
  for (const members of blocks.values()) {
    members.sort((x, y) => (nameOf(x) < nameOf(y) ? -1 : 1));
    for (let a = 0; a < members.length; a++) {
      const limit = Math.min(members.length, a + MAX_BLOCK);
      const nameA = nameOf(members[a]).toLowerCase();
      for (let b = a + 1; b < limit; b++) {
        const nameB = nameOf(members[b]).toLowerCase();
        if (nameA === nameB || jaroWinkler(nameA, nameB) < threshold) continue;
        sets.union(members[a], members[b]);
        reasons[members[a]] |= FUZZY_BIT;
        reasons[members[b]] |= FUZZY_BIT;
      }
    }
  }
}

/** Number the sets in order of their first member and list each one's members, counting-sort style. */
function collectClusters(sets: UnionFind, count: number): Omit<Clusters, 'reasons'> {
  const clusterOfRoot = new Int32Array(count).fill(-1);
  const clusterOf = new Int32Array(count);
  let clusters = 0;
  for (let i = 0; i < count; i++) {
    const root = sets.find(i);
    if (clusterOfRoot[root] < 0) clusterOfRoot[root] = clusters++;
    clusterOf[i] = clusterOfRoot[root];
  }
  const start = new Int32Array(clusters + 1);
  for (let i = 0; i < count; i++) start[clusterOf[i] + 1]++;
  for (let c = 0; c < clusters; c++) start[c + 1] += start[c];
  const next = start.slice(0, clusters);
  const members = new Int32Array(count);
  for (let i = 0; i < count; i++) members[next[clusterOf[i]]++] = i;
  return { count: clusters, start, members };
}
