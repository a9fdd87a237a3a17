// The three-way view: for a discrepancy between the truth and one system, what the other systems
// compared with the same truth say about the same key. Pure function over findings; no causes chosen here.

import type { Corroboration, Finding } from './model.js';

/**
 * Set `others` on every comparison finding:
 * - `differ`: another system compared with the same source has the same kind of discrepancy for the key;
 * - `agree`: another system has the key in the same state as the source (present for a missing record,
 *   absent for a ghost, matched without this discrepancy for a value difference);
 * - `none`: no other system can say (no other comparison, or the key is missing there).
 */
export function corroborate(
  findings: readonly Finding[],
  comparisons: readonly { name: string; source: string }[],
): Finding[] {
  const byComparison = new Map<string, Map<string, Set<Finding['type']>>>();
  for (const f of findings) {
    if (f.comparison === null) continue;
    const keys = byComparison.get(f.comparison) ?? new Map<string, Set<Finding['type']>>();
    byComparison.set(f.comparison, keys);
    const types = keys.get(f.key) ?? new Set<Finding['type']>();
    types.add(f.type);
    keys.set(f.key, types);
  }
  return findings.map((f) => {
    if (f.comparison === null) return f;
    const peers = comparisons.filter((c) => c.name !== f.comparison && c.source === f.source);
    let verdict: Corroboration = 'none';
    for (const peer of peers) {
      const types = byComparison.get(peer.name)?.get(f.key) ?? new Set<Finding['type']>();
      if (types.has(f.type)) return { ...f, others: 'differ' as const };
      if (f.type === 'ghost_record' || f.type === 'missing_record' || !types.has('missing_record'))
        verdict = 'agree';
    }
    return { ...f, others: verdict };
  });
}
