// Builders for access-log lines and day metrics used across the logs tests.

import { defaultLogsConfig } from '../../../src/logs/config.js';
import type { LogsConfig } from '../../../src/logs/config.js';
import { Accumulator } from '../../../src/logs/accumulate.js';
import { mergeParts } from '../../../src/logs/merge.js';
import type { DayMetrics } from '../../../src/logs/merge.js';

/** Fields of a test line; anything left out gets a harmless default. */
export interface LineSpec {
  ip?: string;
  user?: string;
  /** HH:MM:SS on 2024-01-17, UTC. */
  at?: string;
  method?: string;
  path?: string;
  status?: number;
  bytes?: number | '-';
  agent?: string;
}

/** One Combined-format line. */
export function logLine(spec: LineSpec = {}): string {
  const {
    ip = '192.168.1.1',
    user = '-',
    at = '08:15:23',
    method = 'GET',
    path = '/api/products',
    status = 200,
    bytes = 100,
    agent = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0',
  } = spec;
  return `${ip} - ${user} [17/Jan/2024:${at} +0000] "${method} ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}"`;
}

/** `count` copies of a line. */
export function repeat(count: number, spec: LineSpec = {}): string[] {
  return Array.from({ length: count }, () => logLine(spec));
}

/** Day metrics from lines, scanned as one part or split into parts at the given line indexes. */
export function dayFrom(
  lines: readonly string[],
  config: LogsConfig = defaultLogsConfig(),
  cuts: number[] = [],
): DayMetrics {
  const bounds = [0, ...cuts, lines.length];
  const parts = bounds.slice(0, -1).map((start, i) => {
    const accumulator = new Accumulator({ config, date: '2024-01-17', file: 'access.log' });
    for (const line of lines.slice(start, bounds[i + 1])) accumulator.line(line);
    return accumulator.finish();
  });
  return mergeParts(parts, config.thresholds.requests_per_ip_per_minute);
}
