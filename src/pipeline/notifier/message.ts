// The words of a run notification: a one-line headline and a plain-text body with status,
// duration, counts and the error. Does not send anything.

import { formatCount, safeText } from '../../core/text.js';
import type { RunStatus } from '../metrics.js';

/** The facts a notification reports. */
export interface RunNotice {
  pipeline: string;
  runId: string;
  runDate: string;
  status: RunStatus;
  durationMs: number;
  recordsInput: number;
  recordsOutput: number;
  error?: string;
  /** Set on a success that follows failures: how many failed runs came before it. */
  recoveredAfter?: number;
}

/** `daily_sales_pipeline completed successfully`, `... recovered ...`, `... failed: reason`. */
export function headline(notice: RunNotice): string {
  if (notice.status === 'success') {
    return notice.recoveredAfter
      ? `${notice.pipeline} recovered: completed successfully after ${notice.recoveredAfter} failed run${notice.recoveredAfter > 1 ? 's' : ''}`
      : `${notice.pipeline} completed successfully`;
  }
  const verb = notice.status === 'partial' ? 'finished with failures' : 'failed';
  return `${notice.pipeline} ${verb}: ${safeText(notice.error ?? 'unknown error', 160)}`;
}

/** The message body, one fact per line. */
export function bodyLines(notice: RunNotice): string[] {
  const lines = [
    headline(notice),
    '',
    `Run ID:         ${notice.runId}`,
    `Data date:      ${notice.runDate}`,
    `Status:         ${notice.status.toUpperCase()}`,
    `Duration:       ${(notice.durationMs / 1000).toFixed(2)} seconds`,
    `Records input:  ${formatCount(notice.recordsInput)}`,
    `Records output: ${formatCount(notice.recordsOutput)}`,
  ];
  if (notice.error) lines.push(`Error:          ${safeText(notice.error, 500)}`);
  return lines;
}

/** A subject line: `[sluice] daily_sales_pipeline SUCCESS 2024-01-17 (RUN-...)`. */
export function subject(notice: RunNotice): string {
  const status =
    notice.status === 'success' && notice.recoveredAfter ? 'RECOVERED' : notice.status.toUpperCase();
  return `[sluice] ${notice.pipeline} ${status} ${notice.runDate} (${notice.runId})`;
}

/** A key for "the same failure again": status and error text. */
export function failureSignature(notice: RunNotice): string {
  return `${notice.status}|${notice.error ?? ''}`;
}
