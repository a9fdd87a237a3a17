// The dataset catalog's bookkeeping: reject counts kept without count queries, rejects forgotten
// before a retry, and column lists cached per table yet fresh for each new version of a dataset.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestContext } from './helpers.js';
import { testContext } from './helpers.js';

let context: TestContext | undefined;
afterEach(() => context?.engine.close());

async function withOrders(): Promise<TestContext> {
  context = await testContext();
  await context.load('orders', [
    { id: '1', amount: '5' },
    { id: '2', amount: null },
    { id: '3', amount: '7' },
  ]);
  return context;
}

describe('Datasets', () => {
  it('returns how many rows a reject kept and counts them all for the rejects file', async () => {
    const c = await withOrders();
    const table = c.datasets.table('orders');
    expect(
      await c.datasets.reject('clean', 'orders', `'empty'`, `SELECT * FROM ${table} WHERE amount IS NULL`),
    ).toBe(1);
    expect(await c.datasets.reject('other', 'orders', `'none'`, `SELECT * FROM ${table} WHERE false`)).toBe(
      0,
    );
    await c.datasets.rejectLine('extract', 'orders', 9, 'malformed line', 'x,y,z');
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-datasets-')), 'rejects.csv');
    expect(await c.datasets.writeRejects(path)).toBe(2);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it("forgets only the retried step's rejects, so a retry never counts a row twice", async () => {
    const c = await withOrders();
    const table = c.datasets.table('orders');
    await c.datasets.reject('clean', 'orders', `'empty'`, `SELECT * FROM ${table} WHERE amount IS NULL`);
    await c.datasets.reject('dedupe', 'orders', `'dup'`, `SELECT * FROM ${table} WHERE id = '1'`);
    await c.datasets.forgetRejects('clean');
    await c.datasets.forgetRejects('never-rejected');
    expect((await c.rejects()).map((row) => row[0])).toEqual(['dedupe']);
    await c.datasets.reject('clean', 'orders', `'empty'`, `SELECT * FROM ${table} WHERE amount IS NULL`);
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-datasets-')), 'rejects.csv');
    expect(await c.datasets.writeRejects(path)).toBe(2);
  });

  it('writes no rejects file when nothing was rejected', async () => {
    const c = await withOrders();
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-datasets-')), 'rejects.csv');
    expect(await c.datasets.writeRejects(path)).toBe(0);
  });

  it('lists columns with types, and a new version of a dataset gets its own list', async () => {
    const c = await withOrders();
    expect(await c.datasets.columnTypes('orders')).toEqual([
      { name: 'id', type: 'VARCHAR' },
      { name: 'amount', type: 'VARCHAR' },
    ]);
    const view = c.datasets.newView('orders');
    await c.engine.run(
      `CREATE VIEW ${view} AS SELECT id, CAST(amount AS INTEGER) AS n FROM ${c.datasets.table('orders')}`,
    );
    await c.datasets.publish('orders', view, 3);
    expect(await c.datasets.columns('orders')).toEqual(['id', 'n']);
    expect((await c.datasets.columnTypes('orders'))[1].type).toBe('INTEGER');
  });
});
