// Classification: each finding gets an id, a severity, a probable cause and a recommended action from
// the first matching rule (the user's, then the built-in defaults that follow the spec). No I/O.

import { Decimal } from 'decimal.js';
import { ConfigError } from '../core/errors.js';
import type { Discrepancy, Finding } from './model.js';
import { DISCREPANCY_TYPES } from './model.js';
import type { ClassificationRule, ClassificationSpec, Condition } from './rules.js';

/** Placeholders a cause or action may use. */
export const PLACEHOLDERS = [
  'key',
  'source',
  'target',
  'field',
  'source_value',
  'target_value',
  'status',
  'difference',
] as const;

/** The built-in rules, most specific first; `roundingBand` is the largest amount difference treated as rounding. */
export function defaultRules(roundingBand: number): ClassificationRule[] {
  const rule = (
    when: Condition,
    severity: ClassificationRule['severity'],
    cause: string,
    action: string,
  ): ClassificationRule => ({
    when,
    severity,
    probable_cause: cause,
    recommended_action: action,
  });
  return [
    rule(
      { type: 'ghost_record', others: 'differ' },
      'critical',
      'Record exists downstream but not in {source}: deleted in {source} or created outside it',
      'Investigate {key}: restore the {source} transaction or remove it from {target}',
    ),
    rule(
      { type: 'ghost_record' },
      'critical',
      'Possible data entry directly in {target}',
      'Investigate {key} ghost record in {target} - potential fraud risk; create the {source} transaction or remove it',
    ),
    rule(
      { type: 'missing_record', status: 'cancelled', others: 'differ' },
      'low',
      'Cancelled orders are not synced to any downstream system',
      'Confirm that cancelled orders ({key}) are meant to stay out of {target}',
    ),
    rule(
      { type: 'missing_record', status: 'cancelled' },
      'low',
      '{target} does not sync cancelled orders',
      'Evaluate syncing cancelled orders to {target} ({key})',
    ),
    rule(
      { type: 'missing_record', status: 'pending' },
      'high',
      '{target} only syncs completed orders: pending order not synced',
      'Verify {target} sync rules for pending orders ({key})',
    ),
    rule(
      { type: 'missing_record', others: 'agree' },
      'high',
      '{target} sync dropped the record (other systems have it)',
      'Re-run the {target} sync for {key}',
    ),
    rule(
      { type: 'missing_record' },
      'high',
      'Record not exported from {source} to downstream systems',
      'Check the {source} export for {key}',
    ),
    rule(
      { type: 'duplicate_key' },
      'high',
      'Record loaded more than once into {source}',
      'Remove the duplicate {key} from {source} and make its load idempotent',
    ),
    rule(
      { type: 'invalid_value' },
      'high',
      'Unparseable value in the {source} export',
      'Fix {field} of {key} in {source}',
    ),
    rule(
      { type: 'amount_mismatch', max_abs_difference: roundingBand },
      'low',
      'Rounding difference in {target}',
      'Review {target} rounding logic ({key} amount variance)',
    ),
    rule(
      { type: 'amount_mismatch', others: 'agree' },
      'high',
      '{target} transformation changed the amount (other systems agree with {source})',
      'Correct the amount of {key} in {target} and fix its ETL',
    ),
    rule(
      { type: 'amount_mismatch' },
      'high',
      'Amount changed in {source} after the downstream sync',
      'Re-sync the amount of {key} from {source}',
    ),
    rule(
      { type: 'status_mismatch', others: 'differ' },
      'medium',
      '{source_value} status not propagating from {source} to downstream systems',
      'Fix {source_value} status sync between {source} and {target} ({key})',
    ),
    rule(
      { type: 'status_mismatch', others: 'agree' },
      'medium',
      '{target} sync did not pick up the status change (other systems agree with {source})',
      'Fix status sync between {source} and {target} ({key})',
    ),
    rule(
      { type: 'status_mismatch' },
      'medium',
      'Status differs: {source_value} in {source}, {target_value} in {target}',
      'Fix status sync between {source} and {target} ({key})',
    ),
    rule(
      { type: 'quantity_mismatch' },
      'medium',
      'Quantity changed between {source} and {target}',
      'Correct the quantity of {key} in {target}',
    ),
    rule(
      { type: 'timing_difference' },
      'low',
      'Date recorded differently in {target} (posting date or time zone)',
      'Align date rules between {source} and {target} ({key})',
    ),
    rule(
      {},
      'medium',
      '{field} differs between {source} and {target}',
      'Correct {field} of {key} in {target}',
    ),
  ];
}

