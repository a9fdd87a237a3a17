// The run history in SQLite (metrics.db): pipeline_runs, step_metrics and notification state.
// Does not decide when to run or what to send; the scheduler and notifier read it for that.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { isoInstant } from '../core/format-time.js';
import type { RunStatus, StepMetric } from './metrics.js';
import { migrateRunTables } from './store-schema.js';

/** How a run was started, as stored. */
export type TriggerKind = 'manual' | 'scheduled' | 'catch-up' | 'backfill';

/** One row of pipeline_runs. */
export interface RunRecord {
  runId: string;
  pipeline: string;
  runDate: string;
  trigger: TriggerKind;
  scheduledFor: string | null;
  startTime: string;
  endTime: string | null;
  status: RunStatus | 'running';
  recordsProcessed: number | null;
  recordsOutput: number | null;
  durationMs: number | null;
  error: string | null;
  pid: number | null;
  host: string | null;
}

interface RunRow {
  run_id: string;
  pipeline_name: string;
  run_date: string;
  trigger: TriggerKind;
  scheduled_for: string | null;
  start_time: string;
  end_time: string | null;
  status: RunRecord['status'];
  records_processed: number | null;
  records_output: number | null;
  duration_ms: number | null;
  error_message: string | null;
  pid: number | null;
  host: string | null;
}

const toRecord = (row: RunRow): RunRecord => ({
  runId: row.run_id,
  pipeline: row.pipeline_name,
  runDate: row.run_date,
  trigger: row.trigger,
  scheduledFor: row.scheduled_for,
  startTime: row.start_time,
  endTime: row.end_time,
  status: row.status,
  recordsProcessed: row.records_processed,
  recordsOutput: row.records_output,
  durationMs: row.duration_ms,
  error: row.error_message,
  pid: row.pid,
  host: row.host,
});

/** Reads and writes the run tables of one metrics database. Close it when done. */
export class RunStore {
  private constructor(readonly db: Database.Database) {}

