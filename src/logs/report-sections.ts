// Sections of the daily analytics report: status bars, hourly chart, top tables, anomalies and
// recommendations. Every value from the log passes through safeText; report.ts assembles them.

import { STATUS_CODES } from 'node:http';
import { bar, pad, sectionTitle, table } from '../core/report.js';
import { formatCount, formatPercent, safeText } from '../core/text.js';
import type { Anomaly } from './anomaly.js';
import type { LogsConfig } from './config.js';
import type { DayMetrics } from './merge.js';
import { minuteOfDayText, offsetMinutes, timeOfDay } from './report-time.js';
import { peakHour, statusClasses } from './summary.js';
import { topEndpoints, topIps } from './top-lists.js';

/** Width of section rules, as in the spec. */
export const REPORT_WIDTH = 69;

const share = (part: number, whole: number) => formatPercent(whole === 0 ? 0 : (part / whole) * 100);
const CLASS_LABELS: Record<string, string> = {
  '1xx': '1xx Info',
  '2xx': '2xx Success',
  '3xx': '3xx Redirect',
  '4xx': '4xx Client Err',
  '5xx': '5xx Server Err',
};

/** Status classes as bars, then every status code. */
export function statusSection(day: DayMetrics): string {
  const classes = Object.entries(statusClasses(day.statuses)).filter(
    ([name, count]) => count > 0 || name !== '1xx',
  );
  const max = Math.max(0, ...classes.map(([, count]) => count));
  const bars = classes.map(
    ([name, count]) =>
      `${pad(CLASS_LABELS[name] ?? name, 15)}${bar(count, max, 40, { empty: ' ' })} ${pad(formatCount(count), 7, 'right')} (${share(count, day.requests)})`,
  );
  const codes = Object.entries(day.statuses)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([code, count]) => [
      code,
      STATUS_CODES[Number(code)] ?? '',
      formatCount(count),
      share(count, day.requests),
    ]);
  const codeTable = table(
    [
      { header: 'Code' },
      { header: 'Meaning' },
      { header: 'Requests', align: 'right' },
      { header: 'Share', align: 'right' },
    ],
    codes,
  );
  return `${sectionTitle('REQUEST STATUS DISTRIBUTION', REPORT_WIDTH)}\n${bars.join('\n')}\n\n${codeTable}`;
}

/** Requests per hour as bars with the peak hour marked, then the peak minute. */
export function hourlySection(day: DayMetrics): string {
  const max = Math.max(0, ...day.hours.map((h) => h.requests));
  const peak = peakHour(day);
  const rows = day.hours.map((h) => {
    const label = `${String(h.hour).padStart(2, '0')}:00`;
    const marker = h.requests > 0 && h.hour === peak ? '   ← Peak Hour' : '';
    return `${label} ${bar(h.requests, max, 28, { empty: ' ' })} ${pad(formatCount(h.requests), 6, 'right')}${marker}`;
  });
  const peakMinute = day.minuteRequests.reduce(
    (best, count, m) => (count > day.minuteRequests[best] ? m : best),
    0,
  );
  const minuteLine = `Peak minute: ${minuteOfDayText(peakMinute)} with ${formatCount(day.minuteRequests[peakMinute] ?? 0)} requests`;
  return `${sectionTitle('HOURLY TRAFFIC PATTERN', REPORT_WIDTH)}\n${rows.join('\n')}\n${minuteLine}`;
}

/** The top endpoints with errors, error % (⚠ above the threshold) and average size. */
export function endpointSection(day: DayMetrics, config: LogsConfig): string {
  const { endpoint_error_rate_percent: threshold, endpoint_min_requests: minimum } = config.thresholds;
  const rows = topEndpoints(day, config.top_n).map((t, i) => {
    const rate = (t.errors / t.requests) * 100;
    const flag = t.requests >= minimum && rate > threshold ? '⚠' : '';
    return [
      String(i + 1),
      safeText(t.endpoint, 40),
      formatCount(t.requests),
      formatCount(t.errors),
      formatPercent(rate),
      `${formatCount(t.bytes / t.requests)} B`,
      flag,
    ];
  });
  const columns = [
    { header: 'Rank' },
    { header: 'Endpoint', minWidth: 28 },
    { header: 'Requests', align: 'right' as const },
    { header: 'Errors', align: 'right' as const },
    { header: 'Error %', align: 'right' as const },
    { header: 'Avg Size', align: 'right' as const },
    { header: '' },
  ];
  return `TOP ${config.top_n} ENDPOINTS BY REQUESTS\n${table(columns, rows, { ruleWidth: REPORT_WIDTH })}`;
}

