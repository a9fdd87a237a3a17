// The logs job's optional config file (config/logs.json): log format, report time zone, detector
// thresholds. Validated with zod; defaults fill every missing key. Holds no detection logic.

import { existsSync } from 'node:fs';
import { z } from 'zod';
import { loadConfig, ONE_SHOT } from '../core/config.js';
import { compileFormat } from './log-format.js';

const PRESET_FORMATS = new Set(['auto', 'combined', 'common']);

const OFFSET = /^[+-](?:[01]\d|2[0-3]):[0-5]\d$/;

const thresholdsSchema = z.strictObject({
  /** More requests than this from one IP within one minute is a burst. */
  requests_per_ip_per_minute: z.int().positive().default(100),
  /** Endpoint error rate (4xx+5xx, percent) above which an endpoint is flagged. */
  endpoint_error_rate_percent: z.number().min(0).max(100).default(10),
  /** Endpoints with fewer requests than this are never flagged for error rate. */
  endpoint_min_requests: z.int().positive().default(20),
  /** Scripted user agents with fewer requests than this are left out of the anomalies. */
  user_agent_min_requests: z.int().positive().default(1),
});

/** The config schema; every key is optional. */
export const logsConfigSchema = z.strictObject({
  /** 'auto' (combined, else common), 'combined', 'common', or an Apache LogFormat string. */
  log_format: z.string().min(1).default('auto'),
  /** UTC offset used to place requests in hours and minutes of the report, e.g. "+01:00". */
  report_utc_offset: z.string().regex(OFFSET, 'must look like +00:00 or -05:30').default('+00:00'),
  thresholds: thresholdsSchema.prefault({}),
  /** Path prefixes that count as admin areas (compared case-insensitively after decoding). */
  admin_path_prefixes: z
    .array(z.string().startsWith('/'))
    .default([
      '/admin',
      '/wp-admin',
      '/phpmyadmin',
      '/administrator',
      '/manager/html',
      '/actuator',
      '/server-status',
    ]),
  /** Rows in the report's top tables. */
  top_n: z.int().min(1).max(100).default(10),
  /** Malformed lines shown in the report (all of them go to the rejects file). */
  report_rejects: z.int().min(0).max(1000).default(20),
});

/** The validated config with defaults applied. */
export type LogsConfig = z.output<typeof logsConfigSchema>;

/** The default config (what an empty `{}` file gives). */
export function defaultLogsConfig(): LogsConfig {
  return logsConfigSchema.parse({}, ONE_SHOT);
}

/** Load `path` when given; else `fallback` when it exists; else the defaults. The log format is compiled to check it. */
export function loadLogsConfig(path: string | undefined, fallback?: string): LogsConfig {
  const source = path ?? (fallback && existsSync(fallback) ? fallback : undefined);
  if (!source) return defaultLogsConfig();
  const config = loadConfig(logsConfigSchema, source, 'logs config');
  if (!PRESET_FORMATS.has(config.log_format))
    compileFormat(config.log_format, `invalid config ${source}: log_format`);
  return config;
}
