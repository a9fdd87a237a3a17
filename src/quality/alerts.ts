// Alerts from thresholds: critical rules with too many failures, high/medium/low rules above their
// failure percentage, an overall score below the minimum, and an empty file. Sorted by severity, ids
// ALT001...; the alerts file keeps the spec's JSON shape. Does not render the text report.

import type { Thresholds } from './config.js';
import { SAMPLE_LIMIT } from './evaluate.js';
import { SEVERITIES } from './rules/types.js';
import type { Severity } from './rules/types.js';
import type { QualityScores, RuleResult } from './score.js';
import { SCHEMA_CHECK_ID } from './score.js';

/** One alert, in the spec's JSON shape plus `affected_count` (the total behind the first 100 ids). */
export interface Alert {
  id: string;
  severity: Severity;
  /** The rule id, or `OVERALL` / `EMPTY_FILE` for whole-file alerts. */
  rule_id: string;
  message: string;
  affected_records: string[];
  affected_count: number;
  action_required: string;
  /** Why the threshold fired, for the report line (`threshold: 0, actual: 1`). */
  breach: { threshold: string; actual: string };
}

/** The alerts file. */
export interface AlertsFile {
  generated_at: string;
  alerts: Omit<Alert, 'breach'>[];
}

/** What alerts need besides the scores. */
export interface AlertContext {
  thresholds: Thresholds;
  /** Lower-case noun for a record, from the record id column (`order`). */
  recordNoun: string;
  dataFile: string;
  rejectsFile: string;
}

/** The overall-score alert is `high`: a low score needs attention, but a specific critical rule says more. */
export const OVERALL_ALERT_SEVERITY: Severity = 'high';

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const pct = (value: number) => `${value.toFixed(1)}%`;

function idsOf(rule: RuleResult): string[] {
  return [...new Set(rule.samples.map((sample) => sample.recordId ?? '(no id)'))];
}

function listIds(ids: readonly string[], total: number, noun: string): string {
  const shown = ids.slice(0, 5);
  const more = total - shown.length;
  const nouns = total === 1 ? noun : `${noun}s`;
  return `${nouns} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function percentLimit(severity: Severity, thresholds: Thresholds): number | undefined {
  if (severity === 'high') return thresholds.high_max_percent;
  if (severity === 'medium') return thresholds.medium_max_percent;
  if (severity === 'low') return thresholds.low_max_percent;
  return undefined;
}

function ruleAlert(rule: RuleResult, context: AlertContext): Omit<Alert, 'id'> | undefined {
  const { thresholds, recordNoun } = context;
  const ids = rule.id === SCHEMA_CHECK_ID ? [] : idsOf(rule);
  const where =
    rule.id === SCHEMA_CHECK_ID
      ? `the rows listed in ${context.rejectsFile}`
      : listIds(ids, rule.failed, recordNoun);
  const base = {
    severity: rule.severity,
    rule_id: rule.id,
    affected_records: ids,
    affected_count: rule.failed,
    action_required: `Investigate ${rule.problem} in ${where}`,
  };
  if (rule.severity === 'critical') {
    if (rule.failed <= thresholds.critical_max_failures) return undefined;
    return {
      ...base,
      message: `Critical rule '${rule.name}' has ${plural(rule.failed, 'failure')}`,
      breach: { threshold: String(thresholds.critical_max_failures), actual: String(rule.failed) },
    };
  }
  const limit = percentLimit(rule.severity, thresholds);
  const failedPercent = rule.checked > 0 ? (rule.failed / rule.checked) * 100 : 0;
  if (limit === undefined || failedPercent <= limit) return undefined;
  return {
    ...base,
    message: `${cap(rule.severity)} rule '${rule.name}' has ${pct(failedPercent)} failures (${rule.failed} of ${rule.checked}), above the ${limit}% limit`,
    breach: { threshold: `${limit}%`, actual: pct(failedPercent) },
  };
}

function overallAlert(scores: QualityScores, context: AlertContext): Omit<Alert, 'id'> | undefined {
  const minimum = context.thresholds.overall_min_score;
  if (scores.score === null || scores.score >= minimum) return undefined;
  const failing = scores.records - scores.passingRecords;
  const ids = [...new Set(scores.rules.flatMap(idsOf))].sort().slice(0, SAMPLE_LIMIT);
  return {
    severity: OVERALL_ALERT_SEVERITY,
    rule_id: 'OVERALL',
    message: `Overall quality score ${pct(scores.score)} is below the ${minimum}% minimum (${failing} of ${scores.records} records fail a rule)`,
    affected_records: ids,
    affected_count: failing,
    action_required: `Fix the failing rules above, starting with the most severe; ${failing} ${failing === 1 ? context.recordNoun : `${context.recordNoun}s`} fail at least one rule`,
    breach: { threshold: `${minimum}%`, actual: pct(scores.score) },
  };
}

function emptyFileAlert(context: AlertContext): Omit<Alert, 'id'> {
  return {
    severity: 'critical',
    rule_id: 'EMPTY_FILE',
    message: `Data file ${context.dataFile} has no records; no score was computed`,
    affected_records: [],
    affected_count: 0,
    action_required: `Check the export that produces ${context.dataFile}`,
    breach: { threshold: '1 record', actual: '0 records' },
  };
}

/** Every alert for a run, most severe first (rule order within a severity, the overall alert last), ids ALT001... */
export function buildAlerts(scores: QualityScores, context: AlertContext): Alert[] {
  const found: Omit<Alert, 'id'>[] = [];
  if (scores.records === 0) found.push(emptyFileAlert(context));
  for (const rule of scores.rules) {
    const alert = ruleAlert(rule, context);
    if (alert) found.push(alert);
  }
  const overall = overallAlert(scores, context);
  if (overall) found.push(overall);
  const rank = (severity: Severity) => SEVERITIES.indexOf(severity);
  return found
    .map((alert, order) => ({ alert, order }))
    .sort((a, b) => rank(a.alert.severity) - rank(b.alert.severity) || a.order - b.order)
    .map(({ alert }, index) => ({ id: `ALT${String(index + 1).padStart(3, '0')}`, ...alert }));
}

/** The alerts file's content (the spec's shape; the report-only `breach` is left out). */
export function alertsFile(alerts: readonly Alert[], generatedAt: string): AlertsFile {
  return {
    generated_at: generatedAt,
    alerts: alerts.map((alert) => ({
      id: alert.id,
      severity: alert.severity,
      rule_id: alert.rule_id,
      message: alert.message,
      affected_records: alert.affected_records,
      affected_count: alert.affected_count,
      action_required: alert.action_required,
    })),
  };
}

/** True when any alert is at `failOn` or more severe. */
export function hasAlertAtOrAbove(alerts: readonly Alert[], failOn: Severity): boolean {
  return alerts.some((alert) => SEVERITIES.indexOf(alert.severity) <= SEVERITIES.indexOf(failOn));
}
