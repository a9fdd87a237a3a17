// The dashboard's HTTP surface: every page and API route on the sample workspace, the assets it serves,
// its security headers, and everything it must refuse (other methods, unknown paths, traversal, rebinding).

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard } from '../../src/dashboard/server.js';
import type { RunningDashboard } from '../../src/dashboard/server.js';
import { removeWorkspace, sampleWorkspace } from './fixture.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let workspace: string;
let dashboard: RunningDashboard;

/** A raw request, so paths reach the server exactly as written (fetch would normalize them). */
function call(path: string, options: { method?: string; host?: string } = {}): Promise<Reply> {
  const { port } = new URL(dashboard.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function api<T = Record<string, unknown>>(path: string): Promise<T> {
  const reply = await call(path);
  expect(reply.status, path).toBe(200);
  expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(reply.body) as T;
}

beforeAll(async () => {
  workspace = sampleWorkspace();
  dashboard = await startDashboard({ dir: workspace, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await dashboard.close();
  removeWorkspace(workspace);
});

describe('pages', () => {
  it.each(['/', '/integrate', '/quality', '/collect', '/logs', '/reconcile', '/pipeline'])(
    'serves %s as HTML with a strict CSP and only external scripts',
    async (path) => {
      const reply = await call(path);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = String(reply.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(reply.body).not.toMatch(/\son\w+=/);
    },
  );
});

describe('JSON API', () => {
  it('overview has one card per job, in order, with headline figures', async () => {
    const { jobs } = await api<{ jobs: { job: string; state: string; headline: string; status: string }[] }>(
      '/api/overview',
    );
    expect(jobs.map((job) => [job.job, job.state, job.headline, job.status])).toEqual([
      ['integrate', 'ok', '3 customer records merged', 'success'],
      ['quality', 'ok', 'Quality score 40.0%', 'warning'],
      ['collect', 'ok', '5 records collected', 'success'],
      ['logs', 'ok', 'Error rate 30.0%', 'warning'],
      ['reconcile', 'ok', '3 discrepancies', 'warning'],
      ['pipeline', 'ok', 'Last run SUCCESS', 'success'],
    ]);
  });

  it('integrate: totals by source and the duplicate clusters', async () => {
    const { data } = await api<{
      data: { customers: number; merged: number; clusters: { keptId: string; removedIds: string[] }[] };
    }>('/api/integrate');
    expect([data.customers, data.merged]).toEqual([4, 3]);
    expect(data.clusters.map((cluster) => [cluster.keptId, cluster.removedIds])).toEqual([
      ['CUST001', ['CRM005', 'EC1001']],
      ['CUST002', ['EC1003']],
    ]);
  });

  it("quality: score history, the latest day's rules and its alerts", async () => {
    const { data } = await api<{
      data: {
        history: { score: number }[];
        latest: { date: string; rules: { id: string }[] };
        previousScore: number;
        alerts: { id: string }[];
      };
    }>('/api/quality');
    expect(data.history.map((day) => day.score)).toEqual([85, 82, 40]);
    expect([
      data.latest.date,
      data.previousScore,
      data.latest.rules.map((rule) => rule.id),
      data.alerts.map((alert) => alert.id),
    ]).toEqual(['2024-01-17', 82, ['R001', 'R003'], ['ALT001']]);
  });

  it("collect: the last collection's calls, retries and duration", async () => {
    const { data } = await api<{
      data: {
        products: number;
        inventoryRows: number;
        run: { apiCalls: number; retries: number; durationSeconds: number };
      };
    }>('/api/collect');
    expect([
      data.products,
      data.inventoryRows,
      data.run.apiCalls,
      data.run.retries,
      data.run.durationSeconds,
    ]).toEqual([3, 2, 9, 2, 13.2]);
  });

  it('logs: the latest day by default and another day by ?date=', async () => {
    const latest = await api<{
      data: {
        date: string;
        totals: { requests: number };
        anomalies: unknown[];
        topEndpoints: { name: string }[];
      };
    }>('/api/logs');
    expect([latest.data.date, latest.data.totals.requests, latest.data.anomalies.length]).toEqual([
      '2024-01-17',
      20,
      2,
    ]);
    expect(latest.data.topEndpoints[1].name).toBe('GET /<script>alert(1)</script>');
    const earlier = await api<{
      data: { date: string; totals: { requests: number }; statusClasses: null; anomalies: unknown[] };
    }>('/api/logs?date=2024-01-16');
    expect([
      earlier.data.date,
      earlier.data.totals.requests,
      earlier.data.statusClasses,
      earlier.data.anomalies,
    ]).toEqual(['2024-01-16', 10, null, []]);
  });

  it('reconcile: discrepancies by severity and match rates from the detail file', async () => {
    const { data } = await api<{
      data: {
        period: string;
        total: number;
        bySeverity: Record<string, number>;
        comparisons: { name: string; matched: number; total: number }[];
      };
    }>('/api/reconcile?period=202401');
    expect([data.period, data.total, data.bySeverity]).toEqual([
      '202401',
      3,
      { critical: 1, high: 1, low: 1 },
    ]);
    expect(data.comparisons.map((item) => [item.name, item.matched, item.total])).toEqual([
      ['ERP vs CRM', 2, 4],
      ['ERP vs DW', 2, 3],
    ]);
  });

  it('pipeline: runs newest first with steps, success rate, revenue for the chosen date', async () => {
    const { data } = await api<{
      data: {
        runs: { runId: string; durationSeconds: number; steps: unknown[] }[];
        successRate: number;
        date: string;
        revenue: { category: string; revenue: number }[];
      };
    }>('/api/pipeline');
    expect(data.runs.map((run) => [run.runId, run.durationSeconds, run.steps.length])).toEqual([
      ['RUN-20240117-020000', 7.23, 3],
      ['RUN-20240116-020000', 5, 0],
    ]);
    expect([data.successRate, data.date, data.revenue.map((row) => row.category)]).toEqual([
      50,
      '2024-01-17',
      ['Electronics', 'Clothing'],
    ]);
    const earlier = await api<{
      data: { date: string; revenue: { category: string; orders: number; revenue: number }[] };
    }>('/api/pipeline?date=2024-01-15');
    expect([earlier.data.date, earlier.data.revenue]).toEqual([
      '2024-01-15',
      [{ category: 'Books', orders: 3, revenue: 45.5 }],
    ]);
  });

  it('reconcile: filters discrepancies by severity and type over every row', async () => {
    type Filtered = { data: { matching: number; discrepancies: { id: string }[]; filter: unknown } };
    const critical = await api<Filtered>('/api/reconcile?severity=critical');
    expect([critical.data.matching, critical.data.discrepancies.map((d) => d.id)]).toEqual([1, ['D002']]);
    const none = await api<Filtered>('/api/reconcile?severity=low&type=ghost_record');
    expect([none.data.matching, none.data.discrepancies, none.data.filter]).toEqual([
      0,
      [],
      { severity: 'low', type: 'ghost_record' },
    ]);
  });

  it('a date with no outputs is reported as missing, not as an error', async () => {
    expect(await api('/api/logs?date=2023-12-31')).toEqual({
      job: 'logs',
      state: 'missing',
      message: 'no hourly metrics (metrics/hourly_metrics_<date>.csv) for 2023-12-31',
    });
  });

  it.each(['/api/logs?date=../../etc', '/api/pipeline?date=2024-1-1', '/api/reconcile?period=2024-01%27'])(
    'rejects a malformed date or period: %s',
    async (path) => {
      const reply = await call(path);
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toEqual({ error: 'date must be YYYY-MM-DD and period YYYYMM' });
    },
  );

  it('re-reads files on every request, so new outputs appear without a restart', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    writeFileSync(
      join(workspace, 'logs', 'metrics', 'hourly_metrics_2024-01-18.csv'),
      'hour,total_requests,successful,errors,error_rate,unique_ips,avg_response_bytes\n3,7,7,0,0,1,10\n',
    );
    const { data } = await api<{ data: { date: string; dates: string[] } }>('/api/logs');
    expect([data.date, data.dates]).toEqual(['2024-01-18', ['2024-01-16', '2024-01-17', '2024-01-18']]);
  });
});

describe('assets', () => {
  it.each([
    ['/assets/chart.umd.min.js', 'text/javascript; charset=utf-8'],
    ['/assets/common.js', 'text/javascript; charset=utf-8'],
    ['/assets/page-logs.js', 'text/javascript; charset=utf-8'],
    ['/assets/dashboard.css', 'text/css; charset=utf-8'],
    ['/assets/favicon.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (path, type) => {
    const reply = await call(path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.body.length).toBeGreaterThan(100);
  });

  it('serves Chart.js from the installed package, not a CDN', async () => {
    expect((await call('/assets/chart.umd.min.js')).body).toContain('Chart.js v4');
  });
});

describe('refusals', () => {
  it.each([
    '/assets/',
    '/assets',
    '/assets/../package.json',
    '/assets/%2e%2e/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/common.js.map',
    '/assets/page-logs.d.ts',
    '/..%2f..%2fetc%2fpasswd',
    '//etc/passwd',
    '/api',
    '/api/unknown',
    '/api/logs/extra',
    '/logs/',
    '/quality/history/quality_metrics.json',
    '/logs/metrics/summary_2024-01-17.json',
    '/pipeline/data/output/metrics.db',
  ])('answers 404 with no file content for %s', async (path) => {
    const reply = await call(path);
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toEqual({ error: 'not found' });
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('refuses %s with 405', async (method) => {
    const reply = await call('/api/overview', { method });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('answers HEAD with headers and no body', async () => {
    const reply = await call('/api/overview', { method: 'HEAD' });
    expect([reply.status, reply.body, Number(reply.headers['content-length']) > 0]).toEqual([200, '', true]);
  });

  it('refuses a foreign Host header on loopback (DNS rebinding)', async () => {
    expect((await call('/api/overview', { host: 'attacker.example:8080' })).status).toBe(421);
    expect((await call('/api/overview', { host: 'localhost:8080' })).status).toBe(200);
  });
});
