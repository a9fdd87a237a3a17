import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/pipeline/run-store.js';
import { SCHEMA_VERSION } from '../../src/pipeline/store-schema.js';

describe('run store', () => {
  it("migrates the spec's original pipeline_runs table, keeping its rows", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-store-')), 'metrics.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE pipeline_runs (run_id TEXT PRIMARY KEY, pipeline_name TEXT, start_time TIMESTAMP, end_time TIMESTAMP, status TEXT, records_processed INTEGER, records_output INTEGER, error_message TEXT);
             INSERT INTO pipeline_runs VALUES ('RUN-OLD', 'p', '2024-01-01T02:00:00Z', '2024-01-01T02:00:07Z', 'success', 10, 2, NULL);`);
    db.close();
    const store = RunStore.open(path);
    expect(store.recentRuns('p', 5).map((run) => [run.runId, run.status, run.trigger])).toEqual([
      ['RUN-OLD', 'success', null],
    ]);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const columns = (store.db.prepare('PRAGMA table_info(step_metrics)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toContain('records_out');
    store.close();
  });

  it('hands out a free run id when one is taken', () => {
    const store = RunStore.open(join(mkdtempSync(join(tmpdir(), 'sluice-store-')), 'metrics.db'));
    const base = {
      pipeline: 'p',
      runDate: '2024-01-17',
      trigger: 'manual' as const,
      scheduledFor: null,
      startTime: 'x',
      pid: 1,
      host: 'h',
    };
    store.startRun({ ...base, runId: 'RUN-20240117-020000' });
    store.startRun({ ...base, runId: 'RUN-20240117-020000-2' });
    expect(store.freeRunId('RUN-20240117-020000')).toBe('RUN-20240117-020000-3');
    expect(store.freeRunId('RUN-20240118-020000')).toBe('RUN-20240118-020000');
    store.close();
  });
});
