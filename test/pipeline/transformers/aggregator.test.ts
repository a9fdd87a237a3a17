import { afterEach, describe, expect, it } from 'vitest';
import { AggregatorTransformer, effectiveMetrics } from '../../../src/pipeline/transformers/aggregator.js';
import type { TestContext } from '../helpers.js';
import { plan, testContext } from '../helpers.js';

let context: TestContext;
afterEach(() => context?.engine.close());

const rows = [
  { order_date: '2024-01-17 09:00:00', product_category: 'Toys', quantity: '3', unit_price: '0.10' },
  { order_date: '2024-01-17 10:00:00', product_category: 'Toys', quantity: '1', unit_price: '0.20' },
  { order_date: '2024-01-17 11:00:00', product_category: 'Books', quantity: '2', unit_price: '10.005' },
  { order_date: '2024-01-17 12:00:00', product_category: 'Books', quantity: 'two', unit_price: '5.00' },
  { order_date: 'yesterday', product_category: 'Books', quantity: '1', unit_price: '5.00' },
  { order_date: '2024-01-18 00:30:00', product_category: 'Books', quantity: '1', unit_price: '1.50' },
];

const aggregator = (config: Record<string, unknown>) =>
  new AggregatorTransformer(
    {
      name: 'agg',
      type: 'aggregator',
      config: {
        group_by: ['date', 'product_category'],
        metrics: ['total_revenue', 'order_count'],
        ...config,
      },
    },
    plan(),
  );

describe('aggregator', () => {
  it.each([
    { asked: ['order_count'], computed: ['order_count'] },
    { asked: ['total_revenue'], computed: ['total_revenue'] },
    {
      asked: ['total_revenue', 'order_count'],
      computed: ['order_count', 'total_revenue', 'avg_order_value'],
    },
    { asked: ['avg_order_value'], computed: ['avg_order_value'] },
  ] as const)('computes $computed when asked for $asked', ({ asked, computed }) => {
    expect(effectiveMetrics(asked)).toEqual(computed);
  });

  it('sums quantity x unit price exactly per date and group, ordered by date then order count', async () => {
    context = await testContext();
    await context.load('orders', rows);
    const outcome = await aggregator({}).execute(context);
    expect(outcome).toMatchObject({ recordsIn: 6, recordsOut: 3, dropped: { invalid: 2 } });
    const out = await context.rowsOf('aggregated');
    expect(
      out.map((r) => [
        r.date,
        r.product_category,
        r.order_count,
        Number(r.total_revenue),
        Number(r.avg_order_value).toFixed(4),
      ]),
    ).toEqual([
      ['2024-01-17', 'Toys', '2', 0.5, '0.2500'],
      ['2024-01-17', 'Books', '1', 20.01, '20.0100'],
      ['2024-01-18', 'Books', '1', 1.5, '1.5000'],
    ]);
  });

  it('rejects rows whose numbers or dates do not parse, saying why', async () => {
    context = await testContext();
    await context.load('orders', rows);
    await aggregator({}).execute(context);
    expect((await context.rejects()).map((r) => r[3])).toEqual(['quantity not a number', 'not a date']);
  });

  it('groups by a real column named date when the dataset has one', async () => {
    context = await testContext();
    await context.load('orders', [{ date: 'Q1', product_category: 'Toys', quantity: '1', unit_price: '2' }]);
    await aggregator({ metrics: ['order_count'] }).execute(context);
    expect(await context.rowsOf('aggregated')).toEqual([
      { date: 'Q1', product_category: 'Toys', order_count: '1' },
    ]);
  });

  it('fails naming a group column that does not exist', async () => {
    context = await testContext();
    await context.load('orders', rows);
    await expect(aggregator({ group_by: ['region'] }).execute(context)).rejects.toThrow(
      'has no column "region"',
    );
  });

  it('rejects an unknown metric as a config error naming the step', () => {
    expect(() => aggregator({ metrics: ['median_price'] })).toThrow('step "agg" config');
  });
});
