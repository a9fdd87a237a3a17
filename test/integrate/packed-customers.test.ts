import { describe, expect, it } from 'vitest';
import { CustomerPacker, PackedCustomerTable } from '../../src/integrate/packed-customers.js';
import type { PackedCustomers } from '../../src/integrate/packed-customers.js';
import type { Customer, SourceSystem } from '../../src/integrate/types.js';

function customer(index: number, name: string, email: string): Customer {
  return {
    source: 'ECOM',
    sourceId: `E${index}`,
    index,
    fields: { full_name: name, email, phone: 'N/A', signup_date: '2023-01-01', status: 'active' },
  };
}

/** Pack customers one by one, as the readers do. */
function packCustomers(customers: readonly Customer[]) {
  const packer = new CustomerPacker();
  for (const c of customers) packer.add(c);
  return packer.finish();
}

/** Every customer of one packed source, read back through a table. */
function unpack(packed: PackedCustomers, source: SourceSystem): Customer[] {
  const table = new PackedCustomerTable([{ packed, source }]);
  return Array.from({ length: table.count }, (_, i) => table.customer(i));
}

describe('CustomerPacker / PackedCustomerTable', () => {
  it('round-trips every string, empty and non-ASCII ones included', () => {
    const customers = [
      customer(0, 'Zoë O’Brien', 'z@x.io'),
      customer(1, '', ''),
      customer(2, 'A "quoted", name\nwith a newline', '日本@例え.jp'),
    ];
    const packed = packCustomers(customers);
    expect(packed.count).toBe(3);
    expect(unpack(packed, 'ECOM')).toEqual(customers);
  });

  it('numbers the customers of several sources one after the other', () => {
    const crm = packCustomers([customer(0, 'Ann Lee', 'a@x.io')]);
    const ecom = packCustomers([customer(0, 'Bo Yu', 'b@x.io'), customer(1, 'Cy Ng', 'c@x.io')]);
    const table = new PackedCustomerTable([
      { packed: crm, source: 'CRM' },
      { packed: ecom, source: 'ECOM' },
    ]);
    expect(table.count).toBe(3);
    expect(table.customer(2)).toEqual({ ...customer(1, 'Cy Ng', 'c@x.io'), index: 2 });
    expect([table.customer(0).source, table.field(1, 'email'), table.field(2, 'full_name')]).toEqual([
      'CRM',
      'b@x.io',
      'Cy Ng',
    ]);
    expect(() => table.customer(3)).toThrow(RangeError);
  });

  it('packs no customers', () => {
    expect(unpack(packCustomers([]), 'CRM')).toEqual([]);
  });

  it('round-trips thousands of customers across pieces and offset growth', () => {
    const customers = Array.from({ length: 5_000 }, (_, i) =>
      customer(i, i % 3 === 0 ? '' : `Näme ${i}`, i % 7 === 0 ? 'N/A' : `e${i}@x.io`),
    );
    const packed = packCustomers(customers);
    expect(packed.offsets).toHaveLength(5_000 * 6 + 1);
    expect(unpack(packed, 'ECOM')).toEqual(customers);
  });
});
