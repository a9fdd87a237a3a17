// The API on real job outputs: runs the built CLI's `demo` into a temp folder and reads it back through
// every route. Jobs whose examples have landed must read `ok`; the others must say they have not run.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../src/dashboard/readers/types.js';
import { startDashboard } from '../../src/dashboard/server.js';
import type { RunningDashboard } from '../../src/dashboard/server.js';
import { repoRoot, runCli } from '../e2e/harness.js';

let out: string;
let dashboard: RunningDashboard;
const landed = JOB_NAMES.filter((job) => existsSync(join(repoRoot, 'examples', job)));

async function api<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, dashboard.url));
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), 'sluice-dashboard-demo-')), 'demo');
  const result = runCli(['demo', '--out', out], repoRoot);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain(`sluice serve --dir ${out}`);
  dashboard = await startDashboard({ dir: out, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await dashboard?.close();
  rmSync(join(out, '..'), { recursive: true, force: true });
});

describe('dashboard on the demo outputs', () => {
  it.each(JOB_NAMES)(
    '/api/%s reads the job if its example has landed, else says it has not run',
    async (job) => {
      const result = await api<{ state: string; message?: string }>(`/api/${job}`);
      expect(result.state, result.message).toBe(landed.includes(job) ? 'ok' : 'missing');
    },
  );

  it('overview has a card for every job and no broken ones', async () => {
    const { jobs } = await api<{ jobs: { job: string; state: string; message?: string }[] }>('/api/overview');
    expect(jobs.map((job) => job.job)).toEqual([...JOB_NAMES]);
    expect(jobs.filter((job) => job.state === 'error')).toEqual([]);
  });

  it.runIf(landed.includes('quality'))('quality figures match its history and alerts', async () => {
    const { data } = await api<{
      data: {
        history: { date: string; score: number | null }[];
        latest: { date: string; rules: unknown[] };
        alerts: unknown[];
      };
    }>('/api/quality');
    const history = JSON.parse(
      readFileSync(join(out, 'quality', 'history', 'quality_metrics.json'), 'utf8'),
    ) as {
      days: { date: string; score: number | null; rules: unknown[] }[];
    };
    const last = history.days.at(-1)!;
    const alerts = JSON.parse(
      readFileSync(join(out, 'quality', 'alerts', `alerts_${last.date}.json`), 'utf8'),
    ) as { alerts: unknown[] };
    expect(data.history.map((day) => [day.date, day.score])).toEqual(
      history.days.map((day) => [day.date, day.score]),
    );
    expect([data.latest.date, data.latest.rules.length, data.alerts.length]).toEqual([
      last.date,
      last.rules.length,
      alerts.alerts.length,
    ]);
  });

  it.runIf(landed.includes('pipeline'))('pipeline revenue matches the daily summary it loaded', async () => {
    const { data } = await api<{
      data: {
        runs: { status: string; steps: unknown[] }[];
        date: string;
        revenue: { category: string; revenue: number }[];
      };
    }>('/api/pipeline');
    const summary = readFileSync(
      join(out, 'pipeline', 'data', 'output', `daily_summary_${data.date}.csv`),
      'utf8',
    )
      .trim()
      .split('\n');
    const column = summary[0].split(',').indexOf('total_revenue');
    const expected = summary.slice(1).reduce((sum, line) => sum + Number(line.split(',')[column]), 0);
    const shown = data.revenue.reduce((sum, row) => sum + row.revenue, 0);
    expect([data.runs[0].status, data.revenue.length, Math.round(shown * 100)]).toEqual([
      'success',
      summary.length - 1,
      Math.round(expected * 100),
    ]);
    expect(data.runs[0].steps.length).toBeGreaterThan(0);
  });

  it.runIf(landed.includes('reconcile'))(
    'reconcile figures match its discrepancies file and summary report',
    async () => {
      const { data } = await api<{
        data: {
          period: string;
          total: number;
          comparisons: { name: string; matchRate: number }[];
          systems: { system: string }[] | null;
        };
      }>('/api/reconcile');
      const json = JSON.parse(
        readFileSync(join(out, 'reconcile', 'issues', `discrepancies_${data.period}.json`), 'utf8'),
      ) as {
        summary: { total_discrepancies: number };
        comparisons: { name: string; match_rate: number }[];
      };
      expect(data.total).toBe(json.summary.total_discrepancies);
      expect(data.comparisons.map((item) => [item.name, item.matchRate])).toEqual(
        json.comparisons.map((item) => [item.name, item.match_rate]),
      );
      expect(data.systems?.length).toBe(3);
    },
  );

  it.runIf(landed.includes('collect'))('collect figures match its output files', async () => {
    const { data } = await api<{
      data: {
        date: string;
        products: number;
        inventoryRows: number;
        run: { status: string; apiCalls: number };
      };
    }>('/api/collect');
    const dir = join(out, 'collect', 'data');
    const products = JSON.parse(readFileSync(join(dir, `products_${data.date}.json`), 'utf8')) as {
      products: unknown[];
    };
    const inventoryLines =
      readFileSync(join(dir, `inventory_${data.date}.csv`), 'utf8')
        .trim()
        .split('\n').length - 1;
    expect([data.products, data.inventoryRows, data.run.status]).toEqual([
      products.products.length,
      inventoryLines,
      'success',
    ]);
    expect(data.run.apiCalls).toBeGreaterThan(0);
  });

  it.runIf(landed.includes('integrate'))('integrate figures match its output files', async () => {
    const { data } = await api<{ data: { customers: number; clusters: unknown[]; status: string } }>(
      '/api/integrate',
    );
    const lines = (name: string) =>
      readFileSync(join(out, 'integrate', name), 'utf8')
        .trim()
        .split('\n').length - 1;
    expect([data.customers, data.clusters.length, data.status]).toEqual([
      lines('customer_master.csv'),
      lines('duplicate_report.csv'),
      'success',
    ]);
  });
});
