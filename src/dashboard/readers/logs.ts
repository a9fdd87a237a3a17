// Reads the logs job's workspace for one day: hourly metrics, the compact summary (status classes,
// top endpoints and IPs) and anomalies. Shows values as the job wrote them; recomputes nothing but sums.

import { join } from 'node:path';
import {
  datedFiles,
  isFile,
  isObject,
  objectList,
  pickArray,
  pickDated,
  pickNumber,
  pickString,
  readCsv,
  readJson,
  requireWorkspace,
} from './files.js';
import type { JsonObject } from './files.js';
import type { CardFacts } from './types.js';

/** One hour of traffic. */
export interface HourlyMetric {
  hour: number;
  requests: number;
  errors: number;
  errorRate: number | null;
  uniqueIps: number | null;
}

/** One row of a "top" table (endpoint or IP). */
export interface TopEntry {
  name: string;
  requests: number | null;
  errors: number | null;
  errorRate: number | null;
  user?: string;
  lastSeen?: string;
}

/** One anomaly, as the job's anomalies file lists it. */
export interface LogAnomaly {
  id: string;
  type: string;
  severity: string;
  description: string;
  details: Record<string, string>;
  action: string;
}

/** What the logs page shows for one day. */
export interface LogsView {
  date: string;
  dates: string[];
  totals: { requests: number; errors: number; errorRate: number | null };
  hourly: HourlyMetric[];
  statusClasses: { name: string; count: number }[] | null;
  topEndpoints: TopEntry[] | null;
  topIps: TopEntry[] | null;
  /** Anomalies by severity, over all of them. */
  anomalySeverities: Record<string, number>;
  /** The first ANOMALY_LIMIT anomalies, in the job's order (by severity). */
  anomalies: LogAnomaly[];
  anomalyCount: number;
  rejectedRows: number;
}

/** At most this many anomalies go to the page. */
export const ANOMALY_LIMIT = 500;

/** Read the logs workspace under `root` for `date` (validated) or the latest day. */
export async function readLogs(root: string, date?: string): Promise<LogsView> {
  const dir = requireWorkspace(root, 'logs');
  const days = datedFiles(join(dir, 'metrics'), 'hourly_metrics_', '.csv');
  const day = pickDated(days, date, 'hourly metrics (metrics/hourly_metrics_<date>.csv)');
  const { rows, rejected } = await readCsv(day.path);
  const hourly = rows.map((row) => ({
    hour: Number(row.hour),
    requests: Number(row.total_requests) || 0,
    errors: Number(row.errors) || 0,
    errorRate: numberOrNull(row.error_rate),
    uniqueIps: numberOrNull(row.unique_ips),
  }));
  const summaryPath = join(dir, 'metrics', `summary_${day.key}.json`);
  const summary = isFile(summaryPath) ? await readJson(root, summaryPath) : null;
  const anomaliesPath = join(dir, 'alerts', `anomalies_${day.key}.json`);
  const anomalies = isFile(anomaliesPath) ? anomalyList(await readJson(root, anomaliesPath)) : [];
  const requests = hourly.reduce((sum, hour) => sum + hour.requests, 0);
  const errors = hourly.reduce((sum, hour) => sum + hour.errors, 0);
  const summaryObject = isObject(summary) ? summary : {};
  return {
    date: day.key,
    dates: days.map((file) => file.key),
    totals: { requests, errors, errorRate: requests > 0 ? (errors / requests) * 100 : null },
    hourly,
    statusClasses: statusClasses(summaryObject),
    topEndpoints: topList(summaryObject, ['top_endpoints', 'endpoints'], ['endpoint', 'name', 'path']),
    topIps: topList(summaryObject, ['top_ips', 'ips'], ['ip', 'name']),
    anomalySeverities: severityCounts(anomalies),
    anomalies: anomalies.slice(0, ANOMALY_LIMIT),
    anomalyCount: anomalies.length,
    rejectedRows: rejected,
  };
}

/** The overview card's facts for a logs view. */
export function logsCard(view: LogsView): CardFacts {
  const serious = (view.anomalySeverities.critical ?? 0) + (view.anomalySeverities.high ?? 0);
  const rate = view.totals.errorRate;
  return {
    lastRun: view.date,
    status: serious > 0 ? 'warning' : 'success',
    headline: rate === null ? 'No requests' : `Error rate ${rate.toFixed(1)}%`,
    detail: `${view.totals.requests.toLocaleString('en-US')} requests, ${view.anomalyCount} anomalies`,
  };
}

function numberOrNull(text: string | undefined): number | null {
  const value = text === undefined || text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(value) ? value : null;
}

function statusClasses(summary: JsonObject): { name: string; count: number }[] | null {
  const source = summary.status_classes ?? summary.status_distribution ?? summary.statuses;
  if (isObject(source)) {
    return Object.entries(source)
      .map(([name, value]) => ({
        name,
        count: isObject(value) ? (pickNumber(value, 'count', 'requests') ?? 0) : Number(value) || 0,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  if (Array.isArray(source)) {
    return source.filter(isObject).map((item) => ({
      name: pickString(item, 'class', 'status', 'name') ?? '?',
      count: pickNumber(item, 'count', 'requests') ?? 0,
    }));
  }
  return null;
}

function topList(summary: JsonObject, keys: string[], nameKeys: string[]): TopEntry[] | null {
  const list =
    pickArray(summary, ...keys) ??
    (isObject(summary[keys[0]]) ? objectList(summary[keys[0]], nameKeys[0]) : null);
  if (!list) return null;
  return list.filter(isObject).map((item) => {
    const method = pickString(item, 'method');
    const name = pickString(item, ...nameKeys) ?? '?';
    return {
      name: method && !name.startsWith(`${method} `) ? `${method} ${name}` : name,
      requests: pickNumber(item, 'requests', 'count', 'total_requests'),
      errors: pickNumber(item, 'errors', 'error_count'),
      errorRate: pickNumber(item, 'error_rate', 'error_percent'),
      ...(pickString(item, 'user') !== null ? { user: pickString(item, 'user')! } : {}),
      ...(pickString(item, 'last_seen') !== null ? { lastSeen: pickString(item, 'last_seen')! } : {}),
    };
  });
}

function severityCounts(anomalies: readonly LogAnomaly[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const anomaly of anomalies) counts[anomaly.severity] = (counts[anomaly.severity] ?? 0) + 1;
  return counts;
}

function anomalyList(data: unknown): LogAnomaly[] {
  const anomalies = isObject(data) ? (pickArray(data, 'anomalies') ?? []) : [];
  return anomalies.filter(isObject).map((anomaly) => ({
    id: pickString(anomaly, 'id') ?? '',
    type: pickString(anomaly, 'type') ?? '',
    severity: pickString(anomaly, 'severity') ?? '',
    description: pickString(anomaly, 'description') ?? '',
    details: flatDetails(anomaly.details),
    action: pickString(anomaly, 'recommended_action', 'action') ?? '',
  }));
}

/** Anomaly details flattened to text, nested values as compact JSON, for a key/value list. */
function flatDetails(details: unknown): Record<string, string> {
  if (!isObject(details)) return {};
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(details))
    flat[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return flat;
}
