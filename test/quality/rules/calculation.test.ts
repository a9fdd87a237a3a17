import { describe, expect, it } from 'vitest';
import { evaluateRule } from './check-rule.js';

const header = ['id', 'quantity', 'unit_price', 'total'];
const rule = {
  type: 'calculation',
  formula: 'quantity * unit_price',
  target_field: 'total',
  tolerance: 0.01,
};

async function check(ruleConfig: Record<string, unknown>, row: string[]) {
  const evaluation = await evaluateRule(ruleConfig, header, [['r1', ...row]]);
  return evaluation.rules[0].samples[0] ?? null;
}

describe('calculation rule', () => {
  it.each([
    ['an exact total', ['2', '29.99', '59.98'], null],
    ['a difference equal to the tolerance', ['1', '59.99', '60.00'], null],
    ['a difference equal to the tolerance, below', ['1', '60.00', '59.99'], null],
    ['a difference just over the tolerance', ['1', '59.99', '60.0001'], 'Calculation mismatch'],
    ['a negative quantity that still multiplies out', ['-1', '49.99', '-49.99'], null],
    ['zero times a price', ['0', '19.99', '0'], null],
    ['a wrong total', ['1', '49.99', '50.99'], 'Calculation mismatch'],
    ['a non-numeric operand', ['two', '49.99', '99.98'], 'Missing or non-numeric operand quantity'],
    ['a missing operand', ['2', '', '99.98'], 'Missing or non-numeric operand unit_price'],
    ['a NaN operand', ['NaN', '1', '1'], 'Missing or non-numeric operand quantity'],
    ['a non-numeric target', ['2', '1', 'n/a'], 'Missing or non-numeric total'],
  ])('%s -> %s', async (_name, row, reason) => {
    expect((await check(rule, row))?.reason ?? null).toBe(reason);
  });

  it('reports the expected value with a mismatch', async () => {
    expect(await check(rule, ['1', '49.99', '50.99'])).toMatchObject({ value: '50.99', expected: 49.99 });
  });

  it('fails an undefined result such as a division by zero', async () => {
    const divide = { type: 'calculation', formula: 'total / quantity', target_field: 'unit_price' };
    expect((await check(divide, ['0', '1', '5']))?.reason).toBe(
      'Formula result undefined (division by zero)',
    );
    expect(await check(divide, ['4', '2.5', '10'])).toBeNull();
  });

  it('uses an exact comparison when no tolerance is given', async () => {
    const exact = { type: 'calculation', formula: '(quantity + 1) * 2 - unit_price', target_field: 'total' };
    expect(await check(exact, ['1', '1', '3'])).toBeNull();
    expect((await check(exact, ['1', '1', '3.001']))?.reason).toBe('Calculation mismatch');
  });
});
