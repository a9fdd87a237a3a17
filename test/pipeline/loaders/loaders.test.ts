import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvLoader } from '../../../src/pipeline/loaders/csv.js';
import { SqliteLoader } from '../../../src/pipeline/loaders/sqlite.js';
import type { TestContext } from '../helpers.js';
import { plan, testContext } from '../helpers.js';

let context: TestContext;
afterEach(() => context?.engine.close());

const summary = [
  {
    date: '2024-01-17',
    product_category: 'Toys',
    order_count: '3',
    total_revenue: '30.00',
    avg_order_value: '10.00',
  },
  {
    date: '2024-01-17',
    product_category: 'Home & Garden',
    order_count: '1',
    total_revenue: '5.50',
    avg_order_value: '5.50',
  },
];

const sqlite = (path: string) =>
  new SqliteLoader({ name: 'db', type: 'sqlite', path, table: 'daily_metrics' }, plan('aggregated'));
const count = (path: string, sql: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('csv loader', () => {
  it('writes the dataset to daily_summary_{date}.csv with its columns in order', async () => {
    context = await testContext();
    await context.load('aggregated', summary);
    const outcome = await new CsvLoader(
      { name: 'daily_summary', type: 'csv', path: 'out/daily_summary_{date}.csv' },
      plan('aggregated'),
    ).execute(context);
    expect(outcome).toEqual({ recordsIn: 2, recordsOut: 2 });
    expect(readFileSync(join(context.dir, 'out', 'daily_summary_2024-01-17.csv'), 'utf8')).toBe(
      'date,product_category,order_count,total_revenue,avg_order_value\n2024-01-17,Toys,3,30.00,10.00\n2024-01-17,Home & Garden,1,5.50,5.50\n',
    );
  });
});

describe('sqlite loader', () => {
  it('creates daily_metrics and re-running a date replaces its rows', async () => {
    context = await testContext();
    await context.load('aggregated', summary);
    const path = join(context.dir, 'metrics.db');
    await sqlite('metrics.db').execute(context);
    await sqlite('metrics.db').execute(context);
    expect(
      count(
        path,
        'SELECT run_date, product_category, order_count, total_revenue FROM daily_metrics ORDER BY id',
      ),
    ).toEqual([
      { run_date: '2024-01-17', product_category: 'Toys', order_count: 3, total_revenue: 30 },
      { run_date: '2024-01-17', product_category: 'Home & Garden', order_count: 1, total_revenue: 5.5 },
    ]);
    context.date = '2024-01-18';
    await sqlite('metrics.db').execute(context);
    expect(count(path, 'SELECT run_date, count(*) AS n FROM daily_metrics GROUP BY 1 ORDER BY 1')).toEqual([
      { run_date: '2024-01-17', n: 2 },
      { run_date: '2024-01-18', n: 2 },
    ]);
  });

  it("migrates the spec's original daily_metrics table in place", async () => {
    context = await testContext();
    await context.load('aggregated', summary);
    mkdirSync(context.dir, { recursive: true });
    const path = join(context.dir, 'metrics.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE daily_metrics (id INTEGER PRIMARY KEY AUTOINCREMENT, run_date DATE, run_id TEXT, product_category TEXT, order_count INTEGER, total_revenue REAL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
             INSERT INTO daily_metrics (run_date, run_id, product_category, order_count, total_revenue) VALUES ('2024-01-10', 'OLD', 'Toys', 1, 2.0);`);
    db.close();
    await sqlite('metrics.db').execute(context);
    expect(count(path, 'SELECT run_id, avg_order_value FROM daily_metrics ORDER BY id')).toEqual([
      { run_id: 'OLD', avg_order_value: null },
      { run_id: 'RUN-TEST', avg_order_value: 10 },
      { run_id: 'RUN-TEST', avg_order_value: 5.5 },
    ]);
  });

  it('fails naming the missing columns when the dataset is not a daily summary', async () => {
    context = await testContext();
    await context.load('aggregated', [{ region: 'North', n: '1' }]);
    await expect(sqlite('metrics.db').execute(context)).rejects.toThrow(
      'has no column "product_category", "order_count", "total_revenue"',
    );
  });
});