/** The top client IPs; ⚠ marks IPs named by an anomaly or with mostly failing requests. */
export function ipSection(day: DayMetrics, config: LogsConfig, anomalies: readonly Anomaly[]): string {
  const flagged = new Set(
    anomalies.flatMap((a) => [a.details.source_ip ?? [], a.details.source_ips ?? []].flat()).map(String),
  );
  const offset = offsetMinutes(config.report_utc_offset);
  const rows = topIps(day, config.top_n).map((t) => {
    const flag = flagged.has(t.ip) || t.errors * 2 > t.requests ? '⚠' : '';
    return [
      safeText(t.ip, 39),
      formatCount(t.requests),
      formatCount(t.errors),
      safeText(t.user || '-', 20),
      timeOfDay(t.lastSeen, offset),
      flag,
    ];
  });
  const columns = [
    { header: 'IP Address', minWidth: 15 },
    { header: 'Requests', align: 'right' as const },
    { header: 'Errors', align: 'right' as const },
    { header: 'User', minWidth: 12 },
    { header: 'Last Seen' },
    { header: '' },
  ];
  return `TOP ${config.top_n} CLIENT IPs\n${table(columns, rows, { ruleWidth: REPORT_WIDTH })}`;
}

const ICONS: Record<string, string> = {
  critical: '🚨 CRITICAL',
  high: '⚠ HIGH',
  medium: '⚠ MEDIUM',
  low: 'ℹ LOW',
};

function anomalyDetailLines(a: Anomaly): string[] {
  const d = a.details;
  const lines: string[] = [];
  if (a.rule.detector.startsWith('suspicious_path')) {
    lines.push(
      `IP: ${d.source_ip}`,
      `Path: ${d.pattern}`,
      `Count: ${formatCount(Number(d.occurrences))} attempt${d.occurrences === 1 ? '' : 's'} (${d.answered_2xx} answered 2xx)`,
      `Time: ${d.first_seen} - ${d.last_seen}`,
    );
  } else if (a.rule.detector.startsWith('burst')) {
    lines.push(
      `IP: ${d.source_ip}`,
      `Peak: ${formatCount(Number(d.peak_requests_per_minute))} requests at ${d.peak_minute} (threshold: ${d.threshold}/min)`,
      `Minutes over threshold: ${d.burst_minutes} (${d.first_seen} - ${d.last_seen})`,
    );
  } else if (a.rule.detector.startsWith('endpoint')) {
    lines.push(
      `Endpoint: ${d.endpoint}`,
      `Error Rate: ${d.error_rate}% of ${formatCount(Number(d.requests))} requests (threshold: ${d.threshold}%)`,
      `Sample Errors: ${d.primary_error} (${formatCount(Number(d.primary_error_count))} of ${formatCount(Number(d.errors))})`,
    );
  } else {
    lines.push(
      `User Agent: ${d.user_agent}`,
      `Requests: ${formatCount(Number(d.requests))} (${d.error_rate}% error rate)`,
      `Accessing: ${(d.accessing as string[]).join(', ') || '-'}`,
    );
  }
  lines.push(`Evidence: lines ${a.evidence.first_lines.join(', ')} (rule ${a.rule.detector})`);
  return lines.map((line) => `   ${line}`);
}

/** Anomalies, most severe first; at most `limit` shown, the rest counted. */
export function anomalySection(anomalies: readonly Anomaly[], date: string, limit = 15): string {
  const shown = anomalies
    .slice(0, limit)
    .map((a) => [`${ICONS[a.severity]}: ${a.description} [${a.id}]`, ...anomalyDetailLines(a)].join('\n'));
  const more =
    anomalies.length > limit
      ? [`... and ${anomalies.length - limit} more in alerts/anomalies_${date}.json`]
      : [];
  const body = anomalies.length === 0 ? ['No anomalies detected.'] : [...shown, ...more];
  return `${sectionTitle(`ANOMALIES DETECTED: ${anomalies.length}`, REPORT_WIDTH)}\n${body.join('\n\n')}`;
}

/** Numbered recommendations from the anomalies, most severe first, without repeats. */
export function recommendationSection(anomalies: readonly Anomaly[], limit = 10): string {
  const unique = [
    ...new Set(anomalies.filter((a) => a.severity !== 'low').map((a) => a.recommendation)),
  ].slice(0, limit);
  const lines = unique.length === 0 ? ['No action needed.'] : unique.map((text, i) => `${i + 1}. ${text}`);
  return `${sectionTitle('SECURITY RECOMMENDATIONS', REPORT_WIDTH)}\n${lines.join('\n')}`;
}

/** How many lines were malformed, the first few, and where the rest are. */
export function rejectSection(day: DayMetrics, limit: number, rejectsPath: string): string {
  const title = sectionTitle(`MALFORMED LINES: ${formatCount(day.rejects.length)}`, REPORT_WIDTH);
  if (day.rejects.length === 0) return `${title}\nNone.`;
  const shown = day.rejects
    .slice(0, limit)
    .map((r) => `${safeText(r.file, 40)}:${r.line}: ${safeText(r.reason, 60)}\n   ${safeText(r.raw, 90)}`);
  return `${title}\n${shown.join('\n')}\nAll malformed lines: ${rejectsPath}`;
}
