// The compact per-day summary (metrics/summary_<date>.json) the next day's report compares with,
// so yesterday's log is never parsed again. Does not render the comparison; report.ts does.

import { existsSync } from 'node:fs';
import type { Anomaly } from './anomaly.js';
import type { LogsConfig } from './config.js';
import type { DayMetrics } from './merge.js';
import { offsetMinutes, timeOfDay } from './report-time.js';
import { topEndpoints, topIps } from './top-lists.js';
import type { DaySummary } from './summary-schema.js';

export type { DaySummary } from './summary-schema.js';

/** The status class of a code: 404 -> "4xx". */
export function statusClass(code: number | string): string {
  return `${String(code)[0]}xx`;
}

/** Requests per status class. */
export function statusClasses(statuses: Record<string, number>): Record<string, number> {
  const classes: Record<string, number> = { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
  for (const [code, count] of Object.entries(statuses))
    classes[statusClass(code)] = (classes[statusClass(code)] ?? 0) + count;
  return classes;
}

/** The hour with the most requests (earliest on ties). */
export function peakHour(day: DayMetrics): number {
  return day.hours.reduce((best, h) => (h.requests > day.hours[best].requests ? h.hour : best), 0);
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10000) / 100);

/** Summarize a day for tomorrow's comparison (and for readers such as the dashboard). */
export function summarizeDay(
  date: string,
  day: DayMetrics,
  anomalies: readonly Anomaly[],
  config: LogsConfig,
): DaySummary {
  const offset = offsetMinutes(config.report_utc_offset);
  const errors = day.hours.reduce((sum, h) => sum + h.errors, 0);
  const bySeverity: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const a of anomalies) bySeverity[a.severity]++;
  return {
    date,
    requests: day.requests,
    errors,
    error_rate: percent(errors, day.requests),
    unique_ips: day.ips.size,
    unique_users: day.uniqueUsers,
    avg_response_bytes: day.requests === 0 ? 0 : Math.round(day.bytes / day.requests),
    rejected_lines: day.rejects.length,
    peak_hour: peakHour(day),
    status_classes: statusClasses(day.statuses),
    anomalies: bySeverity,
    top_endpoints: topEndpoints(day, config.top_n).map((t) => ({
      endpoint: t.endpoint,
      requests: t.requests,
      errors: t.errors,
      error_rate: percent(t.errors, t.requests),
      avg_response_bytes: Math.round(t.bytes / t.requests),
    })),
    top_ips: topIps(day, config.top_n).map((t) => ({
      ip: t.ip,
      requests: t.requests,
      errors: t.errors,
      user: t.user,
      last_seen: timeOfDay(t.lastSeen, offset),
    })),
  };
}

/** What became of the previous day's summary. */
export type PreviousDay =
  | { kind: 'found'; summary: DaySummary }
  | { kind: 'missing'; path: string }
  | { kind: 'unreadable'; path: string; reason: string };

/**
 * Read the previous day's summary; a missing or broken file is reported, never fatal. Its schema
 * (and zod) is loaded only when there is a file to check.
 */
export async function readPreviousSummary(path: string): Promise<PreviousDay> {
  if (!existsSync(path)) return { kind: 'missing', path };
  const { checkSummaryFile } = await import('./summary-schema.js');
  try {
    const checked = checkSummaryFile(path);
    if (checked.success) return { kind: 'found', summary: checked.summary };
    return { kind: 'unreadable', path, reason: checked.reason };
  } catch (error) {
    return { kind: 'unreadable', path, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The day before `date` (YYYY-MM-DD). */
export function previousDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
