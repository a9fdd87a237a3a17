// Reads the quality job's workspace: the score history, the latest day's per-rule results and alerts.
// Tolerates the history's list or keyed-by-date shape; never recomputes a score itself.

import { join } from 'node:path';
import {
  datedFiles,
  isFile,
  isObject,
  objectList,
  pickArray,
  pickNumber,
  pickString,
  readJson,
  requireWorkspace,
} from './files.js';
import type { JsonObject } from './files.js';
import type { CardFacts } from './types.js';
import { NotLandedError } from './types.js';

/** One day in the score history. */
export interface QualityDay {
  date: string;
  /** Records passing every rule, in percent; null when not computed (an empty file). */
  score: number | null;
  /** Passed checks over all checks, in percent, when the history records it. */
  checksPassRate: number | null;
  records: number | null;
}

/** One rule's result on the latest day. */
export interface QualityRule {
  id: string;
  name: string;
  severity: string;
  passed: number | null;
  failed: number | null;
  score: number | null;
}

/** One alert, as the job's alerts file lists it. */
export interface QualityAlert {
  id: string;
  severity: string;
  ruleId: string;
  message: string;
  affectedRecords: string[];
  /** All affected records; `affectedRecords` may list only the first of them. */
  affectedCount: number;
  action: string;
}

/** What the quality page shows. */
export interface QualityView {
  history: QualityDay[];
  latest: QualityDay & { rules: QualityRule[] };
  previousScore: number | null;
  alerts: QualityAlert[];
  reportFile: string | null;
}

/** Read the quality workspace under `root` (throws NotLandedError or InputError). */
export async function readQuality(root: string): Promise<QualityView> {
  const dir = requireWorkspace(root, 'quality');
  const historyPath = join(dir, 'history', 'quality_metrics.json');
  if (!isFile(historyPath))
    throw new NotLandedError('quality has not run here yet: no history/quality_metrics.json');
  const entries = historyEntries(await readJson(root, historyPath));
  if (entries.length === 0) throw new NotLandedError('the quality history has no entries yet');
  const history = entries.map(toDay).sort((a, b) => a.date.localeCompare(b.date));
  const latestEntry = entries.find((entry) => toDay(entry).date === history.at(-1)!.date)!;
  const latest = { ...history.at(-1)!, rules: ruleList(latestEntry) };
  const alertsFile = datedFiles(join(dir, 'alerts'), 'alerts_', '.json').find(
    (file) => file.key === latest.date,
  );
  const report = datedFiles(join(dir, 'reports'), 'quality_report_', '.txt').find(
    (file) => file.key === latest.date,
  );
  return {
    history,
    latest,
    previousScore: history.at(-2)?.score ?? null,
    alerts: alertsFile ? alertList(await readJson(root, alertsFile.path)) : [],
    reportFile: report ? `quality/reports/quality_report_${latest.date}.txt` : null,
  };
}

/** The overview card's facts for a quality view. */
export function qualityCard(view: QualityView): CardFacts {
  const critical = view.alerts.filter((alert) => alert.severity === 'critical').length;
  const score = view.latest.score;
  return {
    lastRun: view.latest.date,
    status: view.alerts.length > 0 ? 'warning' : 'success',
    headline: score === null ? 'Quality score not computed' : `Quality score ${score.toFixed(1)}%`,
    detail: `${view.alerts.length} alert${view.alerts.length === 1 ? '' : 's'}${critical ? ` (${critical} critical)` : ''}`,
  };
}

function historyEntries(data: unknown): JsonObject[] {
  if (Array.isArray(data)) return data.filter(isObject);
  if (!isObject(data)) return [];
  const list = pickArray(data, 'history', 'entries', 'runs', 'days', 'metrics');
  if (list) return list.filter(isObject);
  const keyed = isObject(data.days) ? data.days : isObject(data.history) ? data.history : data;
  return objectList(keyed, 'date').filter(
    (entry) => typeof entry.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(entry.date),
  );
}

function toDay(entry: JsonObject): QualityDay {
  return {
    date: pickString(entry, 'date', 'run_date', 'report_date') ?? '?',
    score: pickNumber(entry, 'overall_score', 'score', 'quality_score', 'record_pass_rate'),
    checksPassRate: pickNumber(entry, 'checks_pass_rate'),
    records: pickNumber(entry, 'records_analyzed', 'record_count', 'records', 'total_records'),
  };
}

function ruleList(entry: JsonObject): QualityRule[] {
  const rules = objectList(entry.rules ?? entry.rule_results ?? entry.results, 'id');
  return rules.map((rule) => ({
    id: pickString(rule, 'id', 'rule_id') ?? '?',
    name: pickString(rule, 'name', 'rule_name') ?? '',
    severity: pickString(rule, 'severity') ?? '',
    passed: pickNumber(rule, 'passed', 'passed_count'),
    failed: pickNumber(rule, 'failed', 'failed_count', 'failures'),
    score: pickNumber(rule, 'score', 'pass_rate', 'score_percent'),
  }));
}

function alertList(data: unknown): QualityAlert[] {
  const alerts = isObject(data) ? (pickArray(data, 'alerts') ?? []) : [];
  return alerts.filter(isObject).map((alert) => {
    const affected = (pickArray(alert, 'affected_records') ?? []).map(String);
    return {
      id: pickString(alert, 'id') ?? '',
      severity: pickString(alert, 'severity') ?? '',
      ruleId: pickString(alert, 'rule_id') ?? '',
      message: pickString(alert, 'message') ?? '',
      affectedRecords: affected,
      affectedCount: pickNumber(alert, 'affected_count') ?? affected.length,
      action: pickString(alert, 'action_required', 'action') ?? '',
    };
  });
}
