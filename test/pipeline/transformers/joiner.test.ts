import { afterEach, describe, expect, it } from 'vitest';
import { JoinerTransformer } from '../../../src/pipeline/transformers/joiner.js';
import type { TestContext } from '../helpers.js';
import { plan, testContext } from '../helpers.js';

let context: TestContext;
afterEach(() => context?.engine.close());

const orders = [
  { order_id: 'O1', product_id: 'P1', name: 'first order' },
  { order_id: 'O2', product_id: 'P2', name: 'second order' },
  { order_id: 'O3', product_id: 'P404', name: 'third order' },
  { order_id: 'O4', product_id: 'P1', name: 'fourth order' },
];
const products = [
  { product_id: 'P1', name: 'Lamp', product_category: 'Home' },
  { product_id: 'P2', name: 'Ball', product_category: 'Sports' },
  { product_id: 'P1', name: 'Lamp (duplicate row)', product_category: 'Duplicate' },
];

async function setUp() {
  context = await testContext();
  await context.load('orders', orders);
  await context.load('products', products);
}

const joiner = (config: Record<string, unknown>) =>
  new JoinerTransformer(
    { name: 'enrich', type: 'joiner', config: { right: 'products', on: 'product_id', ...config } },
    plan(),
  );

describe('joiner', () => {
  it('inner join drops unmatched rows as rejects and warns with the unknown keys', async () => {
    await setUp();
    const outcome = await joiner({}).execute(context);
    expect(outcome).toMatchObject({ recordsIn: 4, recordsOut: 3, unmatched: 1, dropped: { unmatched: 1 } });
    expect(
      context.lines.some((line) => line.includes('WARN  |   1 records had unknown product_id: P404')),
    ).toBe(true);
    expect(context.lines).toContain('[02:00:00] INFO  |   Matched: 3 | Unmatched: 1');
    expect((await context.rejects())[0].slice(0, 4)).toEqual([
      'enrich',
      'orders',
      '',
      'unknown product_id: P404',
    ]);
  });

  it('left join keeps unmatched rows with empty right-side columns', async () => {
    await setUp();
    const outcome = await joiner({ how: 'left' }).execute(context);
    expect(outcome).toMatchObject({ recordsOut: 4, unmatched: 1, dropped: { unmatched: 0 } });
    const rows = await context.rowsOf('enriched');
    expect(rows.map((r) => r.product_category)).toEqual(['Home', 'Sports', null, 'Home']);
  });

  it('uses the first row of a duplicated right key, so rows are never multiplied', async () => {
    await setUp();
    await joiner({}).execute(context);
    const rows = await context.rowsOf('enriched');
    expect(rows.filter((r) => r.product_id === 'P1').map((r) => r.product_category)).toEqual([
      'Home',
      'Home',
    ]);
  });

  it('renames right-side columns that clash with left-side ones', async () => {
    await setUp();
    await joiner({}).execute(context);
    expect(await context.datasets.columns('enriched')).toEqual([
      'order_id',
      'product_id',
      'name',
      'products_name',
      'product_category',
    ]);
  });

  it('passes the left rows through when the right side is an absent optional source', async () => {
    context = await testContext();
    await context.load('orders', orders);
    const outcome = await joiner({}).execute(context);
    expect(outcome).toMatchObject({ recordsIn: 4, recordsOut: 4 });
    expect(context.lines.some((line) => line.includes('products is not available'))).toBe(true);
  });

  it('defaults its left side to the previous step and its output to "enriched"', () => {
    const step = new JoinerTransformer(
      { name: 'j', type: 'joiner', config: { right: 'products', on: 'product_id' } },
      plan('cleaned'),
    );
    expect(step.inputs).toEqual(['cleaned', 'products']);
    expect(step.output).toBe('enriched');
  });

  it('fails naming the dataset when the key column is missing', async () => {
    await setUp();
    await expect(joiner({ on: 'sku' }).execute(context)).rejects.toThrow(
      'step "enrich": dataset "orders" has no column "sku"',
    );
  });
});
