import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import type { SqlValue } from '../../src/core/engine.js';
import { ConfigError, InputError } from '../../src/core/errors.js';
import { columnExpression, loadSource, loadsTrimmed, readHeader, trimmed } from '../../src/reconcile/load.js';
import type { ColumnSpec } from '../../src/reconcile/rules.js';
import type { Source } from '../../src/reconcile/sources.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.create();
});
afterAll(() => engine.close());

const spec = (overrides: Partial<ColumnSpec>): ColumnSpec => ({
  type: 'text',
  trim: true,
  case: 'keep',
  ...overrides,
});

async function convert(raw: string, column: ColumnSpec): Promise<string | null> {
  const params: SqlValue[] = [raw];
  const { value } = columnExpression('$1', column, params);
  const row = await engine.one<{ v: string | null }>(`SELECT CAST(${value} AS VARCHAR) AS v`, params);
  return row?.v ?? null;
}

describe('columnExpression', () => {
  it.each([
    ['a %Y%m%d date becomes ISO', '20240105', spec({ type: 'date', format: '%Y%m%d' }), '2024-01-05'],
    [
      'an impossible date is empty (later an invalid value)',
      '20240231',
      spec({ type: 'date', format: '%Y%m%d' }),
      null,
    ],
    ['an ISO date stays', ' 2024-01-05 ', spec({ type: 'date' }), '2024-01-05'],
    ['a numeric key gets its prefix', '100', spec({ prefix: 'CUST' }), 'CUST100'],
    ['a key is zero-padded before the prefix', '1', spec({ prefix: 'PROD', pad: 3 }), 'PROD001'],
    ['text is trimmed and case-folded', '  Completed ', spec({ case: 'lower' }), 'completed'],
    ['an empty value is NULL', '   ', spec({}), null],
    ['a decimal keeps its digits', '59.98', spec({ type: 'decimal' }), '59.980000'],
    [
      'a decimal may carry a currency sign and thousands separators',
      '$1,234.50',
      spec({ type: 'decimal' }),
      '1234.500000',
    ],
    ['an unparseable decimal is NULL', 'N/A', spec({ type: 'decimal' }), null],
    ['an integer parses', '4', spec({ type: 'integer' }), '4'],
  ])('%s', async (_name, raw, column, expected) => {
    expect(await convert(raw, column)).toBe(expected);
  });
});

function source(path: string, extra: Partial<Source> = {}): Source {
  return {
    id: 'crm',
    label: 'CRM',
    short: 'CRM',
    path,
    key: 'transaction_id',
    rename: { order_id: 'transaction_id' },
    columns: {},
    ...extra,
  };
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sluice-load-')), 'crm.csv');
  writeFileSync(path, content);
  return path;
}

describe('trimmed', () => {
  it.each([
    ['plain ASCII', 'TXN001'],
    ['leading and trailing spaces', '  TXN001 '],
    ['only spaces', '   '],
    ['the empty string', ''],
    ['inner spaces stay', 'a  b'],
    ['a tab is not a space separator', '\tTXN001\t'],
    ['a no-break space at either end', '\u00a0TXN001\u00a0'],
    ['an ideographic space at the end', 'TXN001\u3000'],
    ['an en quad at the start', '\u2000TXN001'],
    ['non-ASCII inside, nothing to trim', 'Café Zoë'],
    ['a space after non-ASCII', 'Zoë '],
    ['a no-break space in the middle', 'a\u00a0b'],
    ['a line break is kept', 'TXN001\n'],
    ['NULL', null],
  ])('gives what trim gives for %s', async (_name, text) => {
    const row = await engine.one<{ fast: string | null; slow: string | null }>(
      `SELECT ${trimmed('v')} AS fast, trim(v) AS slow FROM (SELECT CAST($1 AS VARCHAR) AS v)`,
      [text],
    );
    expect(row?.fast).toBe(row?.slow);
  });
});

describe('readHeader', () => {
  it('applies renames to the header', () => {
    expect(readHeader(source(file('order_id,total_value\nTXN1,1\n')))).toEqual([
      'transaction_id',
      'total_value',
    ]);
  });

  it('rejects an empty file with a clear message', () => {
    expect(() => readHeader(source(file('')))).toThrowError(InputError);
    expect(() => readHeader(source(file('')))).toThrowError(/is empty \(no header line\)/);
  });

  it('names a missing file and what to do', () => {
    expect(() => readHeader(source('/nonexistent/crm.csv'))).toThrowError(
      /CRM file not found: \/nonexistent\/crm\.csv/,
    );
  });

  it('rejects a rename onto an existing column', () => {
    expect(() => readHeader(source(file('order_id,transaction_id\n1,2\n')))).toThrowError(ConfigError);
  });
});

describe('loadSource', () => {
  it('keeps the text of unparseable values and rejects malformed rows with their line', async () => {
    const path = file('order_id,total_value\nTXN1,10.00\nTXN2,abc\nTXN3,1,2\nTXN4,\n');
    const src = source(path);
    const loaded = await loadSource(
      engine,
      src,
      't_load',
      new Map([
        ['transaction_id', spec({})],
        ['total_value', spec({ type: 'decimal' })],
      ]),
      readHeader(src),
    );
    expect(loaded.rows).toBe(3);
    expect(loaded.rejects).toEqual([expect.objectContaining({ source: 'crm', line: 4, raw: 'TXN3,1,2' })]);
    const rows = await engine.all(
      `SELECT transaction_id, CAST(total_value AS VARCHAR) AS v, "total_value#invalid" AS bad FROM t_load ORDER BY transaction_id`,
    );
    expect(rows).toEqual([
      { transaction_id: 'TXN1', v: '10.000000', bad: null },
      { transaction_id: 'TXN2', v: null, bad: 'abc' },
      { transaction_id: 'TXN4', v: null, bad: null },
    ]);
  });

  it('loads a header-only file as an empty source', async () => {
    const src = source(file('order_id,total_value\n'));
    const loaded = await loadSource(
      engine,
      src,
      't_empty',
      new Map([['transaction_id', spec({})]]),
      readHeader(src),
    );
    expect(loaded.rows).toBe(0);
  });
});

describe('loadsTrimmed', () => {
  it.each([
    ['trimmed text', spec({}), true],
    ['trimmed lower-cased text', spec({ case: 'lower' }), true],
    ['untrimmed text', spec({ trim: false }), false],
    ['padded text (a pad can cut)', spec({ pad: 3 }), false],
    ['prefixed text', spec({ prefix: ' C' }), false],
    ['a date', spec({ type: 'date' }), false],
    ['no spec', undefined, false],
  ])('%s: %s', (_name, column, expected) => {
    expect(loadsTrimmed(column)).toBe(expected);
  });

  it.each([' Completed ', '\u00a0shipped\u3000', '  ', 'Zoë ', 'a b'])(
    'a column it accepts loads %j as a value trimming leaves alone',
    async (raw) => {
      for (const column of [spec({}), spec({ case: 'lower' }), spec({ case: 'upper' })]) {
        expect(loadsTrimmed(column)).toBe(true);
        const params: SqlValue[] = [raw];
        const { value } = columnExpression('$1', column, params);
        const row = await engine.one<{ v: string | null; again: string | null }>(
          `SELECT v, ${trimmed('v')} AS again FROM (SELECT ${value} AS v)`,
          params,
        );
        expect(row?.again).toBe(row?.v);
      }
    },
  );
});
