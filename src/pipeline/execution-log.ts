// The execution log's layout (logs/pipeline_<date>.log): `[HH:MM:SS] LEVEL | message` lines, the
// banner, phase rules, the run summary and the notification block. Does not compute any figure.

import type { Clock } from '../core/clock.js';
import { isoTime } from '../core/format-time.js';
import type { LineFormat, LogLevel, LogSink } from '../core/log.js';
import { Logger } from '../core/log.js';
import { center } from '../core/report.js';
import { formatCount, formatPercent, safeText } from '../core/text.js';
import type { RunSummary } from './metrics.js';
import type { Phase } from './steps.js';

/** Width of the log's rules and banners. */
export const LOG_WIDTH = 68;

/** What steps may log. */
export type StepLog = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

const LEVEL_LABEL: Record<LogLevel, string> = {
  DEBUG: 'DEBUG',
  INFO: 'INFO ',
  WARNING: 'WARN ',
  ERROR: 'ERROR',
};

/** `[02:00:00] INFO  | message`, the spec's execution-log line (UTC time). */
export const executionLineFormat: LineFormat = (time, level, message) =>
  `[${isoTime(time)}] ${LEVEL_LABEL[level]} | ${message}`;

/** A logger writing the execution-log layout to `sinks`. */
export function executionLogger(clock: Clock, sinks: LogSink[]): Logger {
  return new Logger(clock, sinks, executionLineFormat);
}

const doubleRule = (): string => '═'.repeat(LOG_WIDTH);

/** How a run was started, as the banner says it. */
export type TriggerDescription =
  | { kind: 'manual' }
  | { kind: 'scheduled'; schedule: string }
  | { kind: 'catch-up'; schedule: string; slot: string }
  | { kind: 'backfill' };

/** `Scheduled (daily @ 02:00 UTC)`, `Manual`... */
export function triggerText(trigger: TriggerDescription): string {
  switch (trigger.kind) {
    case 'manual':
      return 'Manual';
    case 'scheduled':
      return `Scheduled (${trigger.schedule})`;
    case 'catch-up':
      return `Catch-up of ${trigger.slot} (${trigger.schedule})`;
    case 'backfill':
      return 'Backfill';
  }
}

/** The banner that opens a run. */
export function bannerLines(
  pipeline: string,
  version: string,
  runId: string,
  trigger: TriggerDescription,
): string[] {
  const title = [
    'PIPELINE EXECUTION STARTED',
    `${pipeline} v${safeText(version, 40)}`,
    `Run ID: ${runId}`,
    `Triggered: ${triggerText(trigger)}`,
  ];
  return [doubleRule(), ...title.map((line) => center(line, LOG_WIDTH).trimEnd()), doubleRule(), ''];
}

/** `━━━ EXTRACT PHASE ━━━…` */
export function phaseRule(phase: Phase): string {
  const head = `━━━ ${phase.toUpperCase()} PHASE `;
  return head + '━'.repeat(Math.max(3, LOG_WIDTH - head.length));
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const share = (part: number, whole: number): string => formatPercent(whole > 0 ? (part / whole) * 100 : 0);
const label = (text: string, width = 18): string => text.padEnd(width);

const STATUS_TEXT: Record<RunSummary['status'], string> = {
  success: 'SUCCESS ✓',
  failed: 'FAILED ✗',
  partial: 'PARTIAL ✗',
};

/** The summary block: status, duration, counts, per-phase timing and quality metrics. */
export function summaryLines(summary: RunSummary): string[] {
  const lines = ['', doubleRule(), center('PIPELINE EXECUTION SUMMARY', LOG_WIDTH).trimEnd(), doubleRule()];
  lines.push(`${label('Status:')}${STATUS_TEXT[summary.status]}`);
  lines.push(`${label('Duration:')}${seconds(summary.durationMs)} seconds`);
  lines.push(
    `${label('Records Input:')}${formatCount(summary.recordsInput)} (${summary.primary.replaceAll('_', ' ')})`,
  );
  const outputs = summary.outputs.map((output) => `${formatCount(output.rows)} (${output.name})`);
  lines.push(`${label('Records Output:')}${outputs.join(' | ') || '0'}`);
  lines.push(
    `${label('Records Dropped:')}${formatCount(summary.recordsDropped)} (${share(summary.recordsDropped, summary.recordsInput)})`,
  );
  if (summary.rejectsPath) lines.push(`${label('Rejects File:')}${summary.rejectsPath}`);
  if (summary.error) lines.push(`${label('Error:')}${safeText(summary.error, 300)}`);
  const failed = summary.steps.filter((step) => step.status === 'failed' || step.status === 'skipped');
  for (const step of failed)
    lines.push(
      `${label(`  ${step.status === 'failed' ? 'Failed' : 'Skipped'}:`)}${step.name}${step.error ? ` - ${safeText(step.error, 200)}` : ''}`,
    );
  lines.push('', 'Step Performance:');
  for (const phase of ['extract', 'transform', 'load'] as const) {
    const ms = summary.phaseMs[phase];
    lines.push(
      `${label(`  ${phase[0].toUpperCase()}${phase.slice(1)}:`)}${seconds(ms)}s (${share(ms, summary.durationMs)})`,
    );
  }
  lines.push('', 'Quality Metrics:');
  lines.push(`${label('  Null Records:')}${formatCount(summary.quality.nullsDropped)} dropped`);
  if (summary.quality.duplicatesDropped > 0)
    lines.push(`${label('  Duplicates:')}${formatCount(summary.quality.duplicatesDropped)} dropped`);
  lines.push(`${label('  Unmatched Joins:', 19)}${formatCount(summary.quality.unmatched)} total`);
  if (summary.quality.invalid > 0)
    lines.push(`${label('  Invalid Values:')}${formatCount(summary.quality.invalid)} rejected`);
  lines.push(`${label('  Data Coverage:')}${formatPercent(summary.quality.coveragePercent)}`);
  lines.push('');
  return lines;
}

/** One channel's line in the notification block. */
export interface DeliveryLine {
  channel: 'log' | 'email' | 'slack';
  text: string;
  ok: boolean;
}

/** The notification block that closes the log. */
export function notificationLines(
  message: string,
  deliveries: readonly DeliveryLine[],
  suppressedNote?: string,
): string[] {
  const external = deliveries.filter((delivery) => delivery.channel !== 'log');
  const anyFailed = external.some((delivery) => !delivery.ok);
  const title = suppressedNote
    ? 'NOTIFICATION SUPPRESSED'
    : anyFailed
      ? 'NOTIFICATION PARTLY FAILED'
      : 'NOTIFICATION SENT';
  const body = [...external.map((delivery) => delivery.text), `Message: ${safeText(message, 120)}`];
  if (suppressedNote) body.push(suppressedNote);
  return [
    doubleRule(),
    center(title, LOG_WIDTH).trimEnd(),
    ...body.map((line) => `${' '.repeat(14)}${line}`),
    doubleRule(),
  ];
}
