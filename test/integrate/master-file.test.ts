import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/core/csv-write.js';
import { LineBytes } from '../../src/core/line-bytes.js';
import {
  assembleMaster,
  formatMasterPart,
  MASTER_COLUMNS,
  masterLine,
  masterPlan,
  MERGED_LINE,
  NO_LINE,
  prepareMasterLines,
} from '../../src/integrate/master-file.js';
import type { Clusters } from '../../src/integrate/match.js';
import { isAscii } from '../../src/integrate/master-bytes.js';
import { CustomerPacker } from '../../src/integrate/packed-customers.js';
import { unifiedId } from '../../src/integrate/survivorship.js';
import type { Customer } from '../../src/integrate/types.js';

function customer(index: number, name: string, email = `c${index}@x.io`, status = 'active'): Customer {
  return {
    source: 'ECOM',
    sourceId: `E${index}`,
    index,
    fields: { full_name: name, email, phone: 'N/A', signup_date: '2023-01-01', status },
  };
}

/** Names that need quoting, or are not ASCII, mixed with plain ones. */
const NAMES = ['Ann Lee', 'Lee, Ann', 'Say "Hi"', ' Edge', 'Zoë 日本 😀', 'Line\nBreak', 'Bo'];
/** ASCII values for every quoting rule of csvField (and none), for the byte-by-byte path. */
const ASCII_VALUES = [
  'Ann Lee',
  'Lee, Ann',
  'Say "Hi"',
  '"',
  ' Edge',
  'Edge ',
  '\tTab',
  'Tab\t',
  '\vv',
  'f\f',
  'Cr\rHere',
  '\r',
  'Line\nBreak',
  'in ner',
  '',
  'B',
];

describe('masterPlan', () => {
  it('numbers clusters of one, marks the first of several, and gives the rest no line', () => {
    // clusters [0, 2], [1], [3, 4, 5], [6]
    const clusters: Clusters = {
      count: 4,
      start: Int32Array.of(0, 2, 3, 6, 7),
      members: Int32Array.of(0, 2, 1, 3, 4, 5, 6),
      reasons: new Uint8Array(7),
    };
    expect([...masterPlan(clusters, 7)]).toEqual([MERGED_LINE, 2, NO_LINE, MERGED_LINE, NO_LINE, NO_LINE, 4]);
  });
});

