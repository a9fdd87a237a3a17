// Root-cause patterns: discrepancies classified by the same rule between the same systems form one
// pattern with its keys, cause and action, ordered by severity for the recommended actions. No I/O.

import { formatCount } from '../core/text.js';
import { fillTemplate, templateValues } from './classify.js';
import type { Discrepancy, Severity } from './model.js';
import { severityRank, TYPE_TITLES } from './model.js';
import type { ClassificationRule } from './rules.js';

/** A group of discrepancies with one probable cause. */
export interface Pattern {
  title: string;
  type: Discrepancy['type'];
  severity: Severity;
  count: number;
  /** Every key, sorted. */
  keys: string[];
  probableCause: string;
  recommendedAction: string;
}

/** "TXN008, TXN010" or "TXN001, TXN002, TXN003 and 47 more". */
export function keySummary(keys: readonly string[], shown = 3): string {
  if (keys.length <= shown) return keys.join(', ');
  return `${keys.slice(0, shown).join(', ')} and ${formatCount(keys.length - shown)} more`;
}

/** "ERP→CRM", "CRM only", "ERP↔DW" or "DW": which systems a discrepancy concerns (`targetText` overrides the target's name). */
export function systemsText(
  d: Pick<Discrepancy, 'type' | 'source' | 'target'>,
  label: (id: string) => string,
  targetText?: string,
): string {
  if (d.target === null) return label(d.source);
  const target = targetText ?? label(d.target);
  if (d.type === 'missing_record') return `${label(d.source)}→${target}`;
  if (d.type === 'ghost_record') return `${target} only`;
  return `${label(d.source)}↔${target}`;
}

/** The one value all members share, up to three distinct values joined with `/`, else "various". */
function common(values: string[]): string {
  const distinct = [...new Set(values)].sort();
  return distinct.length <= 3 ? distinct.join('/') : 'various';
}

/**
 * Group discrepancies into patterns: the same rule, type and source, whichever system differs (the
 * same cause in CRM and DW is one root cause). Most severe first, then the most frequent.
 */
export function findPatterns(
  discrepancies: readonly (Discrepancy & { rule: number })[],
  rules: readonly ClassificationRule[],
  label: (id: string) => string,
): Pattern[] {
  const groups = new Map<string, (Discrepancy & { rule: number })[]>();
  for (const d of discrepancies) {
    const id = `${d.rule}|${d.type}|${d.source}`;
    const members = groups.get(id) ?? [];
    members.push(d);
    groups.set(id, members);
  }
  const patterns = [...groups.values()].map((members) => {
    const first = members[0];
    const keys = [...new Set(members.map((m) => m.key))].sort();
    const each = members.map((m) => templateValues(m, label));
    const values: Record<string, string> = {};
    for (const name of Object.keys(each[0])) values[name] = common(each.map((v) => v[name]));
    values.key = keySummary(keys);
    const targets = [...new Set(members.map((m) => m.target).filter((t): t is string => t !== null))];
    values.target = targets.map(label).join('/');
    const statuses = [...new Set(members.map((m) => m.status).filter((s): s is string => Boolean(s)))].sort();
    const qualifier =
      first.type === 'missing_record' && statuses.length > 0 && statuses.length <= 3
        ? ` (${statuses.join('/')})`
        : '';
    const rule = rules[first.rule];
    return {
      title: `${TYPE_TITLES[first.type]}${qualifier}: ${systemsText(first, label, values.target)}`,
      type: first.type,
      severity: first.severity,
      count: members.length,
      keys,
      probableCause: fillTemplate(rule.probable_cause, values),
      recommendedAction: fillTemplate(rule.recommended_action, values),
    };
  });
  return patterns.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      b.count - a.count ||
      a.title.localeCompare(b.title),
  );
}
