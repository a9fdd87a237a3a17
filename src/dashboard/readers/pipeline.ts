// Reads the pipeline's metrics.db (opened read-only): run history, per-step durations, success rate and
// revenue by category for one date. Column names are looked up, so older or newer schemas still read.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isFile, requireWorkspace } from './files.js';
import type { CardFacts } from './types.js';
import { NotLandedError } from './types.js';

/** One pipeline run. */
export interface PipelineRun {
  runId: string;
  pipeline: string;
  start: string | null;
  end: string | null;
  /** The date of the data the run processed (`run_date`), when the database records it. */
  dataDate: string | null;
  /** How the run started (`manual`, `scheduled`, ...), when recorded. */
  trigger: string | null;
  status: string;
  /** The recorded `duration_ms` when there is one, else end - start. */
  durationSeconds: number | null;
  recordsProcessed: number | null;
  recordsOutput: number | null;
  error: string | null;
  steps: {
    name: string;
    durationSeconds: number | null;
    recordsIn: number | null;
    recordsOut: number | null;
  }[];
}

/** What the pipeline page shows. */
export interface PipelineView {
  /** The latest RUN_LIMIT runs, newest first. */
  runs: PipelineRun[];
  /** Every run recorded, and the share of finished ones that succeeded. */
  runCount: number;
  successRate: number | null;
  dates: string[];
  date: string | null;
  revenue: { category: string; orders: number; revenue: number }[];
}

type Row = Record<string, unknown>;
const RUN_LIMIT = 100;

/** Read the pipeline's metrics.db under `root`; revenue for `date` (validated) or the latest date. */
export function readPipeline(root: string, date?: string): PipelineView {
  const dir = requireWorkspace(root, 'pipeline');
  const path = join(dir, 'data', 'output', 'metrics.db');
  if (!isFile(path)) throw new NotLandedError('the pipeline has not run here yet: no data/output/metrics.db');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    const runs = tables.has('pipeline_runs') ? readRuns(db, tables.has('step_metrics')) : [];
    const totals = tables.has('pipeline_runs')
      ? (db
          .prepare(
            `SELECT count(*) AS runs, count(*) FILTER (WHERE lower(status) <> 'running') AS finished,
              count(*) FILTER (WHERE lower(status) = 'success') AS succeeded FROM pipeline_runs`,
          )
          .get() as { runs: number; finished: number; succeeded: number })
      : { runs: 0, finished: 0, succeeded: 0 };
    const dates = tables.has('daily_metrics')
      ? (
          db
            .prepare('SELECT DISTINCT run_date FROM daily_metrics ORDER BY run_date')
            .pluck()
            .all() as string[]
        ).map(String)
      : [];
    const chosen = date ?? dates.at(-1) ?? null;
    if (date && !dates.includes(date)) throw new NotLandedError(`no pipeline metrics for ${date}`);
    return {
      runs,
      runCount: totals.runs,
      successRate: totals.finished ? (totals.succeeded / totals.finished) * 100 : null,
      dates,
      date: chosen,
      revenue: chosen ? revenueFor(db, chosen) : [],
    };
  } finally {
    db.close();
  }
}

/** The overview card's facts for a pipeline view. */
export function pipelineCard(view: PipelineView): CardFacts {
  const last = view.runs[0];
  if (!last) return { lastRun: null, status: 'unknown', headline: 'No runs recorded', detail: '' };
  const status = last.status.toLowerCase();
  return {
    lastRun: last.start,
    status: status === 'success' ? 'success' : status === 'running' ? 'running' : 'failed',
    headline: `Last run ${last.status.toUpperCase()}`,
    detail: `${view.runCount} runs${view.successRate === null ? '' : `, ${view.successRate.toFixed(0)}% succeeded`}`,
  };
}

function columnsOf(db: Database.Database, table: string): Set<string> {
  return new Set(
    (db.prepare(`PRAGMA table_info("${table}")`).all() as Row[]).map((column) => String(column.name)),
  );
}

/** The first of `names` the table has, as a quoted identifier, or NULL. */
function column(columns: Set<string>, ...names: string[]): string {
  const found = names.find((name) => columns.has(name));
  return found ? `"${found}"` : 'NULL';
}

