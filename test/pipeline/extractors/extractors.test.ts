import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import type { SourceConfig } from '../../../src/pipeline/config.js';
import { CsvExtractor } from '../../../src/pipeline/extractors/csv.js';
import { JsonExtractor } from '../../../src/pipeline/extractors/json.js';
import type { TestContext } from '../helpers.js';
import { testContext } from '../helpers.js';

let context: TestContext;
afterEach(() => context?.engine.close());

function file(name: string, text: string): void {
  mkdirSync(join(context.dir, 'in'), { recursive: true });
  writeFileSync(join(context.dir, 'in', name), text);
}

const source = (path: string, extra: Partial<SourceConfig> = {}): SourceConfig => ({
  name: 'src',
  type: 'csv',
  path,
  required: true,
  ...extra,
});

describe('csv extractor', () => {
  it('fills {date} in the path and reads every column as text', async () => {
    context = await testContext();
    file('orders_2024-01-17.csv', 'id,qty\n001,2\n002,\n');
    const outcome = await new CsvExtractor(source('in/orders_{date}.csv')).execute(context);
    expect(outcome).toMatchObject({ recordsIn: 2, recordsOut: 2 });
    expect(await context.rowsOf('src')).toEqual([
      { id: '001', qty: '2' },
      { id: '002', qty: null },
    ]);
    expect(context.lines).toContain('[02:00:00] INFO  |   Path: in/orders_2024-01-17.csv');
  });

  it('keeps malformed lines as rejects with their line numbers', async () => {
    context = await testContext();
    file('o.csv', 'id,qty\n1,2\n2\n3,4,5\n"4",5\n');
    const outcome = await new CsvExtractor(source('in/o.csv')).execute(context);
    expect(outcome).toMatchObject({ recordsOut: 2, dropped: { malformed: 2 } });
    expect((await context.rejects()).map((r) => [r[2], r[4]])).toEqual([
      ['3', '2'],
      ['4', '3,4,5'],
    ]);
  });

  it('fails for a missing required source, naming it', async () => {
    context = await testContext();
    const run = new CsvExtractor(source('in/nope_{date}.csv')).execute(context);
    await expect(run).rejects.toThrow(InputError);
    await expect(new CsvExtractor(source('in/nope_{date}.csv')).execute(context)).rejects.toThrow(
      'required source "src" not found',
    );
  });

  it('skips a missing optional source with a warning', async () => {
    context = await testContext();
    const outcome = await new CsvExtractor(source('in/nope.csv', { required: false })).execute(context);
    expect(outcome).toEqual({ recordsIn: 0, recordsOut: 0, skipped: true });
    expect(context.datasets.has('src')).toBe(false);
    expect(context.lines.at(-1)).toContain('WARN  |   Optional source missing, skipped: in/nope.csv');
  });

  it('fails for an empty file', async () => {
    context = await testContext();
    file('empty.csv', '');
    await expect(new CsvExtractor(source('in/empty.csv')).execute(context)).rejects.toThrow(
      'is an empty file',
    );
  });
});

describe('json extractor', () => {
  it('reads a top-level array of objects, nested values as JSON text', async () => {
    context = await testContext();
    file(
      'p.json',
      JSON.stringify([
        { id: 'P1', price: 9.5, tags: ['a'] },
        { id: 'P2', extra: true },
      ]),
    );
    const outcome = await new JsonExtractor(source('in/p.json', { type: 'json' })).execute(context);
    expect(outcome.recordsOut).toBe(2);
    expect(await context.rowsOf('src')).toEqual([
      { id: 'P1', price: '9.5', tags: '["a"]', extra: null },
      { id: 'P2', price: null, tags: null, extra: 'true' },
    ]);
  });

  it('reads the array under a key', async () => {
    context = await testContext();
    file('p.json', JSON.stringify({ products: [{ id: 'P1' }] }));
    expect(
      (await new JsonExtractor(source('in/p.json', { type: 'json', key: 'products' })).execute(context))
        .recordsOut,
    ).toBe(1);
  });

  it.each([
    { text: '{"a": 1}', key: undefined, message: 'expected an array of objects at the top level' },
    { text: '{"a": 1}', key: 'products', message: 'expected an array of objects at key "products"' },
    { text: '[1, 2]', key: undefined, message: 'item [0] at the top level is not an object' },
    { text: '[{"a": 1},]', key: undefined, message: 'malformed JSON in' },
  ])('fails clearly for $text (key $key)', async ({ text, key, message }) => {
    context = await testContext();
    file('p.json', text);
    await expect(
      new JsonExtractor(source('in/p.json', { type: 'json', key })).execute(context),
    ).rejects.toThrow(message);
  });
});
