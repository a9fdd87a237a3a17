import { describe, expect, it } from 'vitest';
import { classify, defaultRules } from '../../src/reconcile/classify.js';
import { findPatterns, keySummary, systemsText } from '../../src/reconcile/patterns.js';
import { finding } from './cases/findings.js';

const label = (id: string) => id.toUpperCase();
const order = { comparisons: ['ERP vs CRM', 'ERP vs DW'], systems: ['erp', 'crm', 'dw'] };

describe('findPatterns', () => {
  it('groups one cause across systems and orders patterns by severity', () => {
    const rules = defaultRules(0.05);
    const classified = classify(
      [
        finding({ key: 'TXN010', status: 'cancelled', others: 'differ' }),
        finding({
          key: 'TXN010',
          status: 'cancelled',
          others: 'differ',
          comparison: 'ERP vs DW',
          target: 'dw',
        }),
        finding({ key: 'TXN011', type: 'ghost_record', others: 'agree' }),
      ],
      rules,
      order,
      label,
    );
    const patterns = findPatterns(classified, rules, label);
    expect(patterns.map((p) => [p.title, p.severity, p.count, p.keys])).toEqual([
      ['Ghost Record: CRM only', 'critical', 1, ['TXN011']],
      ['Missing Record (cancelled): ERP→CRM/DW', 'low', 2, ['TXN010']],
    ]);
    expect(patterns[1].recommendedAction).toBe(
      'Confirm that cancelled orders (TXN010) are meant to stay out of CRM/DW',
    );
  });
});

describe('keySummary', () => {
  it.each([
    [['A'], 'A'],
    [['A', 'B', 'C'], 'A, B, C'],
    [['A', 'B', 'C', 'D', 'E'], 'A, B, C and 2 more'],
    [Array.from({ length: 1503 }, (_, i) => `K${i}`), 'K0, K1, K2 and 1,500 more'],
  ])('%j -> %s', (keys, expected) => {
    expect(keySummary(keys)).toBe(expected);
  });
});

describe('systemsText', () => {
  it.each([
    ['missing_record', 'crm', 'ERP→CRM'],
    ['ghost_record', 'crm', 'CRM only'],
    ['status_mismatch', 'dw', 'ERP↔DW'],
    ['duplicate_key', null, 'ERP'],
  ] as const)('%s', (type, target, expected) => {
    expect(systemsText({ type, source: 'erp', target }, label)).toBe(expected);
  });
});
