import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extractCrm as extractCrmTo,
  extractEcommerce as extractEcommerceTo,
} from '../../src/integrate/extract.js';
import type { RawCustomer } from '../../src/integrate/types.js';

/** Collect what a source hands to its callback. */
function extractEcommerce(path: string) {
  const records: RawCustomer[] = [];
  const { count, rejects } = extractEcommerceTo(path, (r) => records.push(r));
  expect(count).toBe(records.length);
  return { records, rejects };
}

async function extractCrm(path: string) {
  const records: RawCustomer[] = [];
  const { count, rejects } = await extractCrmTo(path, (r) => records.push(r));
  expect(count).toBe(records.length);
  return { records, rejects };
}

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'extract-')), name);
  writeFileSync(path, content);
  return path;
}

describe('extractEcommerce', () => {
  it('accepts a bare array as well as {"customers": [...]}', () => {
    const bare = extractEcommerce(
      file('e.json', '[{"id": "E1", "name": {"first": "A", "last": "B"}, "contact": {}}]'),
    );
    expect(bare.records.map((r) => [r.sourceId, r.fields.full_name])).toEqual([['E1', 'A B']]);
  });

  it('joins a name object from its non-blank first and last parts', () => {
    const names = [
      '{"first": "A"}',
      '{"last": "B"}',
      '{"first": " ", "last": "B"}',
      '{"first": "A", "last": ""}',
      '{"first": 0, "last": "B"}',
      '{"first": null, "last": true}',
      '{"first": "", "last": "  "}',
      '{}',
    ];
    const list = names.map((name, i) => `{"id": "E${i}", "name": ${name}}`).join(',');
    const out = extractEcommerce(file('e.json', `[${list}]`));
    expect(out.records.map((r) => r.fields.full_name)).toEqual([
      'A',
      'B',
      'B',
      'A',
      '0 B',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('takes a numeric id and a plain-string name', () => {
    const out = extractEcommerce(
      file('e.json', '{"customers": [{"id": 7, "name": "Ann Lee", "email": "a@x.io"}]}'),
    );
    expect(out.records[0]).toMatchObject({
      sourceId: '7',
      fields: { full_name: 'Ann Lee', email: 'a@x.io' },
    });
  });

  it('rejects elements without an id or that are not objects, with JSON path and line', () => {
    const out = extractEcommerce(
      file('e.json', '{"customers": [\n  {"id": "E1"},\n  {"name": "x"},\n  42\n]}'),
    );
    expect(out.records).toHaveLength(1);
    expect(out.rejects).toEqual([
      { source: 'e.json', location: '$.customers[1] (line 3)', reason: 'missing id', record: '{"name":"x"}' },
      { source: 'e.json', location: '$.customers[2] (line 4)', reason: 'not a JSON object', record: '42' },
    ]);
  });

  it('fails clearly when there is no customer list', () => {
    expect(() => extractEcommerce(file('e.json', '{"clients": []}'))).toThrowError(/has no customer list/);
  });
});

describe('extractCrm', () => {
  it('handles quoted fields with commas and a BOM', async () => {
    const out = await extractCrm(
      file(
        'c.csv',
        '\ufeffcustomer_id,full_name,email,phone,signup_date,status\nC1,"Smith, John",j@x.io,555,2023-01-01,active\n',
      ),
    );
    expect(out.records[0].fields.full_name).toBe('Smith, John');
  });

  it('reports the physical line of a reject after a multi-line quoted field', async () => {
    const out = await extractCrm(
      file(
        'c.csv',
        'customer_id,full_name,email,phone,signup_date,status\nC1,"Ann\nLee",a@x.io,555,2023-01-01,active\nC2,short\n',
      ),
    );
    expect(out.records).toHaveLength(1);
    expect(out.rejects[0]).toMatchObject({ location: 'line 4', reason: 'expected 6 fields, found 2' });
  });
});
