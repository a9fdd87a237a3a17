import { describe, expect, it } from 'vitest';
import { buildPlan, counterpartFinder, withBreakdowns } from '../../src/reconcile/plan.js';
import { rulesSchema } from '../../src/reconcile/rules.js';
import { resolveSources } from '../../src/reconcile/sources.js';
import { SPEC_RULES } from './cases/workspace.js';

const headers = new Map([
  [
    'erp',
    [
      'transaction_id',
      'customer_id',
      'order_date',
      'product_id',
      'quantity',
      'unit_price',
      'total_amount',
      'status',
    ],
  ],
  ['crm', ['transaction_id', 'customer_id', 'customer_name', 'order_date', 'total_value', 'order_status']],
  [
    'dw',
    ['fact_id', 'transaction_id', 'customer_id', 'order_date', 'product_id', 'quantity', 'amount', 'status'],
  ],
]);

function plan(rules: unknown) {
  const parsed = rulesSchema.parse(rules);
  return buildPlan(parsed, resolveSources(parsed, '/w', '202401'), headers);
}

describe('buildPlan', () => {
  it("types target columns from the source side and infers each field's discrepancy type", () => {
    const p = plan(SPEC_RULES);
    expect(
      p.comparisons[1].fields.map((f) => [f.sourceColumn, f.targetColumn, f.type, f.discrepancyType]),
    ).toEqual([
      ['total_amount', 'amount', 'decimal', 'amount_mismatch'],
      ['quantity', 'quantity', 'integer', 'quantity_mismatch'],
      ['status', 'status', 'text', 'status_mismatch'],
    ]);
    expect(p.columns.get('dw')?.get('amount')?.type).toBe('decimal');
    expect(p.comparisons[0].fields[0].tolerance).toBe('0.01');
  });

  it("finds each aggregation's columns in every system, through the comparisons where names differ", () => {
    const p = plan(SPEC_RULES);
    expect(Object.fromEntries(p.aggregations[1].systems)).toEqual({
      erp: { metric: 'total_amount', group: 'order_date', status: null },
      crm: { metric: 'total_value', group: 'order_date', status: null },
      dw: { metric: 'amount', group: 'order_date', status: null },
    });
  });

  it("skips a system that lacks an aggregation's group column, saying why", () => {
    const p = plan({
      ...SPEC_RULES,
      aggregations: [{ name: 'By product', group_by: 'product_id', metric: 'total_amount' }],
    });
    expect([...p.aggregations[0].systems.keys()]).toEqual(['erp', 'dw']);
    expect(p.aggregations[0].skipped).toEqual([{ system: 'crm', reason: 'no group product_id' }]);
  });

  it('accepts a renamed column by its original name', () => {
    const p = plan({
      ...SPEC_RULES,
      comparisons: [
        { ...SPEC_RULES.comparisons[1], compare_fields: [{ source: 'order_date', target: 'date_key' }] },
      ],
    });
    expect(p.comparisons[0].fields[0]).toMatchObject({
      targetColumn: 'order_date',
      type: 'date',
      discrepancyType: 'timing_difference',
    });
  });

  it('uses the summary columns each system has', () => {
    expect(Object.fromEntries(plan(SPEC_RULES).summary)).toEqual({
      erp: { amount: 'total_amount', status: 'status', customer: 'customer_id' },
      crm: { amount: 'total_value', status: 'order_status', customer: 'customer_id' },
      dw: { amount: 'amount', status: 'status', customer: 'customer_id' },
    });
  });
});

describe('counterpartFinder', () => {
  it("prefers a comparison's mapping over a same-named column", () => {
    const p = plan(SPEC_RULES);
    const find = counterpartFinder(p.truth, p.comparisons, headers);
    const dw = p.sources.find((s) => s.id === 'dw');
    expect(dw && find(dw, 'total_amount')).toBe('amount');
    expect(dw && find(dw, 'unit_price')).toBeUndefined();
  });
});

describe('withBreakdowns', () => {
  const erpHeader = headers.get('erp') ?? [];

  it('adds customer and product totals the rules lack, with the most lenient tolerance', () => {
    const rules = withBreakdowns(rulesSchema.parse(SPEC_RULES), erpHeader);
    expect(rules.aggregations.slice(2)).toEqual([
      { name: 'Customer Totals', group_by: 'customer_id', metric: 'total_amount', tolerance_percent: 0.5 },
      { name: 'Product Totals', group_by: 'product_id', metric: 'total_amount', tolerance_percent: 0.5 },
    ]);
  });

  it('adds nothing when turned off, already present, or missing from the truth', () => {
    expect(
      withBreakdowns(rulesSchema.parse({ ...SPEC_RULES, breakdowns: [] }), erpHeader).aggregations,
    ).toHaveLength(2);
    const own = {
      ...SPEC_RULES,
      aggregations: [
        ...SPEC_RULES.aggregations,
        { name: 'Mine', group_by: 'customer_id', metric: 'total_amount' },
      ],
    };
    expect(withBreakdowns(rulesSchema.parse(own), erpHeader).aggregations.map((a) => a.name)).toEqual([
      'Monthly Totals',
      'Daily Totals',
      'Mine',
      'Product Totals',
    ]);
    expect(
      withBreakdowns(rulesSchema.parse(SPEC_RULES), ['transaction_id', 'total_amount']).aggregations,
    ).toHaveLength(2);
  });
});
