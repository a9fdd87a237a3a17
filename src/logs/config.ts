// The logs job's optional config file (config/logs.json): log format, report time zone, detector
// thresholds, and their defaults. A file is validated with zod (config-schema.ts, loaded only then);
// defaults fill every missing key. Holds no detection logic.

import { existsSync } from 'node:fs';
import { compileFormat } from './log-format.js';

/** The validated config with defaults applied. */
export interface LogsConfig {
  /** 'auto' (combined, else common), 'combined', 'common', or an Apache LogFormat string. */
  log_format: string;
  /** UTC offset used to place requests in hours and minutes of the report, e.g. "+01:00". */
  report_utc_offset: string;
  thresholds: {
    /** More requests than this from one IP within one minute is a burst. */
    requests_per_ip_per_minute: number;
    /** Endpoint error rate (4xx+5xx, percent) above which an endpoint is flagged. */
    endpoint_error_rate_percent: number;
    /** Endpoints with fewer requests than this are never flagged for error rate. */
    endpoint_min_requests: number;
    /** Scripted user agents with fewer requests than this are left out of the anomalies. */
    user_agent_min_requests: number;
  };
  /** Path prefixes that count as admin areas (compared case-insensitively after decoding). */
  admin_path_prefixes: string[];
  /** Rows in the report's top tables. */
  top_n: number;
  /** Malformed lines shown in the report (all of them go to the rejects file). */
  report_rejects: number;
}

/** Every key's default (what an empty `{}` file gives). */
export const LOGS_DEFAULTS: Readonly<LogsConfig> = Object.freeze({
  log_format: 'auto',
  report_utc_offset: '+00:00',
  thresholds: Object.freeze({
    requests_per_ip_per_minute: 100,
    endpoint_error_rate_percent: 10,
    endpoint_min_requests: 20,
    user_agent_min_requests: 1,
  }),
  admin_path_prefixes: Object.freeze([
    '/admin',
    '/wp-admin',
    '/phpmyadmin',
    '/administrator',
    '/manager/html',
    '/actuator',
    '/server-status',
  ]) as string[],
  top_n: 10,
  report_rejects: 20,
});

const PRESET_FORMATS = new Set(['auto', 'combined', 'common']);

/** The default config, a fresh copy the caller may change. */
export function defaultLogsConfig(): LogsConfig {
  return structuredClone(LOGS_DEFAULTS) as LogsConfig;
}

/** Load `path` when given; else `fallback` when it exists; else the defaults. The log format is compiled to check it. */
export async function loadLogsConfig(path: string | undefined, fallback?: string): Promise<LogsConfig> {
  const source = path ?? (fallback && existsSync(fallback) ? fallback : undefined);
  if (!source) return defaultLogsConfig();
  const [{ loadConfig }, { logsConfigSchema }] = await Promise.all([
    import('../core/config.js'),
    import('./config-schema.js'),
  ]);
  const config = loadConfig(logsConfigSchema, source, 'logs config');
  if (!PRESET_FORMATS.has(config.log_format))
    compileFormat(config.log_format, `invalid config ${source}: log_format`);
  return config;
}
