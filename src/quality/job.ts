// The quality job: for one date, check the data file against the rules, score it, raise alerts, update
// the history and write the report, alerts and rejects; `runQualityBackfill` does every date in order.
// Does not parse flags or print to the console (the CLI does) and holds no rule logic (rules/).

import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { Clock } from '../core/clock.js';
import { writeCsvAtomic } from '../core/csv-write.js';
import { withEngine } from '../core/engine.js';
import { writeFileAtomic, writeJsonAtomic } from '../core/files.js';
import { isoInstant } from '../core/format-time.js';
import type { Logger } from '../core/log.js';
import { alertsFile, buildAlerts } from './alerts.js';
import type { Alert } from './alerts.js';
import { checkColumns, loadQualityConfig } from './config.js';
import type { QualityConfig } from './config.js';
import { readDataHeader } from './data-file.js';
import { evaluateRules } from './evaluate.js';
import type { Evaluation } from './evaluate.js';
import { historyEntry, loadHistory, saveHistory, trendAt, upsertEntry } from './history.js';
import { renderReport } from './report.js';
import { scoreEvaluation } from './score.js';
import type { QualityScores } from './score.js';
import type { DayPaths } from './workspace.js';

/** DuckDB's memory cap for a run; it spills to disk beyond this (the benchmark target is < 2 GB RSS). */
const ENGINE_MEMORY_LIMIT = '1GB';

/** What one day's run needs. */
export interface QualityDayOptions {
  date: string;
  paths: DayPaths;
  clock: Clock;
  logger: Logger;
  /** A config already loaded (a backfill loads it once); read from `paths.rules` otherwise. */
  config?: QualityConfig;
}

/** What one day's run produced. */
export interface QualityDayResult {
  date: string;
  scores: QualityScores;
  alerts: Alert[];
  /** Files written, in the order a person would open them. */
  outputs: string[];
}

/** `order_id` -> `order`, `CustomerID` -> `customer`; `record` when the column name says nothing. */
export function recordNoun(idField: string): string {
  const noun = idField
    .replace(/[_\s-]*id$/i, '')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return noun || 'record';
}

function noRecords(config: QualityConfig): Evaluation {
  return {
    parsedRecords: 0,
    passingAll: 0,
    passingBySeverity: {},
    rules: config.rules.map((rule) => ({ rule, failed: 0, samples: [] })),
    rejects: [],
  };
}

async function evaluateFile(
  config: QualityConfig,
  paths: DayPaths,
  logger: Logger,
): Promise<{ evaluation: Evaluation; idField: string }> {
  const header = readDataHeader(paths.data);
  if (header.kind === 'empty') {
    logger.warn(`${paths.data} is empty (no header, no records); no score is computed`);
    return { evaluation: noRecords(config), idField: config.record_id_field ?? 'record_id' };
  }
  checkColumns(config, header.columns, paths.rules, paths.data);
  const idField = config.record_id_field ?? header.columns[0];
  logger.info(`Checking ${paths.data} against ${config.rules.length} rules (record id: ${idField})`);
  const evaluation = await withEngine(
    (engine) =>
      evaluateRules(engine, {
        path: paths.data,
        columns: header.columns,
        recordIdField: idField,
        rules: config.rules,
      }),
    { memoryLimit: ENGINE_MEMORY_LIMIT },
  );
  if (evaluation.parsedRecords === 0 && evaluation.rejects.length === 0)
    logger.warn(`${paths.data} has a header but no records; no score is computed`);
  return { evaluation, idField };
}

function writeRejects(path: string, dataFile: string, evaluation: Evaluation, logger: Logger): boolean {
  if (evaluation.rejects.length === 0) {
    rmSync(path, { force: true });
    return false;
  }
  logger.warn(
    `${evaluation.rejects.length} rows of ${dataFile} do not match the header; they fail the SCHEMA check and are listed in ${path}`,
  );
  writeCsvAtomic(
    path,
    ['file', 'line', 'reason', 'raw'],
    evaluation.rejects.map((reject) => [basename(dataFile), reject.line, reject.reason, reject.raw]),
  );
  return true;
}

/** Run the quality check for one date and write its outputs; the history gains (or replaces) the date's entry. */
export async function runQualityDay(options: QualityDayOptions): Promise<QualityDayResult> {
  const { date, paths, logger } = options;
  const config = options.config ?? loadQualityConfig(paths.rules);
  const history = loadHistory(paths.history);
  const { evaluation, idField } = await evaluateFile(config, paths, logger);
  const scores = scoreEvaluation(evaluation);
  const noun = recordNoun(idField);
  const alerts = buildAlerts(scores, {
    thresholds: config.thresholds,
    recordNoun: noun,
    dataFile: paths.data,
    rejectsFile: basename(paths.rejects),
  });
  const generatedAt = isoInstant(options.clock.now());
  const fileName = basename(paths.data);
  const updated = upsertEntry(history, historyEntry(date, fileName, scores, alerts.length, generatedAt));
  const wroteRejects = writeRejects(paths.rejects, paths.data, evaluation, logger);
  const report = renderReport({
    date,
    fileName,
    scores,
    alerts,
    trend: trendAt(updated, date),
    rejects: evaluation.rejects,
    rejectsFile: basename(paths.rejects),
    recordLabel: noun.charAt(0).toUpperCase() + noun.slice(1),
    overallMinScore: config.thresholds.overall_min_score,
  });
  writeFileAtomic(paths.report, report);
  writeJsonAtomic(paths.alerts, alertsFile(alerts, generatedAt));
  saveHistory(paths.history, updated);
  const score = scores.score === null ? 'not computed' : `${scores.score.toFixed(1)}%`;
  logger.info(
    `${date}: ${scores.records} records, score ${score}, ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`,
  );
  return {
    date,
    scores,
    alerts,
    outputs: [paths.report, paths.alerts, ...(wroteRejects ? [paths.rejects] : []), paths.history],
  };
}

/** Run every date in order with one config (a backfill that builds the history). */
export async function runQualityBackfill(
  days: readonly { date: string; paths: DayPaths }[],
  options: { clock: Clock; logger: Logger; rulesPath: string },
): Promise<QualityDayResult[]> {
  const config = loadQualityConfig(options.rulesPath);
  const results: QualityDayResult[] = [];
  for (const day of days)
    results.push(await runQualityDay({ ...day, clock: options.clock, logger: options.logger, config }));
  return results;
}
