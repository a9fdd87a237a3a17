// Renders the daily analytics report (reports/analytics_<date>.txt) in the spec's layout: summary
// box with previous-day changes, then the sections. Writes nothing itself; outputs.ts does.

import { changeText, headerBox, pad, sectionTitle, table } from '../core/report.js';
import { formatCount, formatPercent } from '../core/text.js';
import type { Anomaly } from './anomaly.js';
import type { LogsConfig } from './config.js';
import type { DayMetrics } from './merge.js';
import {
  anomalySection,
  endpointSection,
  hourlySection,
  ipSection,
  recommendationSection,
  rejectSection,
  REPORT_WIDTH,
  statusSection,
} from './report-sections.js';
import type { DaySummary, PreviousDay } from './summary.js';

/** What the report is built from. */
export interface ReportInput {
  date: string;
  day: DayMetrics;
  summary: DaySummary;
  previous: PreviousDay;
  anomalies: readonly Anomaly[];
  config: LogsConfig;
  /** Where the rejects file was written, as shown to the reader. */
  rejectsPath: string;
  /** Where the previous day's summary was looked for, as shown to the reader. */
  previousPath: string;
}

/** Relative change in percent; undefined when there is nothing to compare with. */
export function percentChange(current: number, previous: number): number | undefined {
  return previous === 0 ? undefined : ((current - previous) / previous) * 100;
}

/** `2.3 KB` style size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function countChange(current: number, previous: number): string {
  const change = percentChange(current, previous);
  return change === undefined ? formatCount(previous) : `${formatCount(previous)} ${changeText(change)}`;
}

function summaryBox({ date, summary, previous }: ReportInput): string {
  const prior = previous.kind === 'found' ? previous.summary : undefined;
  const two = (left: string, right: string) => ` ${pad(left, 30)}${right}`;
  const body = [
    two(
      `Total Requests: ${formatCount(summary.requests)}`,
      `Previous Day: ${prior ? countChange(summary.requests, prior.requests) : 'n/a'}`,
    ),
    two(
      `Unique IPs: ${formatCount(summary.unique_ips)}`,
      `Unique Users: ${formatCount(summary.unique_users)}`,
    ),
    two(
      `Error Rate: ${formatPercent(summary.error_rate)}`,
      `Previous Day: ${prior ? `${formatPercent(prior.error_rate)} ${changeText(summary.error_rate - prior.error_rate)}` : 'n/a'}`,
    ),
    two(`Avg Response Size: ${formatBytes(summary.avg_response_bytes)}`, 'Avg Response Time: N/A'),
    two(
      `Peak Hour: ${String(summary.peak_hour).padStart(2, '0')}:00`,
      `Malformed Lines: ${formatCount(summary.rejected_lines)}`,
    ),
  ];
  return headerBox({ title: ['SERVER LOG ANALYTICS REPORT', date], body, width: REPORT_WIDTH - 2 });
}

interface Comparable {
  label: string;
  current: number;
  previous: number;
  /** 'relative' compares in percent of the previous value; 'points' in percentage points. */
  mode: 'relative' | 'points';
  show: (value: number) => string;
}

/** Changes against the previous day; ⚠ marks a change of 20% or more (1 point for rates). */
export function comparisonSection({ summary, previous, date, previousPath }: ReportInput): string {
  const title = sectionTitle('CHANGES VS PREVIOUS DAY', REPORT_WIDTH);
  if (previous.kind !== 'found') {
    const why = previous.kind === 'missing' ? 'no summary' : `unreadable summary (${previous.reason})`;
    return `${title}\nNo comparison for ${date}: ${why} at ${previousPath}.`;
  }
  const prior = previous.summary;
  const anomalyCount = (s: DaySummary) => Object.values(s.anomalies).reduce((a, b) => a + b, 0);
  const items: Comparable[] = [
    {
      label: 'Requests',
      current: summary.requests,
      previous: prior.requests,
      mode: 'relative',
      show: formatCount,
    },
    {
      label: 'Error rate',
      current: summary.error_rate,
      previous: prior.error_rate,
      mode: 'points',
      show: (v) => formatPercent(v),
    },
    {
      label: 'Unique IPs',
      current: summary.unique_ips,
      previous: prior.unique_ips,
      mode: 'relative',
      show: formatCount,
    },
    {
      label: 'Unique users',
      current: summary.unique_users,
      previous: prior.unique_users,
      mode: 'relative',
      show: formatCount,
    },
    {
      label: 'Avg response size',
      current: summary.avg_response_bytes,
      previous: prior.avg_response_bytes,
      mode: 'relative',
      show: formatBytes,
    },
    {
      label: 'Anomalies',
      current: anomalyCount(summary),
      previous: anomalyCount(prior),
      mode: 'relative',
      show: formatCount,
    },
    {
      label: 'Malformed lines',
      current: summary.rejected_lines,
      previous: prior.rejected_lines,
      mode: 'relative',
      show: formatCount,
    },
  ];
  const rows = items.map((item) => {
    const delta =
      item.mode === 'points' ? item.current - item.previous : percentChange(item.current, item.previous);
    const change =
      delta === undefined
        ? item.current === 0
          ? '(→ 0.0%)'
          : '(new)'
        : item.mode === 'points'
          ? changeText(delta, 1, ' pts')
          : changeText(delta);
    const significant =
      delta !== undefined && Math.abs(delta) >= (item.mode === 'points' ? 1 : 20) ? '⚠' : '';
    return [item.label, item.show(item.previous), item.show(item.current), change, significant];
  });
  const columns = [
    { header: 'Metric', minWidth: 18 },
    { header: prior.date, align: 'right' as const },
    { header: date, align: 'right' as const },
    { header: 'Change' },
    { header: '' },
  ];
  return `${title}\n${table(columns, rows)}`;
}

/** The whole report text, ending with a newline. */
export function renderReport(input: ReportInput): string {
  const sections = [
    summaryBox(input),
    comparisonSection(input),
    statusSection(input.day),
    hourlySection(input.day),
    endpointSection(input.day, input.config),
    ipSection(input.day, input.config, input.anomalies),
    anomalySection(input.anomalies, input.date),
    recommendationSection(input.anomalies),
    rejectSection(input.day, input.config.report_rejects, input.rejectsPath),
  ];
  return `${sections.join('\n\n')}\n`;
}