const asList = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** True when `finding` meets every part of `when`. */
export function matches(when: Condition, finding: Finding): boolean {
  const types = asList(when.type);
  if (types && !types.includes(finding.type)) return false;
  const systems = asList(when.system);
  if (systems && !systems.includes(finding.target ?? finding.source)) return false;
  const statuses = asList(when.status)?.map((s) => s.toLowerCase());
  if (statuses && !statuses.includes((finding.status ?? '').trim().toLowerCase())) return false;
  if (when.others && when.others !== finding.others) return false;
  if (when.max_abs_difference !== undefined || when.min_abs_difference !== undefined) {
    const difference = finding.field?.difference;
    if (difference === null || difference === undefined) return false;
    const size = new Decimal(difference).abs();
    if (when.max_abs_difference !== undefined && size.greaterThan(String(when.max_abs_difference)))
      return false;
    if (when.min_abs_difference !== undefined && size.lessThan(String(when.min_abs_difference))) return false;
  }
  return true;
}

/** Replace `{name}` placeholders; `values` supplies them. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Check that user rules only use known placeholders. */
export function checkRulePlaceholders(
  rules: readonly ClassificationRule[],
  where = 'classification.rules',
): void {
  rules.forEach((rule, i) => {
    for (const text of [rule.probable_cause, rule.recommended_action]) {
      for (const [, name] of text.matchAll(/\{(\w+)\}/g)) {
        if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
          throw new ConfigError(
            `${where}[${i}] uses unknown placeholder {${name}}`,
            `use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
          );
        }
      }
    }
  });
}

/** The rules in force: the user's first, then (unless replaced) the defaults. */
export function effectiveRules(spec: ClassificationSpec): ClassificationRule[] {
  checkRulePlaceholders(spec.rules);
  return spec.replace_defaults
    ? [...spec.rules, ...defaultRules(spec.rounding_band).slice(-1)]
    : [...spec.rules, ...defaultRules(spec.rounding_band)];
}

/** Placeholder values for one finding; `label` turns a source id into its short name. */
export function templateValues(finding: Finding, label: (id: string) => string): Record<string, string> {
  return {
    key: finding.key,
    source: label(finding.source),
    target: finding.target === null ? '' : label(finding.target),
    field: finding.field?.sourceField ?? '',
    source_value: finding.field?.sourceValue ?? '',
    target_value: finding.field?.targetValue ?? '',
    status: finding.status ?? '',
    difference: finding.field?.difference ?? '',
  };
}

/**
 * Order findings (comparison order, then checks within systems; by type, then key), number them
 * D001... and classify each with the first rule that matches. Returns the rule index used, too.
 */
export function classify(
  findings: readonly Finding[],
  rules: readonly ClassificationRule[],
  order: { comparisons: readonly string[]; systems: readonly string[] },
  label: (id: string) => string,
): (Discrepancy & { rule: number })[] {
  const group = (f: Finding) =>
    f.comparison !== null
      ? order.comparisons.indexOf(f.comparison)
      : order.comparisons.length + order.systems.indexOf(f.source);
  const sorted = [...findings].sort(
    (a, b) =>
      group(a) - group(b) ||
      DISCREPANCY_TYPES.indexOf(a.type) - DISCREPANCY_TYPES.indexOf(b.type) ||
      compareText(a.key, b.key),
  );
  const width = Math.max(3, String(sorted.length).length);
  return sorted.map((finding, i) => {
    const index = rules.findIndex((r) => matches(r.when, finding));
    const rule = rules[index];
    const values = templateValues(finding, label);
    return {
      ...finding,
      id: `D${String(i + 1).padStart(width, '0')}`,
      severity: rule.severity,
      probableCause: fillTemplate(rule.probable_cause, values),
      recommendedAction: fillTemplate(rule.recommended_action, values),
      rule: index,
    };
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
