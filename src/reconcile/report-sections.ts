// The summary report's second half: aggregates with gap attribution, the discrepancy table, root-cause
// patterns, recommended actions and the trend against an earlier period. Text only; no computation of findings.

import { Decimal } from 'decimal.js';
import { changeText, rule, trendArrow } from '../core/report.js';
import { formatCount, formatPercent, safeText } from '../core/text.js';
import type { AggregateResult, GapCause, Variance } from './aggregate.js';
import { GAP_CAUSES } from './aggregate.js';
import type { ComparisonResult } from './compare.js';
import { detailText, money, signedMoney, signedPercent } from './describe.js';
import type { PreviousRun } from './issues-file.js';
import { matchRate, periodLabel } from './issues-file.js';
import type { Discrepancy, Severity } from './model.js';
import { SEVERITIES, severityRank, TYPE_TITLES } from './model.js';
import type { Pattern } from './patterns.js';
import { keySummary, systemsText } from './patterns.js';
import { heading, REPORT_WIDTH, ruledTable } from './report-layout.js';
import type { SystemFigures } from './system-summary.js';

/** Everything the report shows. */
export interface ReportInput {
  period: string;
  runAt: Date;
  truth: string;
  /** A source id's short name, or its long name with `long`. */
  label: (id: string, long?: boolean) => string;
  /** Header of the key column in the discrepancy table. */
  keyTitle: string;
  figures: SystemFigures[];
  rejectCounts: number[];
  comparisons: ComparisonResult[];
  aggregates: AggregateResult[];
  discrepancies: Discrepancy[];
  patterns: Pattern[];
  previous: PreviousRun | null;
  issuesFile: string;
}

/** Rows shown in the discrepancy table, patterns and actions before "... and N more". */
export const REPORT_LIMITS = { discrepancies: 25, patterns: 10, actions: 10, groups: 10 };

const SHORT_SEVERITY: Record<Severity, string> = {
  critical: 'CRIT',
  high: 'HIGH',
  medium: 'MED',
  low: 'LOW',
};
const CAUSE_WORDS: Record<GapCause, string> = {
  missing: 'missing records',
  ghost: 'ghost records',
  changed: 'differing records',
  duplicate: 'duplicates',
};

function explanation(a: AggregateResult, input: ReportInput, system: string): string | null {
  const flagged = a.groups
    .map((g) => g.others.get(system))
    .filter((v): v is Variance => v !== undefined && v.flagged);
  if (flagged.length === 0) return null;
  if (flagged[0].explained === null)
    return `  ${input.label(system)}: no record-level comparison with ${input.label(input.truth)} to explain the gap`;
  const total = (pick: (v: Variance) => string | null | undefined) =>
    flagged.reduce((sum, v) => sum.plus(pick(v) ?? '0'), new Decimal(0));
  const parts = GAP_CAUSES.map((cause) => ({ cause, value: total((v) => v.explained?.[cause]) })).filter(
    (p) => !p.value.isZero(),
  );
  const explained =
    parts.length === 0
      ? 'nothing'
      : parts.map((p) => `${CAUSE_WORDS[p.cause]} ${signedMoney(p.value.toString())}`).join(', ');
  const all = a.flagged.get(system) ?? 0;
  const largest =
    all > flagged.length ? ` (the ${formatCount(flagged.length)} largest of ${formatCount(all)})` : '';
  const scope =
    a.plan.groupBy === null
      ? 'gap'
      : `gap over ${formatCount(flagged.length)} flagged group${flagged.length === 1 ? '' : 's'}${largest}`;
  return `  ${input.label(system)} ${scope} ${signedMoney(total((v) => v.variance).toString())} = ${explained}; unexplained ${signedMoney(total((v) => v.unexplained).toString())}`;
}

function aggregateBlock(a: AggregateResult, input: ReportInput): string {
  const filter = a.plan.statusFilter ? `${a.plan.statusFilter.join('/')} only` : 'all statuses';
  const title = `${a.plan.name} (${a.plan.groupBy ? `by ${a.plan.groupBy}, ` : ''}${filter}, tolerance ±${a.plan.tolerancePercent}%)`;
  const lines = [title, '─'.repeat(Math.min(REPORT_WIDTH, title.length))];
  const systems = a.systems;
  const mark = (flagged: boolean) => (flagged ? '⚠' : '✓');
  if (a.plan.groupBy === null) {
    const g = a.groups[0];
    const rows = [[input.label(input.truth, true), money(g?.truth.total ?? '0'), '(baseline)']];
    for (const id of systems) {
      const v = g.others.get(id);
      if (v)
        rows.push([
          input.label(id, true),
          money(v.total),
          `${signedMoney(v.variance)} (${signedPercent(v.percent)}) ${mark(v.flagged)}`,
        ]);
    }
    lines.push(
      ruledTable(
        [{ header: 'System', minWidth: 18 }, { header: 'Amount', minWidth: 14 }, { header: 'Variance' }],
        rows,
      ),
    );
  } else {
    const counts = systems
      .map((id) => `${input.label(id)} ${formatCount(a.flagged.get(id) ?? 0)}`)
      .join(', ');
    lines.push(`Groups: ${formatCount(a.groupCount)}; beyond tolerance: ${counts}`);
    const flagged = a.groups
      .filter((g) => [...g.others.values()].some((v) => v.flagged))
      .sort((x, y) => maxGap(y) - maxGap(x) || (x.group < y.group ? -1 : 1))
      .slice(0, REPORT_LIMITS.groups)
      .sort((x, y) => (x.group < y.group ? -1 : 1));
    if (flagged.length > 0) {
      const rows = flagged.map((g) => [
        safeText(g.group, 24),
        money(g.truth.total),
        ...systems.map((id) => {
          const v = g.others.get(id);
          return v ? `${signedMoney(v.variance)} (${signedPercent(v.percent)}) ${mark(v.flagged)}` : 'n/a';
        }),
      ]);
      lines.push(
        ruledTable(
          [
            { header: a.plan.groupBy },
            { header: input.label(input.truth) },
            ...systems.map((id) => ({ header: `${input.label(id)} variance` })),
          ],
          rows,
        ),
      );
    }
  }
  for (const id of systems) {
    const text = explanation(a, input, id);
    if (text) lines.push(text);
  }
  for (const s of a.plan.skipped) lines.push(`  ${input.label(s.system)} not compared: ${s.reason}`);
  return lines.join('\n');
}

