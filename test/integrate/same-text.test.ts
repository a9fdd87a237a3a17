import { describe, expect, it } from 'vitest';
import { sameSpan } from '../../src/integrate/same-text.js';
import { CustomerPacker, PackedCustomerTable } from '../../src/integrate/packed-customers.js';
import type { Customer } from '../../src/integrate/types.js';

/** Values with ASCII case variants, non-ASCII ones whose lowercase changes length or depends on context. */
const VALUES = [
  '',
  'a',
  'A',
  'Ann Lee',
  'ANN LEE',
  'ann lee',
  'Ann Lee ',
  'Ann-Lee',
  'ann@x.io',
  'ANN@X.IO',
  '@',
  '`',
  '[',
  '{',
  'Zoë',
  'ZOË',
  'zoë',
  'Zoe',
  'İ',
  'i̇',
  'i',
  'ΟΔΟΣ',
  'οδος',
  'οδοσ',
  'οδος',
  'AΣ',
  'aΣ',
  'aσ',
  'aς',
  'K',
  'k',
  '\u212a',
  '日本',
  '😀',
  '\ud800',
  'x\u00c0y',
  'x\u00e0y',
  'X\u00c0Y',
];

describe('sameSpan', () => {
  it('agrees with === and with toLowerCase() === on every pair, inside longer texts', () => {
    for (const x of VALUES) {
      for (const y of VALUES) {
        const a = `<<${x}>>`;
        const b = `[${y}]`;
        const args = [a, 2, 2 + x.length, b, 1, 1 + y.length] as const;
        expect(sameSpan(...args, false), `${x} = ${y}`).toBe(x === y);
        expect(sameSpan(...args, true), `${x} ~ ${y}`).toBe(x.toLowerCase() === y.toLowerCase());
      }
    }
  });
});

describe('PackedCustomerTable.sameField', () => {
  it('compares fields across sources as the strings themselves compare', () => {
    const customer = (i: number): Customer => ({
      source: 'CRM',
      sourceId: `C${i}`,
      index: i,
      fields: {
        full_name: VALUES[i % VALUES.length],
        email: VALUES[(i * 7) % VALUES.length],
        phone: 'N/A',
        signup_date: '',
        status: 'active',
      },
    });
    const pack = (from: number, to: number) => {
      const packer = new CustomerPacker();
      for (let i = from; i < to; i++) packer.add(customer(i));
      return packer.finish();
    };
    const table = new PackedCustomerTable([
      { packed: pack(0, 50), source: 'CRM' },
      { packed: pack(50, 120), source: 'ECOM' },
    ]);
    for (let i = 0; i < 120; i++) {
      for (let j = 0; j < 120; j++) {
        for (const field of ['full_name', 'email'] as const) {
          const [a, b] = [customer(i).fields[field], customer(j).fields[field]];
          expect(table.sameField(i, j, field, false)).toBe(a === b);
          expect(table.sameField(i, j, field, true)).toBe(a.toLowerCase() === b.toLowerCase());
        }
      }
    }
  });
});
