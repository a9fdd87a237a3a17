// Golden end-to-end test of `sluice pipeline`: the example workspace run by the scheduler at the
// spec's 02:00 slot with a pinned clock, plus history, idempotent re-runs and bad-input exits.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { copyExample, expectGolden, runCli } from './harness.js';

const SLOT = { SLUICE_NOW: '2024-01-17T02:00:00Z' };

/** A readable, deterministic dump of metrics.db (process id and host masked). */
function dumpMetrics(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const lines: string[] = [];
    for (const table of ['pipeline_runs', 'step_metrics', 'daily_metrics', 'notification_alerts']) {
      lines.push(`== ${table}`);
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<
        string,
        unknown
      >[]) {
        if ('pid' in row) row.pid = '<pid>';
        if ('host' in row) row.host = '<host>';
        lines.push(JSON.stringify(row));
      }
    }
    return `${lines.join('\n')}\n`;
  } finally {
    db.close();
  }
}

function replaceDbWithDump(dir: string): void {
  const db = join(dir, 'data', 'output', 'metrics.db');
  writeFileSync(`${db}.dump.txt`, dumpMetrics(db));
  rmSync(db);
}

describe('sluice pipeline (golden)', () => {
  it('runs the example at its scheduled 02:00 slot and writes the spec outputs', () => {
    const dir = copyExample('pipeline');
    const result = runCli(['-q', 'pipeline', 'schedule', '--once'], dir, SLOT);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    writeFileSync(join(dir, 'stdout.txt'), result.stdout);
    replaceDbWithDump(dir);
    expectGolden('pipeline', dir, 'pipeline');
  });

  it('re-running a date replaces its rows, and history shows both runs', () => {
    const dir = copyExample('pipeline');
    expect(runCli(['-q', 'pipeline', 'run', '--date', '2024-01-17'], dir, SLOT).code).toBe(0);
    expect(runCli(['-q', 'pipeline', 'run', '--date', '2024-01-17'], dir, SLOT).code).toBe(0);
    const db = new Database(join(dir, 'data', 'output', 'metrics.db'), { readonly: true });
    const rows = db
      .prepare('SELECT count(*) AS n, count(DISTINCT run_id) AS runs FROM daily_metrics')
      .get() as { n: number; runs: number };
    db.close();
    expect(rows).toEqual({ n: 12, runs: 1 });
    const history = runCli(['pipeline', 'history'], dir, SLOT);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain('RUN-20240117-020000-2');
    expect(history.stdout).toContain('Success rate (all):    2/2 (100.0%)');
  });

  it('says when the next run is when nothing is due', () => {
    const dir = copyExample('pipeline');
    expect(runCli(['-q', 'pipeline', 'schedule', '--once'], dir, SLOT).code).toBe(0);
    const again = runCli(['-q', 'pipeline', 'schedule', '--once'], dir, {
      SLUICE_NOW: '2024-01-17T09:00:00Z',
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('no run due at 2024-01-17T09:00:00Z; next run at 2024-01-18T02:00:00Z\n');
  });

  it.each([
    {
      name: 'an unknown step type',
      edit: (c: string) => c.replace('"type": "aggregator"', '"type": "agregator"'),
      message:
        /step "calculate_metrics" has unknown transform type "agregator" \(did you mean "aggregator"\?\)/,
    },
    {
      name: 'malformed JSON',
      edit: (c: string) => c.replace('"version": "1.0.0",', '"version": "1.0.0",,'),
      message: /malformed JSON in .*pipeline_config\.json:3:/,
    },
  ])('exits 2 with one line for $name', ({ edit, message }) => {
    const dir = copyExample('pipeline');
    const path = join(dir, 'config', 'pipeline_config.json');
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    const result = runCli(['pipeline', 'run', '--date', '2024-01-17'], dir, SLOT);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, 'logs', 'pipeline_2024-01-17.log'))).toBe(false);
  });

  it('exits 1 and notifies when a required source is missing', () => {
    const dir = copyExample('pipeline');
    const result = runCli(['-q', 'pipeline', 'run', '--date', '2024-01-18'], dir, SLOT);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/required source "sales_orders" not found/);
    const log = readFileSync(join(dir, 'logs', 'pipeline_2024-01-18.log'), 'utf8');
    expect(log).toContain('Status:           FAILED ✗');
    expect(existsSync(join(dir, 'logs', 'outbox', 'RUN-20240117-020000-slack.json'))).toBe(true);
  });

  it('rejects a bad --date with exit 2', () => {
    const result = runCli(['pipeline', 'run', '--date', '2024-02-30'], copyExample('pipeline'), SLOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('sluice: error: --date 2024-02-30 is not a date (write it as YYYY-MM-DD)\n');
  });
});
