// The text report in the spec's layout: header box, rule table, scores by severity, failed-records
// detail, rejected rows, alerts and the three-day trend, built with the shared report kit.
// Does not compute anything; every figure comes from score.ts, alerts.ts and history.ts.

import { bar, changeText, headerBox, sectionTitle, table } from '../core/report.js';
import { formatPercent, safeText } from '../core/text.js';
import type { Alert } from './alerts.js';
import type { SchemaReject } from './evaluate.js';
import type { Trend } from './history.js';
import type { QualityScores, RuleResult } from './score.js';

/** The report shows at most this many failure lines and rejected rows. */
export const DETAIL_LIMIT = 100;

const WIDTH = 64;

/** Everything the report shows. */
export interface ReportInput {
  date: string;
  fileName: string;
  scores: QualityScores;
  alerts: readonly Alert[];
  trend: Trend;
  rejects: readonly SchemaReject[];
  rejectsFile: string;
  /** Capitalised record noun from the id column (`Order`). */
  recordLabel: string;
  overallMinScore: number;
}

const pct = (value: number | null) => (value === null ? 'n/a' : formatPercent(value));

function previousDayText(date: string, scores: QualityScores, trend: Trend): string {
  const previous = trend.previous;
  if (!previous) return 'Previous Day Score: none (no earlier run in history)';
  const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const label = previous.date === dayBefore ? 'Previous Day Score' : `Previous Score (${previous.date})`;
  const change = scores.score === null ? '' : ` ${changeText(scores.score - previous.score)}`;
  return `${label}: ${formatPercent(previous.score)}${change}`;
}

function header(input: ReportInput): string {
  const { scores } = input;
  const mark = scores.score === null ? '' : scores.score >= input.overallMinScore ? ' ✓' : ' ⚠';
  const body = [
    `File: ${safeText(input.fileName, 50)}`,
    `Records Analyzed: ${scores.records}${scores.rejectedRows > 0 ? ` (${scores.rejectedRows} rejected)` : ''}`,
    scores.score === null
      ? 'Overall Quality Score: not computed (no records)'
      : `Overall Quality Score: ${formatPercent(scores.score)}${mark}`,
    `Checks Passed: ${scores.checksPassed} of ${scores.checksTotal} (${pct(scores.checksPassRate)})`,
    previousDayText(input.date, scores, input.trend),
  ];
  return headerBox({ title: [`DATA QUALITY REPORT - ${input.date}`], body });
}

function ruleTable(rules: readonly RuleResult[]): string {
  const rows = rules.map((rule) => [
    safeText(rule.id, 12),
    safeText(rule.name, 40),
    String(rule.passed),
    String(rule.failed),
    pct(rule.score),
    rule.severity.toUpperCase(),
  ]);
  const columns = [
    { header: 'Rule ID', minWidth: 7 },
    { header: 'Rule Name', minWidth: 25 },
    { header: 'Passed', minWidth: 6 },
    { header: 'Failed', minWidth: 6 },
    { header: 'Score', minWidth: 6 },
    { header: 'Severity' },
  ];
  return `RULE RESULTS\n${table(columns, rows, { ruleWidth: WIDTH })}`;
}

function severityTable(scores: QualityScores): string {
  const rows = scores.severities.map((s) => [
    s.severity.toUpperCase(),
    String(s.rules),
    String(s.failedChecks),
    `${s.passingRecords} of ${scores.records}`,
    pct(s.score),
  ]);
  const columns = [
    { header: 'Severity' },
    { header: 'Rules' },
    { header: 'Failed Checks' },
    { header: 'Records Passing' },
    { header: 'Score' },
  ];
  return `SCORES BY SEVERITY\n${table(columns, rows, { ruleWidth: WIDTH })}`;
}

function failureLine(rule: RuleResult, sample: RuleResult['samples'][number], label: string): string {
  const value = sample.value === null || sample.value.trim() === '' ? 'NULL' : safeText(sample.value, 60);
  const expected = sample.expected === null ? '' : ` expected ${Number(sample.expected.toFixed(6))}`;
  return `${label} ${safeText(sample.recordId ?? '(no id)', 40)}: ${safeText(rule.field, 40)}=${value}${expected} (Rule ${safeText(rule.id, 12)}: ${safeText(sample.reason, 80)})`;
}

