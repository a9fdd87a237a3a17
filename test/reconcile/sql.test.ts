import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { DECIMAL_TYPE } from '../../src/reconcile/load.js';
import type { PlannedField } from '../../src/reconcile/plan.js';
import { asText, fieldEquality, keyExpression, Params } from '../../src/reconcile/sql.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.create();
});
afterAll(() => engine.close());

const field = (overrides: Partial<PlannedField>): PlannedField => ({
  sourceColumn: 'a',
  targetColumn: 'b',
  type: 'decimal',
  tolerance: null,
  tolerancePercent: null,
  ignoreCase: true,
  collapseWhitespace: false,
  discrepancyType: 'amount_mismatch',
  ...overrides,
});

async function equal(a: string | null, b: string | null, spec: PlannedField): Promise<boolean> {
  const params = new Params();
  const type =
    spec.type === 'decimal'
      ? DECIMAL_TYPE
      : spec.type === 'integer'
        ? 'BIGINT'
        : spec.type === 'date'
          ? 'DATE'
          : 'VARCHAR';
  const left = `CAST(${params.bind(a)} AS ${type})`;
  const right = `CAST(${params.bind(b)} AS ${type})`;
  const row = await engine.one<{ m: boolean }>(
    `SELECT ${fieldEquality(left, right, spec, params)} AS m`,
    params.values,
  );
  return Boolean(row?.m);
}

describe('fieldEquality', () => {
  it.each([
    ['0.1 + 0.2 equals 0.3 with zero tolerance (no float drift)', '0.3', '0.30', {}, true],
    ['a difference exactly at the absolute tolerance matches', '59.98', '59.99', { tolerance: '0.01' }, true],
    [
      'a difference just beyond the absolute tolerance does not',
      '59.98',
      '60.00',
      { tolerance: '0.01' },
      false,
    ],
    [
      'a difference exactly at the relative tolerance matches',
      '200.00',
      '201.00',
      { tolerancePercent: '0.5' },
      true,
    ],
    [
      'a difference just beyond the relative tolerance does not',
      '200.00',
      '201.01',
      { tolerancePercent: '0.5' },
      false,
    ],
    [
      'either tolerance is enough when both are given',
      '1000.00',
      '1004.00',
      { tolerance: '0.01', tolerancePercent: '0.5' },
      true,
    ],
    ['two empty values match', null, null, {}, true],
    ['an empty value never matches a number', '0', null, { tolerance: '1' }, false],
  ] as const)('%s', async (_name, a, b, overrides, expected) => {
    expect(await equal(a, b, field(overrides))).toBe(expected);
  });

  it('sums exactly: 0.1 + 0.2 compared with 0.3 at tolerance 0', async () => {
    const row = await engine.one<{ m: boolean }>(
      `SELECT CAST('0.1' AS ${DECIMAL_TYPE}) + CAST('0.2' AS ${DECIMAL_TYPE}) = CAST('0.3' AS ${DECIMAL_TYPE}) AS m`,
    );
    expect(row?.m).toBe(true);
  });

  it.each([
    ['ignores case by default', 'Completed', 'completed', {}, true],
    ['respects case when asked', 'Completed', 'completed', { ignoreCase: false }, false],
    ['keeps inner whitespace by default', 'on  hold', 'on hold', {}, false],
    ['collapses inner whitespace when asked', 'on  hold', 'on hold', { collapseWhitespace: true }, true],
  ] as const)('text: %s', async (_name, a, b, overrides, expected) => {
    expect(await equal(a, b, field({ type: 'text', ...overrides }))).toBe(expected);
  });

  it('compares dates exactly', async () => {
    expect(await equal('2024-01-05', '2024-01-06', field({ type: 'date' }))).toBe(false);
    expect(await equal('2024-01-05', '2024-01-05', field({ type: 'date' }))).toBe(true);
  });
});

describe('asText', () => {
  it.each([
    ['60.000000', '60.00'],
    ['59.980000', '59.98'],
    ['0.125000', '0.125'],
    ['-0.020000', '-0.02'],
  ])('shows decimal %s as %s', async (value, expected) => {
    const row = await engine.one<{ t: string }>(
      `SELECT ${asText(`CAST($1 AS ${DECIMAL_TYPE})`, 'decimal')} AS t`,
      [value],
    );
    expect(row?.t).toBe(expected);
  });
});

describe('keyExpression', () => {
  it('joins a composite key with |', async () => {
    const row = await engine.one<{ k: string }>(
      `SELECT ${keyExpression('r', ['a', 'b'])} AS k FROM (SELECT 'X' AS a, 7 AS b) r`,
    );
    expect(row?.k).toBe('X|7');
  });
});
