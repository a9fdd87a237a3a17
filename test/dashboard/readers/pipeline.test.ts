// The pipeline reader on schema variations: the spec's two tables only, step durations in
// milliseconds, a run still running, and a date without metrics.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { pipelineCard, readPipeline } from '../../../src/dashboard/readers/pipeline.js';
import { NotLandedError } from '../../../src/dashboard/readers/types.js';
import { emptyWorkspace, removeWorkspace } from '../fixture.js';

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeWorkspace));

const SPEC_TABLES = `
  CREATE TABLE daily_metrics (id INTEGER PRIMARY KEY AUTOINCREMENT, run_date DATE, run_id TEXT, product_category TEXT,
    order_count INTEGER, total_revenue REAL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
  CREATE TABLE pipeline_runs (run_id TEXT PRIMARY KEY, pipeline_name TEXT, start_time TIMESTAMP, end_time TIMESTAMP,
    status TEXT, records_processed INTEGER, records_output INTEGER, error_message TEXT);`;

function workspaceWithDb(sql: string): string {
  const root = emptyWorkspace();
  made.push(root);
  mkdirSync(join(root, 'pipeline', 'data', 'output'), { recursive: true });
  const db = new Database(join(root, 'pipeline', 'data', 'output', 'metrics.db'));
  db.exec(sql);
  db.close();
  return root;
}

describe('readPipeline', () => {
  it("reads the spec schema without step metrics; revenue from the date's latest run only", () => {
    const root = workspaceWithDb(`${SPEC_TABLES}
      INSERT INTO pipeline_runs VALUES ('RUN-1', 'p', '2024-01-17 02:00:00', '2024-01-17 02:00:01.5', 'success', 10, 2, NULL);
      INSERT INTO daily_metrics (run_date, run_id, product_category, order_count, total_revenue) VALUES
        ('2024-01-17', 'RUN-0', 'Books', 1, 1.0), ('2024-01-17', 'RUN-1', 'Books', 2, 20.25), ('2024-01-17', 'RUN-1', 'Home', 3, 30);`);
    const view = readPipeline(root);
    expect(view.runs.map((run) => [run.runId, run.durationSeconds, run.steps])).toEqual([['RUN-1', 1.5, []]]);
    expect([view.runCount, view.successRate, view.date]).toEqual([1, 100, '2024-01-17']);
    expect(view.revenue).toEqual([
      { category: 'Home', orders: 3, revenue: 30 },
      { category: 'Books', orders: 2, revenue: 20.25 },
    ]);
  });

  it('converts step durations in milliseconds and shows a running run as running', () => {
    const root = workspaceWithDb(`${SPEC_TABLES}
      CREATE TABLE step_metrics (run_id TEXT, step TEXT, duration_ms INTEGER, records_in INTEGER, records_out INTEGER);
      INSERT INTO pipeline_runs VALUES ('RUN-2', 'p', '2024-01-18 02:00:00', NULL, 'running', NULL, NULL, NULL),
        ('RUN-1', 'p', '2024-01-17 02:00:00', '2024-01-17 02:00:03', 'failed', 10, 0, 'boom');
      INSERT INTO step_metrics VALUES ('RUN-1', 'extract', 1250, 0, 10), ('RUN-1', 'transform', 500, 10, 0);`);
    const view = readPipeline(root);
    expect(view.runs.map((run) => [run.runId, run.status, run.durationSeconds])).toEqual([
      ['RUN-2', 'running', null],
      ['RUN-1', 'failed', 3],
    ]);
    expect(view.runs[1].steps.map((step) => [step.name, step.durationSeconds])).toEqual([
      ['extract', 1.25],
      ['transform', 0.5],
    ]);
    expect([view.successRate, view.date, view.revenue]).toEqual([0, null, []]);
    expect(pipelineCard(view)).toEqual({
      lastRun: '2024-01-18 02:00:00',
      status: 'running',
      headline: 'Last run RUNNING',
      detail: '2 runs, 0% succeeded',
    });
  });

  it('says a date without metrics has not been loaded', () => {
    const root = workspaceWithDb(SPEC_TABLES);
    expect(() => readPipeline(root, '2024-01-01')).toThrow(NotLandedError);
  });
});
