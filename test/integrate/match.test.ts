import { describe, expect, it } from 'vitest';
import { defaultIntegrateConfig } from '../../src/integrate/config.js';
import { findDuplicateClusters } from '../../src/integrate/match.js';
import type { Clusters } from '../../src/integrate/match.js';
import { reasonKeys, reasonText } from '../../src/integrate/match-reasons.js';
import { rowsOf } from './customer-rows.js';
import type { Customer, SourceSystem } from '../../src/integrate/types.js';

function customer(
  index: number,
  name: string,
  email: string,
  phone: string,
  source: SourceSystem = 'CRM',
): Customer {
  return {
    source,
    sourceId: `R${index}`,
    index,
    fields: { full_name: name, email, phone, signup_date: '2023-01-01', status: 'active' },
  };
}

const match = defaultIntegrateConfig.match;

/** The clusters as one list of record positions each. */
function groups({ count, start, members }: Clusters): number[][] {
  return Array.from({ length: count }, (_, c) => [...members.subarray(start[c], start[c + 1])]);
}

describe('findDuplicateClusters', () => {
  it('joins records transitively: A~B by email, B~C by phone puts all three together', () => {
    const records = [
      customer(0, 'Ann A', 'a@x.io', '111111'),
      customer(1, 'Bob B', 'a@x.io', '222222'),
      customer(2, 'Cy C', 'c@x.io', '222222'),
    ];
    expect(groups(findDuplicateClusters(rowsOf(records), match))).toEqual([[0, 1, 2]]);
  });

  it('never matches on N/A', () => {
    const records = [customer(0, 'N/A', 'N/A', 'N/A'), customer(1, 'N/A', 'N/A', 'N/A')];
    expect(groups(findDuplicateClusters(rowsOf(records), match))).toEqual([[0], [1]]);
  });

  it('matches names case-insensitively', () => {
    const records = [
      customer(0, 'John Smith', 'a@x.io', '1111'),
      customer(1, 'JOHN SMITH', 'b@x.io', '2222'),
    ];
    const result = findDuplicateClusters(rowsOf(records), match);
    expect(groups(result)).toEqual([[0, 1]]);
    expect([...result.reasons].map(reasonKeys)).toEqual([['name'], ['name']]);
  });

  it('records every key a record shares, in email, phone, name order', () => {
    const records = [
      customer(0, 'Jane Doe', 'j@x.io', '5550102'),
      customer(1, 'Jane Doe', 'j@x.io', '5550102', 'ECOM'),
      customer(2, 'Solo', 's@x.io', '9999'),
    ];
    const result = findDuplicateClusters(rowsOf(records), match);
    expect(reasonKeys(result.reasons[1])).toEqual(['email', 'phone', 'name']);
    expect(reasonText(result.reasons[1])).toBe('email+phone+name');
    expect(reasonText(0)).toBe('');
    expect(reasonKeys(result.reasons[2])).toEqual([]);
  });

  it('ignores keys that are switched off', () => {
    const records = [customer(0, 'Ann', 'a@x.io', '1111'), customer(1, 'Bob', 'a@x.io', '2222')];
    expect(groups(findDuplicateClusters(rowsOf(records), { ...match, email: false }))).toEqual([[0], [1]]);
  });

  it('links similar names only when the fuzzy rule is on', () => {
    const records = [
      customer(0, 'Jonathan Smith', 'a@x.io', '1111'),
      customer(1, 'Jonathon Smith', 'b@x.io', '2222'),
      customer(2, 'Peter Smith', 'c@x.io', '3333'),
    ];
    expect(groups(findDuplicateClusters(rowsOf(records), match))).toEqual([[0], [1], [2]]);
    const fuzzy = findDuplicateClusters(rowsOf(records), {
      ...match,
      fuzzy_name: { enabled: true, threshold: 0.92 },
    });
    expect(groups(fuzzy)).toEqual([[0, 1], [2]]);
    expect(reasonKeys(fuzzy.reasons[0])).toEqual(['fuzzy_name']);
  });

  it('orders clusters by their first record', () => {
    const records = [
      customer(0, 'A', 'a@x.io', '1111'),
      customer(1, 'B', 'b@x.io', '2222'),
      customer(2, 'C', 'a@x.io', '3333'),
    ];
    expect(groups(findDuplicateClusters(rowsOf(records), match))).toEqual([[0, 2], [1]]);
  });
});
