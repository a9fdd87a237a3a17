import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../../src/core/errors.js';
import { CleanerTransformer } from '../../../src/pipeline/transformers/cleaner.js';
import type { TestContext } from '../helpers.js';
import { plan, testContext } from '../helpers.js';

let context: TestContext;
afterEach(() => context?.engine.close());

const orders = [
  { id: '1', customer: 'C1', qty: '2' },
  { id: '2', customer: null, qty: '1' },
  { id: '3', customer: '  ', qty: '5' },
  { id: '1', customer: 'C9', qty: '7' },
  { id: '4', customer: 'C4', qty: null },
];

const cleaner = (config: Record<string, unknown>) =>
  new CleanerTransformer({ name: 'clean', type: 'cleaner', config }, plan());

describe('cleaner', () => {
  it('drops rows with an empty or blank value and keeps them as rejects with the column named', async () => {
    context = await testContext();
    await context.load('orders', orders);
    const outcome = await cleaner({ strategy: 'drop' }).execute(context);
    expect(outcome).toMatchObject({ recordsIn: 5, recordsOut: 2, dropped: { nulls: 3 } });
    expect((await context.rowsOf('orders')).map((r) => r.id)).toEqual(['1', '1']);
    const reasons = (await context.rejects()).map((row) => row[3]);
    expect(reasons).toEqual(['empty customer', 'empty customer', 'empty qty']);
  });

  it('checks only the listed columns', async () => {
    context = await testContext();
    await context.load('orders', orders);
    const outcome = await cleaner({ columns: ['qty'] }).execute(context);
    expect(outcome.recordsOut).toBe(4);
  });

  it('fills empty values with defaults instead of dropping', async () => {
    context = await testContext();
    await context.load('orders', orders);
    const outcome = await cleaner({ strategy: 'fill', defaults: { customer: 'UNKNOWN', qty: 1 } }).execute(
      context,
    );
    expect(outcome).toMatchObject({ recordsOut: 5, dropped: { nulls: 0 } });
    expect((await context.rowsOf('orders')).map((r) => `${r.customer}/${r.qty}`)).toEqual([
      'C1/2',
      'UNKNOWN/1',
      'UNKNOWN/5',
      'C9/7',
      'C4/1',
    ]);
  });

  it('drops duplicates by key, keeping the first row', async () => {
    context = await testContext();
    await context.load('orders', orders);
    const outcome = await cleaner({ columns: [], duplicates: { key: 'id' } }).execute(context);
    expect(outcome).toMatchObject({ recordsOut: 4, dropped: { duplicates: 1 } });
    expect((await context.rowsOf('orders')).find((r) => r.id === '1')?.customer).toBe('C1');
  });

  it('writes to a new dataset name when given an output', async () => {
    context = await testContext();
    await context.load('orders', orders);
    const step = cleaner({ output: 'clean_orders' });
    expect(step.output).toBe('clean_orders');
    await step.execute(context);
    expect(context.datasets.rows('orders')).toBe(5);
    expect(context.datasets.rows('clean_orders')).toBe(2);
  });

  it('fails naming the step and the column when a column does not exist', async () => {
    context = await testContext();
    await context.load('orders', orders);
    await expect(cleaner({ columns: ['qty', 'nope'] }).execute(context)).rejects.toThrow(InputError);
    await expect(cleaner({ columns: ['nope'] }).execute(context)).rejects.toThrow(
      'step "clean": dataset "orders" has no column "nope"',
    );
  });

  it('rejects an unknown option with a suggestion', () => {
    expect(() => cleaner({ stratgy: 'drop' })).toThrow(ConfigError);
    expect(() => cleaner({ stratgy: 'drop' })).toThrow('did you mean "strategy"');
    expect(() => cleaner({ strategy: 'median' })).toThrow('step "clean" config');
  });
});
