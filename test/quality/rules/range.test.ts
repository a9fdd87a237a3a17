import { describe, expect, it } from 'vitest';
import { reasonsFor } from './check-rule.js';

const rule = { type: 'range', field: 'value', min: 1, max: 1000 };

describe('range rule', () => {
  it.each([
    ['the minimum (inclusive)', '1', null],
    ['the maximum (inclusive)', '1000', null],
    ['a decimal inside', '999.99', null],
    ['surrounding spaces', ' 5 ', null],
    ['scientific notation', '1e2', null],
    ['zero', '0', 'Value out of range 1-1000'],
    ['a negative', '-1', 'Value out of range 1-1000'],
    ['just above the maximum', '1000.001', 'Value out of range 1-1000'],
    ['text', 'two', 'Not a number'],
    ['NaN', 'NaN', 'Not a number'],
    ['infinity', 'inf', 'Not a number'],
    ['a thousands separator', '1,000', 'Not a number'],
    ['empty', '', 'Missing value'],
    ['whitespace', '  ', 'Missing value'],
  ])('%s (%j) -> %s', async (_name, value, reason) => {
    expect(await reasonsFor(rule, [value])).toEqual([reason]);
  });

  it('accepts a bound on one side only', async () => {
    expect(await reasonsFor({ type: 'range', field: 'value', min: 0 }, ['0', '-0.5', '1e9'])).toEqual([
      null,
      'Value out of range >= 0',
      null,
    ]);
    expect(await reasonsFor({ type: 'range', field: 'value', max: 10 }, ['10', '11'])).toEqual([
      null,
      'Value out of range <= 10',
    ]);
  });
});
