import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import {
  classify,
  defaultRules,
  effectiveRules,
  fillTemplate,
  matches,
} from '../../src/reconcile/classify.js';
import type { Finding } from '../../src/reconcile/model.js';
import { finding } from './cases/findings.js';
import { rulesSchema } from '../../src/reconcile/rules.js';

const amount = (difference: string): Partial<Finding> => ({
  type: 'amount_mismatch',
  field: {
    sourceField: 'total_amount',
    targetField: 'amount',
    sourceValue: '59.98',
    targetValue: '60.00',
    difference,
  },
});

const label = (id: string) => id.toUpperCase();
const order = { comparisons: ['ERP vs CRM', 'ERP vs DW'], systems: ['erp', 'crm', 'dw'] };

describe('default classification (follows the spec)', () => {
  it.each([
    ['a ghost record is critical', { type: 'ghost_record' }, 'critical'],
    ['a missing pending order is high', { type: 'missing_record', status: 'pending' }, 'high'],
    ['a missing cancelled order is low', { type: 'missing_record', status: 'Cancelled' }, 'low'],
    ['a missing completed order is high', { type: 'missing_record', status: 'completed' }, 'high'],
    ['a status mismatch is medium', { type: 'status_mismatch' }, 'medium'],
    ['an amount difference exactly at the rounding band is low', amount('0.05'), 'low'],
    ['an amount difference beyond the rounding band is high', amount('-0.06'), 'high'],
    ['a duplicate key is high', { type: 'duplicate_key', target: null, comparison: null }, 'high'],
    ['an invalid value is high', { type: 'invalid_value', target: null, comparison: null }, 'high'],
    ['a timing difference is low', { type: 'timing_difference' }, 'low'],
    ['a quantity mismatch is medium', { type: 'quantity_mismatch' }, 'medium'],
  ] as const)('%s', (_name, parts, severity) => {
    const [d] = classify([finding(parts as Partial<Finding>)], defaultRules(0.05), order, label);
    expect(d.severity).toBe(severity);
  });

  it('blames the target sync when the other system agrees with the truth', () => {
    const [d] = classify(
      [finding({ type: 'status_mismatch', others: 'agree' })],
      defaultRules(0.05),
      order,
      label,
    );
    expect(d.probableCause).toMatch(/CRM sync did not pick up the status change/);
  });

  it('blames propagation from the truth when every system differs', () => {
    const f = finding({
      type: 'status_mismatch',
      others: 'differ',
      field: {
        sourceField: 'status',
        targetField: 'status',
        sourceValue: 'refunded',
        targetValue: 'completed',
        difference: null,
      },
    });
    const [d] = classify([f], defaultRules(0.05), order, label);
    expect(d.probableCause).toBe('refunded status not propagating from ERP to downstream systems');
  });
});

describe('classify', () => {
  it('numbers discrepancies by comparison, then type, then key', () => {
    const result = classify(
      [
        finding({ key: 'TXN002', type: 'status_mismatch' }),
        finding({ key: 'TXN009', comparison: 'ERP vs DW', target: 'dw' }),
        finding({ key: 'TXN003', type: 'ghost_record' }),
        finding({ key: 'TXN001', type: 'duplicate_key', comparison: null, target: null, source: 'crm' }),
        finding({ key: 'TXN005' }),
      ],
      defaultRules(0.05),
      order,
      label,
    );
    expect(result.map((d) => `${d.id} ${d.key} ${d.type}`)).toEqual([
      'D001 TXN005 missing_record',
      'D002 TXN003 ghost_record',
      'D003 TXN002 status_mismatch',
      'D004 TXN009 missing_record',
      'D005 TXN001 duplicate_key',
    ]);
  });

  it('tries user rules before the defaults', () => {
    const rules = rulesSchema.parse({
      comparisons: [{ name: 'x', source: 'erp', target: 'crm', key_fields: ['transaction_id'] }],
      classification: {
        rules: [
          {
            when: { type: 'ghost_record', system: 'crm' },
            severity: 'low',
            probable_cause: 'Test orders in {target}',
            recommended_action: 'Ignore {key}',
          },
        ],
      },
    });
    const [d] = classify(
      [finding({ type: 'ghost_record', key: 'TXN011' })],
      effectiveRules(rules.classification),
      order,
      label,
    );
    expect([d.severity, d.probableCause, d.recommendedAction]).toEqual([
      'low',
      'Test orders in CRM',
      'Ignore TXN011',
    ]);
  });

  it('rejects an unknown placeholder in a user rule', () => {
    const rules = rulesSchema.parse({
      comparisons: [{ name: 'x', source: 'erp', target: 'crm', key_fields: ['k'] }],
      classification: { rules: [{ severity: 'low', probable_cause: 'x {colour}', recommended_action: 'y' }] },
    });
    expect(() => effectiveRules(rules.classification)).toThrowError(ConfigError);
  });
});

describe('matches', () => {
  it('matches a status case-insensitively and a list of types', () => {
    expect(
      matches(
        { type: ['missing_record', 'ghost_record'], status: 'PENDING' },
        finding({ status: 'pending' }),
      ),
    ).toBe(true);
    expect(matches({ type: 'ghost_record' }, finding({}))).toBe(false);
  });

  it('needs a numeric difference for difference bounds', () => {
    expect(matches({ max_abs_difference: 1 }, finding({ type: 'status_mismatch' }))).toBe(false);
    expect(matches({ min_abs_difference: 0.02 }, finding(amount('0.02')))).toBe(true);
  });
});

describe('fillTemplate', () => {
  it('leaves unknown placeholders visible', () => {
    expect(fillTemplate('{key} in {nowhere}', { key: 'TXN1' })).toBe('TXN1 in {nowhere}');
  });
});
