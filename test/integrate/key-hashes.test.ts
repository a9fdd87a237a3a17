import { describe, expect, it } from 'vitest';
import {
  concatKeyHashes,
  hashKeys,
  hashLowercase,
  KeyHasher,
  hashString,
} from '../../src/integrate/key-hashes.js';
import type { Customer } from '../../src/integrate/types.js';
import { rowsOf } from './customer-rows.js';

function customer(name: string, email: string, phone: string): Customer {
  return {
    source: 'CRM',
    sourceId: 'C1',
    index: 0,
    fields: { full_name: name, email, phone, signup_date: 'N/A', status: 'active' },
  };
}

describe('hashLowercase', () => {
  it.each([
    "Mary-Jane O'Neil",
    'JOHN SMITH',
    'already lower',
    '',
    '@[`{ edges of A-Z',
    'ÉMILE Zola',
    'İstanbul',
    'ǅemal ΣΊΣΥΦΟΣ',
    'Zoë 日本 😀',
  ])('hashes %j as hashString of its lowercase', (text) => {
    expect(hashLowercase(text)).toBe(hashString(text.toLowerCase()));
  });
});

describe('hashKeys', () => {
  it('hashes the compared text, so names differing only in case hash alike', () => {
    const hashes = hashKeys(
      rowsOf([customer('John Smith', 'a@x.io', '5551234'), customer('JOHN SMITH', 'b@x.io', 'N/A')]),
    );
    expect(hashes.name[0]).toBe(hashes.name[1]);
    expect(hashes.name[0]).toBe(hashString('john smith'));
    expect(hashes.email[0]).not.toBe(hashes.email[1]);
    expect([...hashes.phone]).toEqual([hashString('5551234') || 1, 0]);
  });

  it('concatenates sources in order', () => {
    const a = hashKeys(rowsOf([customer('A B', 'a@x.io', '1111')]));
    const b = hashKeys(rowsOf([customer('C D', 'c@x.io', '2222'), customer('E F', 'e@x.io', '3333')]));
    const both = concatKeyHashes([a, b]);
    expect([...both.email]).toEqual([...a.email, ...b.email]);
    expect(both.name).toHaveLength(3);
  });

  it('gives the same hashes when records are added one at a time past the first column size', () => {
    const many = Array.from({ length: 3_000 }, (_, i) =>
      customer(i % 5 === 0 ? 'N/A' : `Name ${i % 100}`, `e${i}@x.io`, i % 2 ? 'N/A' : `${i}`),
    );
    const hasher = new KeyHasher();
    for (const c of many) hasher.add(c);
    const hashes = hasher.finish();
    expect(hashes.email).toHaveLength(3_000);
    const expected = (text: string, lower = false) =>
      text === 'N/A' ? 0 : hashString(lower ? text.toLowerCase() : text) || 1;
    expect([...hashes.email]).toEqual(many.map((c) => expected(c.fields.email)));
    expect([...hashes.phone]).toEqual(many.map((c) => expected(c.fields.phone)));
    expect([...hashes.name]).toEqual(many.map((c) => expected(c.fields.full_name, true)));
  });
});
