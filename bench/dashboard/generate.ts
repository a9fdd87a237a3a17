// Writes a large workspace for the dashboard benchmark: every job's outputs at the sizes the jobs' own
// benchmarks produce (850k customers, 250k discrepancies, 1M detail rows, 5,000 pipeline runs ...).

import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { seededRandom } from '../../src/core/seeded-random.js';

/** How big the generated outputs are. */
export interface BenchSizes {
  customers: number;
  clusters: number;
  discrepancies: number;
  detailRows: number;
  products: number;
  pipelineRuns: number;
  historyDays: number;
}

async function writeLines(
  path: string,
  header: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i++) if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function writeJson(path: string, value: unknown): void {
  writeText(path, JSON.stringify(value));
}

const day = (offset: number) =>
  new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** Generate the workspace under `root` with the given sizes and seed. */
export async function generateWorkspace(root: string, sizes: BenchSizes, seed = 42): Promise<void> {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const sources = ['CRM', 'ECOM', 'CRM+ECOM'];
  await writeLines(
    join(root, 'integrate', 'customer_master.csv'),
    'unified_id,full_name,email,phone,signup_date,source_system,status',
    sizes.customers,
    (i) =>
      `CUST${i + 1},Name ${i},user${i}@example.com,555${String(i).padStart(7, '0')},2023-01-15,${pick(sources)},${rand() < 0.9 ? 'active' : 'inactive'}`,
  );
  await writeLines(
    join(root, 'integrate', 'duplicate_report.csv'),
    'kept_id,removed_ids,match_reason,removed_sources',
    sizes.clusters,
    (i) => `CUST${i + 1},"CRM${i},EC${i}",email+phone,CRM+ECOM`,
  );
  writeText(
    join(root, 'integrate', 'integration_log.txt'),
    '2024-01-17 10:30:00 - INFO - Pipeline started\n2024-01-17 10:30:09 - INFO - Pipeline completed successfully\n',
  );

  const rules = Array.from({ length: 8 }, (_, r) => ({
    rule_id: `R00${r + 1}`,
    name: `Rule ${r + 1}`,
    severity: pick(['critical', 'high', 'medium']),
    passed: 9_500_000,
    failed: 500_000,
    score: 95,
  }));
  writeJson(join(root, 'quality', 'history', 'quality_metrics.json'), {
    history: Array.from({ length: sizes.historyDays }, (_, d) => ({
      date: day(d),
      overall_score: 70 + rand() * 30,
      records_analyzed: 10_000_000,
      rules,
    })),
  });
  writeJson(join(root, 'quality', 'alerts', `alerts_${day(sizes.historyDays - 1)}.json`), {
    alerts: rules.slice(0, 3).map((rule, i) => ({
      id: `ALT00${i + 1}`,
      severity: rule.severity,
      rule_id: rule.rule_id,
      message: 'failures',
      affected_records: Array.from({ length: 100 }, (_, k) => `ORD${k}`),
      action_required: 'Investigate',
    })),
  });

  const categories = ['Electronics', 'Clothing', 'Home', 'Sports', 'Books'];
  writeJson(join(root, 'collect', 'data', 'products_2024-01-17.json'), {
    collected_at: '2024-01-17T10:00:13Z',
    total_records: sizes.products,
    products: Array.from({ length: sizes.products }, (_, i) => ({
      product_id: `PROD${i + 1}`,
      name: `Product ${i + 1}`,
      category: pick(categories),
      price: 10 + rand() * 290,
      active: rand() < 0.75,
    })),
  });
  await writeLines(
    join(root, 'collect', 'data', 'inventory_2024-01-17.csv'),
    'product_id,warehouse,quantity,last_updated',
    Math.floor(sizes.products * 0.75),
    (i) =>
      `PROD${i + 1},${pick(['WEST', 'EAST', 'CENTRAL'])},${Math.floor(rand() * 500)},2024-01-17T08:00:00Z`,
  );
  writeText(
    join(root, 'collect', 'logs', 'api_collector.log'),
    '2024-01-17 10:00:00 - INFO - Starting API data collection\n2024-01-17 10:01:40 - INFO - Collection complete. Summary:\n2024-01-17 10:01:40 - INFO -   Total API calls: 1100 (100 retries)\n2024-01-17 10:01:40 - INFO -   Duration: 100.0 seconds\n',
  );

  for (let d = 0; d < 30; d++) {
    const date = day(d);
    await writeLines(
      join(root, 'logs', 'metrics', `hourly_metrics_${date}.csv`),
      'hour,total_requests,successful,errors,error_rate,unique_ips,avg_response_bytes',
      24,
      (h) => `${h},${80_000 + h * 1000},${76_000 + h * 1000},4000,5.0,${2000 + h},2300`,
    );
    writeJson(join(root, 'logs', 'metrics', `summary_${date}.json`), {
      status_classes: { '2xx': 1_800_000, '3xx': 80_000, '4xx': 90_000, '5xx': 30_000 },
      top_endpoints: Array.from({ length: 10 }, (_, i) => ({
        endpoint: `GET /api/e${i}`,
        requests: 100_000 - i,
        errors: 10,
        error_rate: 0.01,
      })),
      top_ips: Array.from({ length: 10 }, (_, i) => ({
        ip: `10.0.0.${i}`,
        requests: 5000 - i,
        errors: 5,
        user: '-',
        last_seen: '23:59:59',
      })),
    });
    writeJson(join(root, 'logs', 'alerts', `anomalies_${date}.json`), {
      report_date: date,
      anomalies: Array.from({ length: 2000 }, (_, i) => ({
        id: `ANOM${i + 1}`,
        type: 'security',
        severity: pick(['critical', 'high', 'medium', 'low']),
        description: 'Suspicious path',
        details: {
          source_ip: `10.1.${i % 250}.${i % 200}`,
          pattern: '/api/../../etc/passwd',
          occurrences: 3,
        },
        recommended_action: 'Block IP',
      })),
    });
  }

  const types = [
    'missing_record',
    'ghost_record',
    'amount_mismatch',
    'status_mismatch',
    'quantity_mismatch',
    'timing_difference',
  ];
  writeJson(join(root, 'reconcile', 'issues', 'discrepancies_202401.json'), {
    generated_at: '2024-02-01T10:30:00Z',
    summary: { total_discrepancies: sizes.discrepancies },
    discrepancies: Array.from({ length: sizes.discrepancies }, (_, i) => ({
      id: `D${i + 1}`,
      type: pick(types),
      severity: pick(['critical', 'high', 'medium', 'low']),
      transaction_id: `TXN${i}`,
      source_system: 'ERP',
      target_system: pick(['CRM', 'DW']),
      description: 'differs',
      source_values: { total_amount: 10 },
      target_values: null,
      probable_cause: 'sync',
      recommended_action: 'check',
    })),
  });
  await writeLines(
    join(root, 'reconcile', 'reports', 'reconciliation_detail_202401.csv'),
    'comparison,transaction_id,status,fields_differing,source_values,target_values',
    sizes.detailRows,
    (i) => `${i % 2 ? 'ERP vs CRM' : 'ERP vs DW'},TXN${i >> 1},${rand() < 0.98 ? 'matched' : 'mismatch'},,,`,
  );

  const dbPath = join(root, 'pipeline', 'data', 'output', 'metrics.db');
  mkdirSync(dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  db.exec(`CREATE TABLE pipeline_runs (run_id TEXT PRIMARY KEY, pipeline_name TEXT, start_time TIMESTAMP, end_time TIMESTAMP, status TEXT, records_processed INTEGER, records_output INTEGER, error_message TEXT);
    CREATE TABLE step_metrics (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT, step_name TEXT, duration_seconds REAL, records_in INTEGER, records_out INTEGER);
    CREATE TABLE daily_metrics (id INTEGER PRIMARY KEY AUTOINCREMENT, run_date DATE, run_id TEXT, product_category TEXT, order_count INTEGER, total_revenue REAL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);`);
  const run = db.prepare('INSERT INTO pipeline_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const step = db.prepare(
    'INSERT INTO step_metrics (run_id, step_name, duration_seconds, records_in, records_out) VALUES (?, ?, ?, ?, ?)',
  );
  const metric = db.prepare(
    'INSERT INTO daily_metrics (run_date, run_id, product_category, order_count, total_revenue) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let r = 0; r < sizes.pipelineRuns; r++) {
      const id = `RUN-${String(r).padStart(8, '0')}`;
      const start = new Date(Date.UTC(2020, 0, 1) + r * 3_600_000)
        .toISOString()
        .replace('T', ' ')
        .slice(0, 19);
      run.run(
        id,
        'daily_sales_pipeline',
        start,
        start,
        rand() < 0.95 ? 'success' : 'failed',
        1_000_000,
        12,
        null,
      );
      for (const name of ['extract', 'transform', 'load']) step.run(id, name, rand() * 2, 1_000_000, 12);
    }
    for (let d = 0; d < 365; d++)
      for (const category of categories) metric.run(day(d), `RUN-D${d}`, category, 100, 1000 + rand() * 9000);
  })();
  db.close();
}
