import { describe, expect, it } from 'vitest';
import { reasonBit, reasonKeys } from '../../src/integrate/match-reasons.js';
import { mergeCluster, systemsOf, unifiedId } from '../../src/integrate/survivorship.js';
import type { Customer, MatchKey, SourceSystem } from '../../src/integrate/types.js';

function record(index: number, source: SourceSystem, fields: Partial<Customer['fields']>): Customer {
  return {
    source,
    sourceId: `${source}${index}`,
    index,
    fields: {
      full_name: 'Ann Lee',
      email: 'ann@x.io',
      phone: '5551234',
      signup_date: '2023-01-01',
      status: 'active',
      ...fields,
    },
  };
}

/** The reason bytes of records with these keys. */
const bitsOf = (...records: MatchKey[][]) =>
  Uint8Array.from(records, (keys) => keys.reduce((bits, key) => bits | reasonBit(key), 0));
const reasons = (n: number) => bitsOf(...Array.from({ length: n }, (): MatchKey[] => ['email']));

describe('mergeCluster', () => {
  it('keeps the record with the fewest N/A fields', () => {
    const merged = mergeCluster([record(0, 'CRM', { phone: 'N/A' }), record(1, 'ECOM', {})], reasons(2), 1);
    expect(merged.survivor.sourceId).toBe('ECOM1');
  });

  it('breaks a tie by the earliest signup date', () => {
    const merged = mergeCluster(
      [record(0, 'CRM', { signup_date: '2023-05-01' }), record(1, 'ECOM', { signup_date: '2023-02-01' })],
      reasons(2),
      1,
    );
    expect(merged.survivor.sourceId).toBe('ECOM1');
  });

  it('breaks a further tie with CRM before ECOM, then input order', () => {
    expect(mergeCluster([record(0, 'ECOM', {}), record(1, 'CRM', {})], reasons(2), 1).survivor.sourceId).toBe(
      'CRM1',
    );
    expect(mergeCluster([record(0, 'CRM', {}), record(1, 'CRM', {})], reasons(2), 1).survivor.sourceId).toBe(
      'CRM0',
    );
  });

  it("fills the survivor's N/A fields from the other members and says from whom", () => {
    const merged = mergeCluster(
      [
        record(0, 'CRM', { phone: 'N/A' }),
        record(1, 'ECOM', { phone: '5559876', status: 'N/A', email: 'N/A' }),
      ],
      reasons(2),
      1,
    );
    expect(merged.survivor.sourceId).toBe('CRM0');
    expect(merged.fields.phone).toBe('5559876');
    expect(merged.filled).toEqual([{ field: 'phone', from: 'ECOM1' }]);
  });

  it('names the source systems of the cluster and of the removed records', () => {
    const merged = mergeCluster(
      [record(0, 'CRM', {}), record(1, 'CRM', {}), record(2, 'ECOM', {})],
      bitsOf(['phone'], ['phone', 'name'], ['email']),
      3,
    );
    expect(merged.sourceSystem).toBe('CRM+ECOM');
    expect(merged.removed.map((r) => r.sourceId)).toEqual(['CRM1', 'ECOM2']);
    expect(merged.matchReason).toEqual(['email', 'phone', 'name']);
    expect(merged.unifiedId).toBe('CUST003');
  });
});

describe('unifiedId', () => {
  it.each([
    [1, 'CUST001'],
    [42, 'CUST042'],
    [999, 'CUST999'],
    [1000, 'CUST1000'],
  ])('%i -> %s', (n, id) => expect(unifiedId(n)).toBe(id));
});

describe('systemsOf', () => {
  it('names each system present once, CRM first', () => {
    expect(systemsOf([record(0, 'ECOM', {}), record(1, 'CRM', {}), record(2, 'ECOM', {})])).toBe('CRM+ECOM');
    expect(systemsOf([record(0, 'ECOM', {}), record(1, 'ECOM', {})])).toBe('ECOM');
    expect(systemsOf([record(0, 'CRM', {})])).toBe('CRM');
    expect(systemsOf([])).toBe('');
  });
});

describe('reason bits', () => {
  it('read back in report order whatever order they were set in', () => {
    const bits = reasonBit('fuzzy_name') | reasonBit('name') | reasonBit('email');
    expect(reasonKeys(bits)).toEqual(['email', 'name', 'fuzzy_name']);
    expect(reasonKeys(0)).toEqual([]);
    expect(reasonKeys(bits)).toBe(reasonKeys(bits));
  });
});