  /** Open (creating and migrating as needed) the database at `path`. */
  static open(path: string): RunStore {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: 5000 });
    migrateRunTables(db);
    return new RunStore(db);
  }

  close(): void {
    this.db.close();
  }

  /** A run id not yet used: `base`, else `base-2`, `base-3`... */
  freeRunId(base: string): string {
    const taken = this.db.prepare('SELECT 1 FROM pipeline_runs WHERE run_id = ?');
    let candidate = base;
    for (let n = 2; taken.get(candidate); n++) candidate = `${base}-${n}`;
    return candidate;
  }

  /** Record a run as started (`running`). */
  startRun(
    run: Pick<
      RunRecord,
      'runId' | 'pipeline' | 'runDate' | 'trigger' | 'scheduledFor' | 'startTime' | 'pid' | 'host'
    >,
  ): void {
    this.db
      .prepare(
        `INSERT INTO pipeline_runs (run_id, pipeline_name, run_date, trigger, scheduled_for, start_time, status, pid, host)
         VALUES (@runId, @pipeline, @runDate, @trigger, @scheduledFor, @startTime, 'running', @pid, @host)`,
      )
      .run(run);
  }

  /** Record how a run ended and its step metrics, in one transaction. */
  finishRun(
    runId: string,
    end: {
      endTime: string;
      status: RunStatus;
      recordsProcessed: number;
      recordsOutput: number;
      durationMs: number;
      error?: string;
    },
    steps: readonly StepMetric[],
  ): void {
    const update = this.db.prepare(
      `UPDATE pipeline_runs SET end_time = @endTime, status = @status, records_processed = @recordsProcessed,
         records_output = @recordsOutput, duration_ms = @durationMs, error_message = @error WHERE run_id = @runId`,
    );
    const insertStep = this.db.prepare(
      `INSERT OR REPLACE INTO step_metrics VALUES (@runId, @order, @name, @phase, @type, @status, @attempts, @startedAt, @durationMs, @recordsIn, @recordsOut, @error)`,
    );
    this.db.transaction(() => {
      update.run({ ...end, error: end.error ?? null, runId });
      steps.forEach((step, index) =>
        insertStep.run({
          runId,
          order: index + 1,
          name: step.name,
          phase: step.phase,
          type: step.type,
          status: step.status,
          attempts: step.attempts,
          startedAt: isoInstant(step.startedAt),
          durationMs: Math.round(step.durationMs),
          recordsIn: step.recordsIn,
          recordsOut: step.recordsOut,
          error: step.error ?? null,
        }),
      );
    })();
  }

  /** Mark every `running` run of `pipeline` as failed (stale); call only while holding the run lock. */
  markStaleRuns(pipeline: string, endTime: string): RunRecord[] {
    const stale = (
      this.db
        .prepare(`SELECT * FROM pipeline_runs WHERE pipeline_name = ? AND status = 'running'`)
        .all(pipeline) as RunRow[]
    ).map(toRecord);
    const mark = this.db.prepare(
      `UPDATE pipeline_runs SET status = 'failed', end_time = ?, error_message = ? WHERE run_id = ?`,
    );
    for (const run of stale)
      mark.run(
        endTime,
        `stale: process ${run.pid ?? '?'} on ${run.host ?? '?'} ended without finishing the run`,
        run.runId,
      );
    return stale;
  }

  /** The most recent runs, newest first. */
  recentRuns(pipeline: string, limit: number): RunRecord[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM pipeline_runs WHERE pipeline_name = ? ORDER BY start_time DESC, rowid DESC LIMIT ?',
      )
      .all(pipeline, limit) as RunRow[];
    return rows.map(toRecord);
  }

  /** Counts of finished runs by status over the whole history. */
  statusCounts(pipeline: string): Record<string, number> {
    const rows = this.db
      .prepare('SELECT status, count(*) AS n FROM pipeline_runs WHERE pipeline_name = ? GROUP BY status')
      .all(pipeline) as { status: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  /** The latest finished run other than `excludeRunId`, or undefined. */
  previousFinishedRun(pipeline: string, excludeRunId: string): RunRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM pipeline_runs WHERE pipeline_name = ? AND run_id <> ? AND status <> 'running' ORDER BY start_time DESC, rowid DESC LIMIT 1`,
      )
      .get(pipeline, excludeRunId) as RunRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Failed runs since the last success (for "recovered after N failures"). */
  failuresSinceLastSuccess(pipeline: string, excludeRunId: string): number {
    const row = this.db
      .prepare(
        `SELECT count(*) AS n FROM pipeline_runs WHERE pipeline_name = ? AND run_id <> ? AND status IN ('failed', 'partial')
           AND rowid > coalesce((SELECT max(rowid) FROM pipeline_runs WHERE pipeline_name = ? AND status = 'success' AND run_id <> ?), 0)`,
      )
      .get(pipeline, excludeRunId, pipeline, excludeRunId) as { n: number };
    return row.n;
  }

  /** The scheduled slots (ISO instants) already run, from `since` on. */
  scheduledSlotsSince(pipeline: string, since: string): Set<string> {
    const rows = this.db
      .prepare(`SELECT scheduled_for FROM pipeline_runs WHERE pipeline_name = ? AND scheduled_for >= ?`)
      .all(pipeline, since) as { scheduled_for: string }[];
    return new Set(rows.map((row) => row.scheduled_for));
  }

  /** The run dates that scheduled runs covered, from `sinceDate` on (daily schedules key on these). */
  scheduledDatesSince(pipeline: string, sinceDate: string): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT run_date FROM pipeline_runs WHERE pipeline_name = ? AND scheduled_for IS NOT NULL AND run_date >= ?`,
      )
      .all(pipeline, sinceDate) as { run_date: string }[];
    return new Set(rows.map((row) => row.run_date));
  }

  /** The latest scheduled slot ever run, or undefined. */
  lastScheduledSlot(pipeline: string): string | undefined {
    const row = this.db
      .prepare(`SELECT max(scheduled_for) AS slot FROM pipeline_runs WHERE pipeline_name = ?`)
      .get(pipeline) as { slot: string | null };
    return row.slot ?? undefined;
  }

  /** When an alert with `signature` was last sent, or undefined. */
  lastAlert(pipeline: string, signature: string): string | undefined {
    const row = this.db
      .prepare('SELECT sent_at FROM notification_alerts WHERE pipeline_name = ? AND signature = ?')
      .get(pipeline, signature) as { sent_at: string } | undefined;
    return row?.sent_at;
  }

  /** Remember that an alert with `signature` was sent at `sentAt`. */
  recordAlert(pipeline: string, signature: string, sentAt: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO notification_alerts VALUES (?, ?, ?)')
      .run(pipeline, signature, sentAt);
  }
}
