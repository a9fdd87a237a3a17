// The zod schema of the logs job's config file (config/logs.json). Loaded only when there is a file
// to check (config.ts), so a run on the defaults does not load zod; the defaults are config.ts's.

import { z } from 'zod';
import { LOGS_DEFAULTS } from './config.js';
import type { LogsConfig } from './config.js';

const OFFSET = /^[+-](?:[01]\d|2[0-3]):[0-5]\d$/;
const { thresholds } = LOGS_DEFAULTS;

const thresholdsSchema = z.strictObject({
  /** More requests than this from one IP within one minute is a burst. */
  requests_per_ip_per_minute: z.int().positive().default(thresholds.requests_per_ip_per_minute),
  /** Endpoint error rate (4xx+5xx, percent) above which an endpoint is flagged. */
  endpoint_error_rate_percent: z.number().min(0).max(100).default(thresholds.endpoint_error_rate_percent),
  /** Endpoints with fewer requests than this are never flagged for error rate. */
  endpoint_min_requests: z.int().positive().default(thresholds.endpoint_min_requests),
  /** Scripted user agents with fewer requests than this are left out of the anomalies. */
  user_agent_min_requests: z.int().positive().default(thresholds.user_agent_min_requests),
});

/** The config schema; every key is optional and defaults to LOGS_DEFAULTS. */
export const logsConfigSchema = z.strictObject({
  /** 'auto' (combined, else common), 'combined', 'common', or an Apache LogFormat string. */
  log_format: z.string().min(1).default(LOGS_DEFAULTS.log_format),
  /** UTC offset used to place requests in hours and minutes of the report, e.g. "+01:00". */
  report_utc_offset: z
    .string()
    .regex(OFFSET, 'must look like +00:00 or -05:30')
    .default(LOGS_DEFAULTS.report_utc_offset),
  thresholds: thresholdsSchema.prefault({}),
  /** Path prefixes that count as admin areas (compared case-insensitively after decoding). */
  admin_path_prefixes: z
    .array(z.string().startsWith('/'))
    .default(() => [...LOGS_DEFAULTS.admin_path_prefixes]),
  /** Rows in the report's top tables. */
  top_n: z.int().min(1).max(100).default(LOGS_DEFAULTS.top_n),
  /** Malformed lines shown in the report (all of them go to the rejects file). */
  report_rejects: z.int().min(0).max(1000).default(LOGS_DEFAULTS.report_rejects),
}) satisfies z.ZodType<LogsConfig>;
