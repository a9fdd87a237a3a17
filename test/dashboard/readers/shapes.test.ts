// Readers accept the shape variations a job may write (lists or keyed objects, alternative field names)
// and map them to the same view.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER_LIMIT, readIntegrate } from '../../../src/dashboard/readers/integrate.js';
import { readLogs } from '../../../src/dashboard/readers/logs.js';
import { readQuality } from '../../../src/dashboard/readers/quality.js';
import { readReconcile } from '../../../src/dashboard/readers/reconcile.js';
import { emptyWorkspace, removeWorkspace } from '../fixture.js';

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeWorkspace));

function workspaceWith(files: Record<string, unknown>): string {
  const root = emptyWorkspace();
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

describe('quality history shapes', () => {
  const rules = [
    {
      id: 'R001',
      rule_name: 'Not null',
      severity: 'critical',
      passed_count: 9,
      failed_count: 1,
      pass_rate: 90,
    },
  ];
  it.each([
    [
      'a bare list',
      [
        { date: '2024-01-16', score: 80 },
        { date: '2024-01-17', score: 70, record_count: 10, rules },
      ],
    ],
    [
      'a list under "entries"',
      {
        entries: [
          { run_date: '2024-01-17', quality_score: 70, records: 10, rule_results: rules },
          { run_date: '2024-01-16', quality_score: 80 },
        ],
      },
    ],
    [
      'an object keyed by date',
      {
        '2024-01-16': { overall_score: 80 },
        '2024-01-17': { overall_score: 70, total_records: 10, rules: { R001: rules[0] } },
      },
    ],
    [
      'days keyed by date',
      {
        version: 1,
        days: {
          '2024-01-17': { overall_score: 70, records_analyzed: 10, rules },
          '2024-01-16': { overall_score: 80 },
        },
      },
    ],
  ])('reads %s, oldest first', async (_, history) => {
    const view = await readQuality(workspaceWith({ 'quality/history/quality_metrics.json': history }));
    expect(view.history.map((day) => [day.date, day.score])).toEqual([
      ['2024-01-16', 80],
      ['2024-01-17', 70],
    ]);
    expect([view.latest.records, view.previousScore, view.alerts]).toEqual([10, 80, []]);
    expect(view.latest.rules).toEqual([
      { id: 'R001', name: 'Not null', severity: 'critical', passed: 9, failed: 1, score: 90 },
    ]);
  });
});

describe('logs summary shapes', () => {
  const hourly =
    'hour,total_requests,successful,errors,error_rate,unique_ips,avg_response_bytes\n0,10,9,1,10.0,2,100\n';
  it.each([
    ['classes as an object of counts', { status_classes: { '2xx': 9, '4xx': 1 } }],
    [
      'classes as a list',
      {
        status_distribution: [
          { class: '2xx', count: 9 },
          { class: '4xx', count: 1 },
        ],
      },
    ],
    [
      'classes as an object of objects',
      { statuses: { '2xx': { count: 9, percent: 90 }, '4xx': { count: 1 } } },
    ],
  ])('reads %s', async (_, summary) => {
    const view = await readLogs(
      workspaceWith({
        'logs/metrics/hourly_metrics_2024-01-17.csv': hourly,
        'logs/metrics/summary_2024-01-17.json': summary,
      }),
    );
    expect(view.statusClasses).toEqual([
      { name: '2xx', count: 9 },
      { name: '4xx', count: 1 },
    ]);
  });

  it('joins method and path for endpoints given separately, and keeps IP users', async () => {
    const summary = {
      top_endpoints: [{ method: 'GET', path: '/api/cart', count: 3, error_count: 1, error_percent: 33.3 }],
      top_ips: [{ ip: '::1', requests: 2, user: 'u1', last_seen: '10:00:00' }],
    };
    const view = await readLogs(
      workspaceWith({
        'logs/metrics/hourly_metrics_2024-01-17.csv': hourly,
        'logs/metrics/summary_2024-01-17.json': summary,
      }),
    );
    expect(view.topEndpoints).toEqual([{ name: 'GET /api/cart', requests: 3, errors: 1, errorRate: 33.3 }]);
    expect(view.topIps).toEqual([
      { name: '::1', requests: 2, errors: null, errorRate: null, user: 'u1', lastSeen: '10:00:00' },
    ]);
  });

  it('counts hourly rows that cannot be parsed and ignores a missing summary', async () => {
    const view = await readLogs(
      workspaceWith({ 'logs/metrics/hourly_metrics_2024-01-17.csv': `${hourly}1,2\n` }),
    );
    expect([view.totals.requests, view.rejectedRows, view.statusClasses, view.topEndpoints]).toEqual([
      10,
      1,
      null,
      null,
    ]);
  });
});

describe('reconcile match rates', () => {
  const discrepancies = { summary: { total_discrepancies: 0 }, discrepancies: [] };
  it("prefers the job's own per-comparison figures", async () => {
    const json = {
      ...discrepancies,
      comparisons: [{ name: 'ERP vs CRM', matched: 7, total_keys: 10, match_rate: 70 }],
      systems: { ERP: { total_records: 10 }, CRM: { total_records: 9 } },
    };
    const view = await readReconcile(workspaceWith({ 'reconcile/issues/discrepancies_202401.json': json }));
    expect(view.comparisons).toEqual([
      { name: 'ERP vs CRM', matched: 7, total: 10, matchRate: 70, missingInTarget: null, onlyInTarget: null },
    ]);
    expect(view.systems).toEqual([
      { system: 'ERP', figures: { total_records: 10 } },
      { system: 'CRM', figures: { total_records: 9 } },
    ]);
  });

  it('shows no rates and no systems when neither the JSON nor a detail file has them', async () => {
    const view = await readReconcile(
      workspaceWith({ 'reconcile/issues/discrepancies_202401.json': discrepancies }),
    );
    expect([view.comparisons, view.systems, view.total, view.bySeverity]).toEqual([[], null, 0, {}]);
  });
});

describe('long outputs', () => {
  it('sends the first clusters only but counts every merged record', async () => {
    const rows = Array.from({ length: CLUSTER_LIMIT + 1 }, (_, i) => `CUST${i},"A${i},B${i}",email,CRM`);
    const root = workspaceWith({
      'integrate/customer_master.csv':
        'unified_id,full_name,email,phone,signup_date,source_system,status\nCUST1,A,a@x,1,2024-01-01,CRM,active\n',
      'integrate/duplicate_report.csv': `kept_id,removed_ids,match_reason,removed_sources\n${rows.join('\n')}\n`,
    });
    const view = await readIntegrate(root);
    expect([view.clusters.length, view.clusterCount, view.merged, view.status]).toEqual([
      CLUSTER_LIMIT,
      CLUSTER_LIMIT + 1,
      2 * (CLUSTER_LIMIT + 1),
      'unknown',
    ]);
  });
});
