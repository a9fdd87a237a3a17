// The summary report's frame and first half: header box, system comparison and the per-comparison
// trees, in the spec's layout with the shared report kit. Later sections live in report-sections.ts.

import { headerBox } from '../core/report.js';
import { formatCount, formatPercent, safeText } from '../core/text.js';
import { logTimestamp } from '../core/format-time.js';
import type { ComparisonResult } from './compare.js';
import { money } from './describe.js';
import { matchRate } from './issues-file.js';
import type { Discrepancy } from './model.js';
import { TYPE_TITLES } from './model.js';
import { keySummary } from './patterns.js';
import {
  aggregateSection,
  actionsSection,
  discrepancySection,
  rootCauseSection,
  trendSection,
} from './report-sections.js';
import type { ReportInput } from './report-sections.js';
import { heading, ruledTable } from './report-layout.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function header(input: ReportInput): string {
  const year = Number(input.period.slice(0, 4));
  const month = Number(input.period.slice(4));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const found = input.discrepancies.length > 0;
  return headerBox({
    width: 67,
    title: ['MONTHLY DATA RECONCILIATION REPORT', `${MONTHS[month - 1]} ${year}`],
    body: [
      `Period: ${input.period.slice(0, 4)}-${input.period.slice(4)}-01 to ${input.period.slice(0, 4)}-${input.period.slice(4)}-${String(lastDay).padStart(2, '0')}`,
      `Run Date: ${logTimestamp(input.runAt)}`,
      `Status: ${found ? 'ISSUES FOUND ⚠' : 'RECONCILED ✓'}`,
    ],
  });
}

function systemSection(input: ReportInput): string {
  const { figures } = input;
  const count = (n: number | null) => (n === null ? 'n/a' : formatCount(n));
  const perSystem = (pick: (i: number) => string) => figures.map((_, i) => pick(i));
  const within = (type: Discrepancy['type'], id: string) =>
    formatCount(
      input.discrepancies.filter((d) => d.type === type && d.target === null && d.source === id).length,
    );
  const rows = [
    ['Total Records', ...perSystem((i) => formatCount(figures[i].records))],
    ['Completed Orders', ...perSystem((i) => count(figures[i].completed))],
    ['Total Amount', ...perSystem((i) => money(figures[i].amount))],
    ['Unique Customers', ...perSystem((i) => count(figures[i].customers))],
    ['Duplicate Keys', ...figures.map((f) => within('duplicate_key', f.system))],
    ['Invalid Values', ...figures.map((f) => within('invalid_value', f.system))],
    ['Rejected Rows', ...input.rejectCounts.map((n) => formatCount(n))],
  ];
  const columns = [
    { header: '', minWidth: 22 },
    ...figures.map((f, i) => ({
      header: i === 0 ? `${input.label(f.system, true)} (Source)` : input.label(f.system, true),
      minWidth: 14,
    })),
  ];
  return `${heading('SYSTEM COMPARISON SUMMARY')}\n\n${ruledTable(columns, rows)}`;
}

function plural(n: number, word = 'record'): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

function keysText(keys: string[]): string {
  return keys.length === 0 ? '' : ` (${safeText(keySummary(keys, 5), 120)})`;
}

function comparisonTree(result: ComparisonResult, input: ReportInput): string {
  const { plan, counts } = result;
  const source = input.label(plan.source.id);
  const target = input.label(plan.target.id);
  const keysOf = (pick: (f: ComparisonResult['findings'][number]) => boolean) => [
    ...new Set(result.findings.filter(pick).map((f) => f.key)),
  ];
  const lines = [
    `✓ Matched: ${plural(counts.perfect)}${counts.matchedKeys > counts.perfect ? ` (${formatCount(counts.matchedKeys)} keys in both systems)` : ''}`,
    `⚠ Missing in ${target}: ${plural(counts.missing)}${keysText(keysOf((f) => f.type === 'missing_record'))}`,
    `⚠ Missing in ${source}: ${plural(counts.ghost)}${keysText(keysOf((f) => f.type === 'ghost_record'))}`,
    ...plan.fields.map((field, i) => {
      const keys = keysOf(
        (f) => f.field?.sourceField === field.sourceColumn && f.type === field.discrepancyType,
      );
      const invalid =
        counts.fieldInvalid[i] > 0 ? `, ${plural(counts.fieldInvalid[i], 'invalid value')}` : '';
      return `✗ ${TYPE_TITLES[field.discrepancyType]} (${field.sourceColumn}): ${plural(counts.fieldMismatches[i])}${keysText(keys)}${invalid}`;
    }),
  ];
  const title = `${source} vs ${input.label(plan.target.id, true)}`;
  return [
    title,
    '─'.repeat(title.length),
    `Match Rate: ${formatPercent(matchRate(result))} (${formatCount(counts.perfect)}/${formatCount(counts.keys)} keys matched perfectly)`,
    ...lines.map((line, i) => `${i === lines.length - 1 ? '└──' : '├──'} ${line}`),
  ].join('\n');
}

/** The whole summary report. */
export function renderReport(input: ReportInput): string {
  const sections = [
    header(input),
    systemSection(input),
    `${heading('RECONCILIATION RESULTS BY COMPARISON')}\n\n${input.comparisons.map((c) => comparisonTree(c, input)).join('\n\n')}`,
    aggregateSection(input),
    discrepancySection(input),
    rootCauseSection(input),
    actionsSection(input),
    trendSection(input),
  ].filter((s) => s !== '');
  return `${sections.join('\n\n')}\n`;
}
