import { describe, expect, it } from 'vitest';
import { corroborate } from '../../src/reconcile/corroborate.js';
import { finding } from './cases/findings.js';

const comparisons = [
  { name: 'ERP vs CRM', source: 'erp' },
  { name: 'ERP vs DW', source: 'erp' },
];
const dw = { comparison: 'ERP vs DW', target: 'dw' };

describe('corroborate (the three-way view)', () => {
  it('says the others agree when only the CRM lacks a record', () => {
    const [crm] = corroborate([finding({ key: 'TXN008' })], comparisons);
    expect(crm.others).toBe('agree');
  });

  it('says the others differ when both systems lack a record', () => {
    const result = corroborate([finding({ key: 'TXN010' }), finding({ key: 'TXN010', ...dw })], comparisons);
    expect(result.map((f) => f.others)).toEqual(['differ', 'differ']);
  });

  it('has no opinion on a value when the other system lacks the record', () => {
    const result = corroborate(
      [finding({ key: 'TXN008', type: 'status_mismatch', ...dw }), finding({ key: 'TXN008' })],
      comparisons,
    );
    expect(result[0].others).toBe('none');
  });

  it('says the others agree that a ghost does not exist', () => {
    const [ghost] = corroborate([finding({ key: 'TXN011', type: 'ghost_record' })], comparisons);
    expect(ghost.others).toBe('agree');
  });

  it('leaves checks within one system alone, and a single comparison without peers', () => {
    const [dup] = corroborate(
      [finding({ type: 'duplicate_key', comparison: null, target: null })],
      comparisons,
    );
    expect(dup.others).toBe('none');
    const [alone] = corroborate([finding({})], [comparisons[0]]);
    expect(alone.others).toBe('none');
  });
});