describe('formatMasterPart / assembleMaster', () => {
  const mixed = Array.from({ length: 3000 }, (_, i) => customer(i, NAMES[i % NAMES.length]));
  const ascii = Array.from({ length: 3000 }, (_, i) => {
    const value = (k: number) => ASCII_VALUES[(i * k) % ASCII_VALUES.length];
    return customer(i, value(1), value(3), value(5));
  });

  it('formats non-ASCII text through strings and ASCII text byte by byte', () => {
    expect(isAscii(pack(mixed).text)).toBe(false);
    expect(isAscii(pack(ascii).text)).toBe(true);
    expect(isAscii('\u007f')).toBe(true);
    expect(isAscii('\u0080')).toBe(false);
  });

  it.each([
    ['non-ASCII', mixed],
    ['ASCII', ascii],
  ])('writes exactly the lines csvLine would, with merged lines in their gaps (%s)', (_, customers) => {
    // Every 5th record heads a merged cluster, every 7th is merged away; the rest stand alone.
    const plan = Int32Array.from(customers, (_, i) =>
      i % 5 === 0 ? MERGED_LINE : i % 7 === 0 ? NO_LINE : i + 1,
    );
    const merged = new LineBytes();
    const expected = [csvLine(MASTER_COLUMNS)];
    customers.forEach((c, i) => {
      const fields = c.fields;
      if (plan[i] === MERGED_LINE) {
        const line = csvLine([
          `M${i}`,
          `Merged, ${fields.full_name}`,
          fields.email,
          '1',
          'x',
          'CRM+ECOM',
          'ok',
        ]);
        merged.add(line);
        expected.push(line);
      } else if (plan[i] !== NO_LINE) {
        const id = unifiedId(plan[i]);
        expected.push(
          csvLine([
            id,
            fields.full_name,
            fields.email,
            fields.phone,
            fields.signup_date,
            'ECOM',
            fields.status,
          ]),
        );
        expect(masterLine(id, fields, 'ECOM')).toBe(expected.at(-1));
      }
    });
    // Two parts, as two readers would format them.
    const parts = [
      formatMasterPart(pack(customers.slice(0, 1234)), 'ECOM', plan.slice(0, 1234)),
      formatMasterPart(pack(customers.slice(1234)), 'ECOM', plan.slice(1234)),
    ];
    expect(Buffer.concat(assembleMaster(parts, merged)).toString('utf8')).toBe(expected.join(''));
  });

  it('gives the same part from lines prepared ahead, for every id width the records allow', () => {
    const plan = Int32Array.from(ascii, (_, i) =>
      i % 5 === 0 ? MERGED_LINE : i % 7 === 0 ? NO_LINE : i + 1,
    );
    const packed = pack(ascii);
    const expected = formatMasterPart(packed, 'CRM', plan);
    for (const maxNumber of [ascii.length, 99_999, 2_000_000_000]) {
      const prepared = prepareMasterLines(packed, 'CRM', maxNumber);
      expect(prepared).not.toBeNull();
      const part = formatMasterPart(packed, 'CRM', plan, prepared);
      expect(Buffer.from(part.bytes).equals(Buffer.from(expected.bytes))).toBe(true);
      expect([...part.gaps]).toEqual([...expected.gaps]);
    }
    expect(prepareMasterLines(pack(mixed), 'CRM', mixed.length)).toBeNull();
  });

  it('refuses a unified number wider than the lines were prepared for', () => {
    const packed = pack(ascii.slice(0, 3));
    const prepared = prepareMasterLines(packed, 'CRM', 999);
    expect(() => formatMasterPart(packed, 'CRM', Int32Array.of(1, 2, 1000), prepared)).toThrow(/wider/);
  });

  it('refuses merged lines that do not match the gaps', () => {
    const part = formatMasterPart(pack([customer(0, 'Ann')]), 'CRM', Int32Array.of(MERGED_LINE));
    expect(() => assembleMaster([part], new LineBytes())).toThrow(/gaps/);
  });
});

/** Customers packed as a reader packs them. */
function pack(customers: readonly Customer[]) {
  const packer = new CustomerPacker();
  for (const c of customers) packer.add(c);
  return packer.finish();
}

describe('LineBytes', () => {
  it('keeps many lines, non-ASCII ones included, past its first sizes', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${NAMES[i % NAMES.length].repeat(i % 40)},${i}\n`);
    const bytes = new LineBytes();
    for (const line of lines) bytes.add(line);
    expect(bytes.count).toBe(5000);
    expect(bytes.all().toString('utf8')).toBe(lines.join(''));
    expect(bytes.line(4).toString('utf8')).toBe(lines[4]);
    expect(bytes.line(0).length).toBe(Buffer.byteLength(lines[0]));
  });

  it('gives back every line, whether its batch is all ASCII or not, also while lines are still added', () => {
    // Lines 0-599 ASCII (whole ASCII batches), then every 300th line non-ASCII, a lone surrogate included.
    const lines = Array.from({ length: 1500 }, (_, i) =>
      i >= 600 && i % 300 === 0 ? `Zoë \ud800 ${i}\n` : `${ASCII_VALUES[i % ASCII_VALUES.length]},${i}\n`,
    );
    const bytes = new LineBytes();
    lines.forEach((line, i) => {
      bytes.add(line);
      if (i % 333 === 0) expect(bytes.line(i).length).toBe(Buffer.byteLength(line));
    });
    expect(bytes.count).toBe(lines.length);
    lines.forEach((line, i) => {
      expect(bytes.line(i).toString('utf8')).toBe(Buffer.from(line).toString('utf8'));
    });
    expect(bytes.all().equals(Buffer.from(lines.join('')))).toBe(true);
  });
});
