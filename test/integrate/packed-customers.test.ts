import { describe, expect, it } from 'vitest';
import { CustomerPacker, unpackCustomers } from '../../src/integrate/packed-customers.js';
import { CUSTOMER_FIELDS } from '../../src/integrate/types.js';
import type { Customer } from '../../src/integrate/types.js';

function customer(index: number, name: string, email: string): Customer {
  return {
    source: 'ECOM',
    sourceId: `E${index}`,
    index,
    fields: { full_name: name, email, phone: 'N/A', signup_date: '2023-01-01', status: 'active' },
  };
}

/** A customer as plain data, whether its fields are properties or getters. */
const plain = (c: Customer): Customer => ({
  source: c.source,
  sourceId: c.sourceId,
  index: c.index,
  fields: { ...Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, c.fields[f]])) } as Customer['fields'],
});

/** Pack customers one by one, as the readers do. */
function packCustomers(customers: readonly Customer[]) {
  const packer = new CustomerPacker();
  for (const c of customers) packer.add(c);
  return packer.finish();
}

describe('CustomerPacker / unpackCustomers', () => {
  it('round-trips every string, empty and non-ASCII ones included, renumbering from the first index', () => {
    const customers = [
      customer(0, 'Zoë O’Brien', 'z@x.io'),
      customer(1, '', ''),
      customer(2, 'A "quoted", name\nwith a newline', '日本@例え.jp'),
    ];
    const packed = packCustomers(customers);
    expect(packed.count).toBe(3);
    expect(unpackCustomers(packed, 'ECOM', 10).map(plain)).toEqual(
      customers.map((c) => ({ ...c, index: c.index + 10 })),
    );
  });

  it('reads the same strings however often a field is read', () => {
    const [back] = unpackCustomers(packCustomers([customer(0, 'Ann Lee', 'a@x.io')]), 'CRM', 0);
    expect([back.fields.email, back.fields.email, back.sourceId, back.source]).toEqual([
      'a@x.io',
      'a@x.io',
      'E0',
      'CRM',
    ]);
  });

  it('packs no customers', () => {
    expect(unpackCustomers(packCustomers([]), 'CRM', 0)).toEqual([]);
  });

  it('round-trips thousands of customers across pieces and offset growth', () => {
    const customers = Array.from({ length: 5_000 }, (_, i) =>
      customer(i, i % 3 === 0 ? '' : `Näme ${i}`, i % 7 === 0 ? 'N/A' : `e${i}@x.io`),
    );
    const packed = packCustomers(customers);
    expect(packed.offsets).toHaveLength(5_000 * 6 + 1);
    expect(unpackCustomers(packed, 'ECOM', 0).map(plain)).toEqual(customers);
  });
});
