// The shape of a day's summary file (metrics/summary_<date>.json) and its check when the next day
// reads it back. Loaded only when there is a file to read (summary.ts), so zod is not loaded otherwise.

import { z } from 'zod';
import { ONE_SHOT, readJsonFile } from '../core/config.js';

const summarySchema = z.object({
  date: z.string(),
  requests: z.number(),
  errors: z.number(),
  error_rate: z.number(),
  unique_ips: z.number(),
  unique_users: z.number(),
  avg_response_bytes: z.number(),
  rejected_lines: z.number(),
  peak_hour: z.number(),
  status_classes: z.record(z.string(), z.number()),
  anomalies: z.record(z.string(), z.number()),
  // Added later: summaries written before them still load.
  top_endpoints: z
    .array(
      z.object({
        endpoint: z.string(),
        requests: z.number(),
        errors: z.number(),
        error_rate: z.number(),
        avg_response_bytes: z.number(),
      }),
    )
    .optional(),
  top_ips: z
    .array(
      z.object({
        ip: z.string(),
        requests: z.number(),
        errors: z.number(),
        user: z.string(),
        last_seen: z.string(),
      }),
    )
    .optional(),
});

/** One day in a few numbers. */
export type DaySummary = z.output<typeof summarySchema>;

/**
 * Read and check a summary file: its summary, or the first problem found. Throws (an InputError)
 * only when the file cannot be read or is not JSON.
 */
export function checkSummaryFile(
  path: string,
): { success: true; summary: DaySummary } | { success: false; reason: string } {
  const parsed = summarySchema.safeParse(readJsonFile(path, 'previous day summary'), ONE_SHOT);
  if (parsed.success) return { success: true, summary: parsed.data };
  return { success: false, reason: parsed.error.issues[0]?.message ?? 'invalid summary' };
}
