import { afterEach, describe, expect, it } from 'vitest';
import { FormatterTransformer } from '../../../src/pipeline/transformers/formatter.js';
import type { TestContext } from '../helpers.js';
import { plan, testContext } from '../helpers.js';

let context: TestContext;
afterEach(() => context?.engine.close());

async function typedDataset() {
  context = await testContext();
  const table = context.datasets.newTable('aggregated');
  await context.engine.run(
    `CREATE TABLE ${table} AS SELECT * FROM (VALUES (DATE '2024-01-17', 'Toys', 3::BIGINT, 2.345::DECIMAL(18,4), 0.125::DOUBLE), (DATE '2024-01-18', 'Books', 1::BIGINT, 1234.5::DECIMAL(18,4), 1.005::DECIMAL(18,4))) AS t(date, product_category, order_count, total_revenue, avg_order_value)`,
  );
  await context.datasets.publish('aggregated', table);
}

const formatter = (config: Record<string, unknown> = {}) =>
  new FormatterTransformer({ name: 'fmt', type: 'formatter', config }, plan('aggregated'));

describe('formatter', () => {
  it('writes dates with the format and rounds money to cents, half away from zero', async () => {
    await typedDataset();
    const outcome = await formatter().execute(context);
    expect(outcome).toEqual({ recordsIn: 2, recordsOut: 2 });
    expect(await context.rowsOf('aggregated')).toEqual([
      {
        date: '2024-01-17',
        product_category: 'Toys',
        order_count: '3',
        total_revenue: '2.35',
        avg_order_value: '0.13',
      },
      {
        date: '2024-01-18',
        product_category: 'Books',
        order_count: '1',
        total_revenue: '1234.50',
        avg_order_value: '1.01',
      },
    ]);
  });

  it('honours another date format and explicit column lists', async () => {
    await typedDataset();
    await formatter({ date_format: '%d/%m/%Y', currency_columns: ['total_revenue'] }).execute(context);
    const [first] = await context.rowsOf('aggregated');
    expect(first).toMatchObject({ date: '17/01/2024', total_revenue: '2.35', avg_order_value: '0.125' });
  });

  it.each([{ date_format: '%Q' }, { currency_format: 'dollars' }])('rejects the bad option %o', (config) => {
    expect(() => formatter(config)).toThrow('step "fmt" config');
  });
});