function failedRecords(input: ReportInput): string {
  const failures = input.scores.rules.flatMap((rule, order) =>
    rule.samples.map((sample) => ({ rule, sample, order })),
  );
  failures.sort((a, b) => {
    const left = a.sample.recordId ?? '';
    const right = b.sample.recordId ?? '';
    return left < right ? -1 : left > right ? 1 : a.order - b.order;
  });
  const total = input.scores.rules.reduce((sum, rule) => sum + (rule.type === 'schema' ? 0 : rule.failed), 0);
  const lines = failures
    .slice(0, DETAIL_LIMIT)
    .map(({ rule, sample }) => failureLine(rule, sample, input.recordLabel));
  if (lines.length === 0) lines.push('None: every record passed every rule.');
  if (total > lines.length && failures.length > 0)
    lines.push(
      `... showing the first ${lines.length} of ${total} failures (ordered by ${input.recordLabel.toLowerCase()} id); the alerts file lists affected ids per rule`,
    );
  return `${sectionTitle('FAILED RECORDS DETAIL', WIDTH)}\n${lines.join('\n')}`;
}

function rejectedRows(input: ReportInput): string | undefined {
  if (input.rejects.length === 0) return undefined;
  const lines = input.rejects
    .slice(0, DETAIL_LIMIT)
    .map((reject) => `Line ${reject.line}: ${safeText(reject.reason, 80)}: ${safeText(reject.raw, 60)}`);
  lines.push(`Every rejected row is listed in ${input.rejectsFile}`);
  return `${sectionTitle(`REJECTED ROWS: ${input.rejects.length}`, WIDTH)}\n${lines.join('\n')}`;
}

const ALERT_ICON: Record<Alert['severity'], string> = { critical: '🚨', high: '⚠', medium: '⚠', low: 'ℹ' };

function alertLines(alerts: readonly Alert[]): string {
  const lines = alerts.map((alert) => {
    const subject =
      alert.rule_id === 'OVERALL'
        ? 'Overall score below minimum'
        : alert.rule_id === 'EMPTY_FILE'
          ? 'Data file has no records'
          : alert.severity === 'critical'
            ? `Rule ${safeText(alert.rule_id, 12)} has failures`
            : `Rule ${safeText(alert.rule_id, 12)} failure rate too high`;
    return `${ALERT_ICON[alert.severity]} ${alert.severity.toUpperCase()}: ${subject} (threshold: ${alert.breach.threshold}, actual: ${alert.breach.actual})`;
  });
  if (lines.length === 0) lines.push('None: every threshold was met.');
  return `${sectionTitle(`ALERTS GENERATED: ${alerts.length}`, WIDTH)}\n${lines.join('\n')}`;
}

const DIRECTION_TEXT: Record<Trend['direction'], string> = {
  declining: '⚠ Declining trend detected',
  improving: '↑ Improving trend',
  stable: '→ Stable',
  'not enough history': '(not enough history for a trend)',
};

function trendLines(input: ReportInput): string {
  const { points, direction } = input.trend;
  const lines = points.map(
    (point) => `${point.date}: ${formatPercent(point.score)} ${bar(point.score, 100, 10)}`,
  );
  if (input.scores.score === null) lines.push(`${input.date}: not computed (no records)`);
  if (lines.length > 0) lines[lines.length - 1] += ` ${DIRECTION_TEXT[direction]}`;
  return `${sectionTitle(`TREND ANALYSIS (Last ${points.length === 1 ? 'Day' : `${points.length} Days`})`, WIDTH)}\n${lines.join('\n')}`;
}

/** Render the whole report (ends with a newline). */
export function renderReport(input: ReportInput): string {
  const sections = [
    header(input),
    ruleTable(input.scores.rules),
    severityTable(input.scores),
    failedRecords(input),
    rejectedRows(input),
    alertLines(input.alerts),
    trendLines(input),
  ];
  return `${sections.filter((section) => section !== undefined).join('\n\n')}\n`;
}
