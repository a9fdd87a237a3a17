// Writes the job's files atomically: hourly CSV, anomalies JSON, day summary, report and rejects.
// Decides no content beyond layout; the numbers come from merge.ts, detectors and summary.ts.

import { join } from 'node:path';
import { writeCsvAtomic } from '../core/csv-write.js';
import { fillPathTemplate, writeFileAtomic, writeJsonAtomic } from '../core/files.js';
import type { Anomaly } from './anomaly.js';
import type { DayMetrics } from './merge.js';
import type { RejectedLine } from './partial.js';
import type { DaySummary } from './summary.js';

/** Where each output goes, relative to the workspace. */
export const OUTPUT_TEMPLATES = {
  report: 'reports/analytics_{date}.txt',
  hourly: 'metrics/hourly_metrics_{date}.csv',
  anomalies: 'alerts/anomalies_{date}.json',
  summary: 'metrics/summary_{date}.json',
  rejects: 'reports/logs_rejects_{date}.txt',
} as const;

/** Output kinds. */
export type OutputKind = keyof typeof OUTPUT_TEMPLATES;

/** The absolute path of one output for a date. */
export function outputPath(dir: string, kind: OutputKind, date: string): string {
  return join(dir, fillPathTemplate(OUTPUT_TEMPLATES[kind], { date }));
}

/** The spec's hourly CSV columns. */
export const HOURLY_COLUMNS = [
  'hour',
  'total_requests',
  'successful',
  'errors',
  'error_rate',
  'unique_ips',
  'avg_response_bytes',
] as const;

/** Hourly rows: all 24 hours; error_rate in percent with two decimals, average bytes rounded. */
export function hourlyRows(day: DayMetrics): (string | number)[][] {
  return day.hours.map((h) => [
    h.hour,
    h.requests,
    h.requests - h.errors,
    h.errors,
    h.requests === 0 ? '0.00' : ((h.errors / h.requests) * 100).toFixed(2),
    h.uniqueIps,
    h.requests === 0 ? 0 : Math.round(h.bytes / h.requests),
  ]);
}

/** Write the hourly metrics CSV. */
export function writeHourlyCsv(path: string, day: DayMetrics): void {
  writeCsvAtomic(path, HOURLY_COLUMNS, hourlyRows(day));
}

/** The anomalies document: the spec's shape, plus the inputs' line ranges so evidence can be found. */
export function anomaliesDocument(date: string, day: DayMetrics, anomalies: readonly Anomaly[]): object {
  return {
    report_date: date,
    inputs: day.inputs.map((i) => ({ file: i.name, first_line: i.firstLine, last_line: i.lastLine })),
    anomalies: anomalies.map((a) => ({
      id: a.id,
      type: a.type,
      severity: a.severity,
      description: a.description,
      details: a.details,
      recommended_action: a.recommended_action,
      rule: a.rule,
      evidence: a.evidence,
    })),
  };
}

/** Show control characters as `\xNN` so the rejects file is safe to print yet keeps every byte's meaning. */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
  return text.replace(/[\u0000-\u001f\u007f-\u009f\\]/g, (c) =>
    c === '\\' ? '\\\\' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** The rejects file: a header, then `file:line: reason` and the escaped line for every malformed line. */
export function rejectsText(date: string, rejects: readonly RejectedLine[]): string {
  const header = `# malformed access-log lines for ${date}: ${rejects.length}\n# file:line: reason, then the line with control characters and backslashes escaped\n`;
  return (
    header + rejects.map((r) => `${r.file}:${r.line}: ${r.reason}\n\t${escapeControl(r.raw)}\n`).join('')
  );
}

/** Everything the job writes for a day. */
export interface DayOutputs {
  date: string;
  day: DayMetrics;
  anomalies: readonly Anomaly[];
  summary: DaySummary;
  report: string;
}

/** Write every output; returns the paths written, in a stable order. */
export function writeDayOutputs(dir: string, outputs: DayOutputs): Record<OutputKind, string> {
  const paths = {
    report: outputPath(dir, 'report', outputs.date),
    hourly: outputPath(dir, 'hourly', outputs.date),
    anomalies: outputPath(dir, 'anomalies', outputs.date),
    summary: outputPath(dir, 'summary', outputs.date),
    rejects: outputPath(dir, 'rejects', outputs.date),
  };
  writeHourlyCsv(paths.hourly, outputs.day);
  writeJsonAtomic(paths.anomalies, anomaliesDocument(outputs.date, outputs.day, outputs.anomalies));
  writeJsonAtomic(paths.summary, outputs.summary);
  writeFileAtomic(paths.rejects, rejectsText(outputs.date, outputs.day.rejects));
  writeFileAtomic(paths.report, outputs.report);
  return paths;
}