function maxGap(g: AggregateResult['groups'][number]): number {
  return Math.max(...[...g.others.values()].map((v) => Math.abs(Number(v.variance))));
}

/** AGGREGATE RECONCILIATION. */
export function aggregateSection(input: ReportInput): string {
  if (input.aggregates.length === 0) return '';
  return `${heading('AGGREGATE RECONCILIATION')}\n\n${input.aggregates.map((a) => aggregateBlock(a, input)).join('\n\n')}`;
}

/** DISCREPANCIES DETAIL: the first rows by id, or the most severe when there are many. */
export function discrepancySection(input: ReportInput): string {
  const all = input.discrepancies;
  const shown =
    all.length <= REPORT_LIMITS.discrepancies
      ? all
      : [...all]
          .sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
          .slice(0, REPORT_LIMITS.discrepancies)
          .sort((a, b) => (a.id < b.id ? -1 : 1));
  const body =
    all.length === 0
      ? 'No discrepancies found.'
      : ruledTable(
          [
            { header: 'ID' },
            { header: 'Severity' },
            { header: 'Type' },
            { header: input.keyTitle },
            { header: 'Systems' },
            { header: 'Details' },
          ],
          shown.map((d) => [
            d.id,
            d.severity.toUpperCase(),
            TYPE_TITLES[d.type],
            safeText(d.key, 24),
            systemsText(d, input.label),
            safeText(detailText(d, input.label), 60),
          ]),
        );
  const more =
    all.length > shown.length
      ? `\n... and ${formatCount(all.length - shown.length)} more in ${input.issuesFile}`
      : '';
  return `${heading('DISCREPANCIES DETAIL')}\n\n${body}${more}`;
}

/** ROOT CAUSE ANALYSIS: one block per pattern. */
export function rootCauseSection(input: ReportInput): string {
  if (input.patterns.length === 0) return '';
  const blocks = input.patterns
    .slice(0, REPORT_LIMITS.patterns)
    .map((p) =>
      [
        `Issue Pattern: ${safeText(p.title, 100)} (${formatCount(p.count)} discrepanc${p.count === 1 ? 'y' : 'ies'} on ${safeText(keySummary(p.keys), 80)})`,
        `Likely Cause: ${safeText(p.probableCause, 120)}`,
        `Recommendation: ${safeText(p.recommendedAction, 120)}`,
      ].join('\n'),
    );
  const more =
    input.patterns.length > REPORT_LIMITS.patterns
      ? `\n\n... and ${input.patterns.length - REPORT_LIMITS.patterns} more patterns in ${input.issuesFile}`
      : '';
  return `${heading('ROOT CAUSE ANALYSIS')}\n\n${blocks.join('\n\n')}${more}`;
}

/** RECOMMENDED ACTIONS, ordered by severity. */
export function actionsSection(input: ReportInput): string {
  if (input.patterns.length === 0) return '';
  const rows = input.patterns
    .slice(0, REPORT_LIMITS.actions)
    .map(
      (p, i) =>
        `${`${i + 1} (${SHORT_SEVERITY[p.severity]})`.padEnd(10)}${safeText(p.recommendedAction, 120)}`,
    );
  return `${heading('RECOMMENDED ACTIONS')}\n\n${['Priority  Action', rule(REPORT_WIDTH), ...rows].join('\n')}`;
}

/** TREND against the latest earlier period with a discrepancies file. */
export function trendSection(input: ReportInput): string {
  const previous = input.previous;
  if (!previous) return '';
  const now = input.discrepancies.length;
  const line = (label: string, before: string, after: string, change: string) =>
    `${label.padEnd(28)}${before.padStart(8)} → ${after.padEnd(8)} ${change}`;
  const count = (a: number, b: number) => `(${trendArrow(b - a)} ${formatCount(Math.abs(b - a))})`;
  const rows = [
    line('Total discrepancies', formatCount(previous.total), formatCount(now), count(previous.total, now)),
  ];
  for (const severity of SEVERITIES) {
    const before = previous.bySeverity[severity] ?? 0;
    const after = input.discrepancies.filter((d) => d.severity === severity).length;
    rows.push(line(`  ${severity}`, formatCount(before), formatCount(after), count(before, after)));
  }
  for (const c of input.comparisons) {
    const before = previous.matchRates.get(c.plan.name);
    if (before === undefined) continue;
    const after = matchRate(c);
    rows.push(
      line(
        `Match rate ${safeText(c.plan.name, 16)}`,
        formatPercent(before),
        formatPercent(after),
        changeText(after - before),
      ),
    );
  }
  return `${heading(`TREND (vs ${periodLabel(previous.period)})`)}\n\n${rows.join('\n')}`;
}