function readRuns(db: Database.Database, hasSteps: boolean): PipelineRun[] {
  const cols = columnsOf(db, 'pipeline_runs');
  const rows = db
    .prepare(
      `SELECT run_id, ${column(cols, 'pipeline_name')} AS pipeline, ${column(cols, 'start_time')} AS start, ${column(cols, 'end_time')} AS finish,
        ${column(cols, 'status')} AS status, ${column(cols, 'records_processed')} AS processed, ${column(cols, 'records_output')} AS output,
        ${column(cols, 'error_message')} AS error, ${column(cols, 'run_date')} AS data_date,
        ${column(cols, 'trigger')} AS run_trigger, ${column(cols, 'duration_ms')} AS duration_ms
       FROM pipeline_runs ORDER BY start DESC, run_id DESC LIMIT ${RUN_LIMIT}`,
    )
    .all() as Row[];
  const steps = hasSteps
    ? stepsByRun(
        db,
        rows.map((row) => String(row.run_id)),
      )
    : new Map<string, PipelineRun['steps']>();
  return rows.map((row) => ({
    runId: String(row.run_id),
    pipeline: String(row.pipeline ?? ''),
    start: textOrNull(row.start),
    end: textOrNull(row.finish),
    dataDate: textOrNull(row.data_date),
    trigger: textOrNull(row.run_trigger),
    status: String(row.status ?? 'unknown'),
    durationSeconds: millisToSeconds(numberOrNull(row.duration_ms)) ?? secondsBetween(row.start, row.finish),
    recordsProcessed: numberOrNull(row.processed),
    recordsOutput: numberOrNull(row.output),
    error: textOrNull(row.error),
    steps: steps.get(String(row.run_id)) ?? [],
  }));
}

function stepsByRun(db: Database.Database, runIds: readonly string[]): Map<string, PipelineRun['steps']> {
  const cols = columnsOf(db, 'step_metrics');
  const millis = !cols.has('duration_seconds') && cols.has('duration_ms');
  const order = cols.has('step_order') ? '"step_order"' : cols.has('id') ? '"id"' : 'rowid';
  const rows = db
    .prepare(
      `SELECT run_id, ${column(cols, 'step_name', 'step', 'name')} AS name, ${column(cols, 'duration_seconds', 'duration_ms', 'duration')} AS duration,
        ${column(cols, 'records_in')} AS records_in, ${column(cols, 'records_out')} AS records_out
       FROM step_metrics WHERE run_id IN (${runIds.map(() => '?').join(', ') || 'NULL'}) ORDER BY ${order}`,
    )
    .all(...runIds) as Row[];
  const byRun = new Map<string, PipelineRun['steps']>();
  for (const row of rows) {
    const duration = numberOrNull(row.duration);
    const list = byRun.get(String(row.run_id)) ?? [];
    list.push({
      name: String(row.name ?? '?'),
      durationSeconds: duration === null ? null : millis ? duration / 1000 : duration,
      recordsIn: numberOrNull(row.records_in),
      recordsOut: numberOrNull(row.records_out),
    });
    byRun.set(String(row.run_id), list);
  }
  return byRun;
}

/** Revenue per category for `date`, from that date's latest run only (a re-run replaces its rows anyway). */
function revenueFor(db: Database.Database, date: string): PipelineView['revenue'] {
  const rows = db
    .prepare(
      `SELECT product_category AS category, SUM(order_count) AS orders, SUM(total_revenue) AS revenue FROM daily_metrics
       WHERE run_date = $date AND run_id = (SELECT run_id FROM daily_metrics WHERE run_date = $date ORDER BY id DESC LIMIT 1)
       GROUP BY product_category ORDER BY revenue DESC, category`,
    )
    .all({ date }) as Row[];
  return rows.map((row) => ({
    category: String(row.category),
    orders: Number(row.orders) || 0,
    revenue: Math.round((Number(row.revenue) || 0) * 100) / 100,
  }));
}

function millisToSeconds(millis: number | null): number | null {
  return millis === null ? null : millis / 1000;
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function numberOrNull(value: unknown): number | null {
  const number = typeof value === 'bigint' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

/** Seconds from `start` to `end` (SQLite timestamps, taken as UTC when they carry no zone). */
function secondsBetween(start: unknown, end: unknown): number | null {
  if (typeof start !== 'string' || typeof end !== 'string') return null;
  const parse = (text: string) =>
    Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  const seconds = (parse(end) - parse(start)) / 1000;
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) / 1000 : null;
}
