// Finding duplicate clusters: records sharing an email, a phone or a case-insensitive name are joined,
// transitively, by indexing each key (never comparing all pairs). N/A never matches anything.

import { jaroWinkler } from '@skyra/jaro-winkler';
import type { IntegrateConfig } from './config.js';
import { NA } from './types.js';
import type { Customer, MatchKey } from './types.js';
import { UnionFind } from './union-find.js';

/** Clusters of record positions (each sorted, clusters ordered by first member) and each record's match keys. */
export interface Clusters {
  groups: number[][];
  /** For each record, the keys it shares with another member of its cluster, in report order. */
  reasons: MatchKey[][];
}

type ExactKey = Exclude<MatchKey, 'fuzzy_name'>;

function keyValue(customer: Customer, key: ExactKey): string {
  switch (key) {
    case 'email':
      return customer.fields.email;
    case 'phone':
      return customer.fields.phone;
    case 'name':
      return customer.fields.full_name === NA ? NA : customer.fields.full_name.toLowerCase();
  }
}

/** Group duplicate records into clusters using the keys switched on in `config.match`. */
export function findDuplicateClusters(
  customers: readonly Customer[],
  match: IntegrateConfig['match'],
): Clusters {
  const sets = new UnionFind(customers.length);
  const reasons: MatchKey[][] = customers.map(() => []);
  const exactKeys = (['email', 'phone', 'name'] as const).filter((key) => match[key]);
  for (const key of exactKeys) {
    const firstWith = new Map<string, number>();
    const shared = new Set<number>();
    customers.forEach((customer, i) => {
      const value = keyValue(customer, key);
      if (value === NA) return;
      const first = firstWith.get(value);
      if (first === undefined) {
        firstWith.set(value, i);
        return;
      }
      sets.union(first, i);
      shared.add(first).add(i);
    });
    for (const i of shared) reasons[i].push(key);
  }
  if (match.fuzzy_name.enabled) linkSimilarNames(customers, match.fuzzy_name.threshold, sets, reasons);
  return { groups: collectGroups(sets, customers.length), reasons };
}

/** Within a block sorted by name, each record meets at most this many neighbours, so work stays linear. */
const MAX_BLOCK = 200;

/**
 * Link records whose names are similar (Jaro-Winkler at or above `threshold`) but not equal. Names are
 * blocked by first-name initial plus the first three letters of the last name, so only plausible pairs meet;
 * a large block is walked as a sorted-neighbourhood window of MAX_BLOCK records.
 */
function linkSimilarNames(
  customers: readonly Customer[],
  threshold: number,
  sets: UnionFind,
  reasons: MatchKey[][],
): void {
  const blocks = new Map<string, number[]>();
  customers.forEach((customer, i) => {
    const name = customer.fields.full_name;
    if (name === NA) return;
    const parts = name.toLowerCase().split(' ');
    const last = parts[parts.length - 1];
    const block = `${parts[0][0]}|${last.slice(0, 3)}${last.length > 3 ? '' : '$'}`;
    const members = blocks.get(block);
    if (members) members.push(i);
    else blocks.set(block, [i]);
  });
  for (const members of blocks.values()) {
    members.sort((x, y) => (customers[x].fields.full_name < customers[y].fields.full_name ? -1 : 1));
    for (let a = 0; a < members.length; a++) {
      const limit = Math.min(members.length, a + MAX_BLOCK);
      const nameA = customers[members[a]].fields.full_name.toLowerCase();
      for (let b = a + 1; b < limit; b++) {
        const nameB = customers[members[b]].fields.full_name.toLowerCase();
        if (nameA === nameB || jaroWinkler(nameA, nameB) < threshold) continue;
        sets.union(members[a], members[b]);
        for (const i of [members[a], members[b]])
          if (!reasons[i].includes('fuzzy_name')) reasons[i].push('fuzzy_name');
      }
    }
  }
}

function collectGroups(sets: UnionFind, count: number): number[][] {
  const groupOfRoot = new Int32Array(count).fill(-1);
  const groups: number[][] = [];
  for (let i = 0; i < count; i++) {
    const root = sets.find(i);
    const group = groupOfRoot[root];
    if (group >= 0) groups[group].push(i);
    else {
      groupOfRoot[root] = groups.length;
      groups.push([i]);
    }
  }
  return groups;
}
