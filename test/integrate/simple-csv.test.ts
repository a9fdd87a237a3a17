import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../src/core/csv.js';
import type { CsvRecord } from '../../src/core/csv.js';
import { readSimpleCsv, splitSimpleCsv } from '../../src/integrate/simple-csv.js';
import type { SimpleCsv } from '../../src/integrate/simple-csv.js';

/** What csv-parse (core/csv openCsv) makes of `text`: the reference the fast path must equal. */
async function viaCsvParse(text: string): Promise<{ header: string[]; records: CsvRecord[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'simple-csv-')), 'f.csv');
  writeFileSync(path, text);
  const { header, records } = await openCsv(path);
  const all: CsvRecord[] = [];
  for await (const record of records) all.push(record);
  return { header, records: all };
}

/** The fast path's records in csv-parse's shape: values by header name (the last of a repeated name wins). */
function records(csv: SimpleCsv | null): CsvRecord[] {
  const out: CsvRecord[] = [];
  csv?.eachRecord(
    (fields, line) =>
      out.push({ kind: 'row', line, values: Object.fromEntries(csv.header.map((h, i) => [h, fields[i]])) }),
    (reject) => out.push(reject),
  );
  return out;
}

describe('splitSimpleCsv', () => {
  it.each([
    ['plain rows', 'a,b,c\n1,2,3\n4,5,6\n'],
    ['no final newline', 'a,b,c\n1,2,3'],
    ['blank lines before, between and after', '\n\na,b,c\n\n1,2,3\n\n\n4,5,6\n\n'],
    ['a BOM and padded header names', '\ufeff a ,b, c\n1,2,3\n'],
    ['too many and too few fields', 'a,b,c\n1,2\n1,2,3,4\n5,6,7\n'],
    ['whitespace-only and comma-only lines', 'a,b,c\n  \n,,\n\t\n'],
    ['empty fields and edge spaces kept', 'a,b,c\n ,x , y\n,,\n'],
    ['apostrophes and unicode', "a,b,c\nO'Neil,Émile,日本\n"],
    ['duplicate header names (the last wins)', 'a,b,a\n1,2,3\n'],
  ])('matches csv-parse on %s', async (_, text) => {
    const fast = splitSimpleCsv(text);
    expect(fast).not.toBeNull();
    const reference = await viaCsvParse(text);
    expect(fast?.header).toEqual(reference.header);
    expect(records(fast)).toEqual(reference.records);
  });

  it.each([
    ['a quote', 'a,b\n"x,y",2\n'],
    ['a carriage return', 'a,b\r\n1,2\r\n'],
    ['no header at all', '\n\n'],
  ])('leaves a file with %s to csv-parse', (_, text) => {
    expect(splitSimpleCsv(text)).toBeNull();
  });

  it('reads a file from disk', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'simple-csv-')), 'f.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    const csv = readSimpleCsv(path);
    expect(csv?.header).toEqual(['a', 'b']);
    expect(records(csv)).toEqual([{ kind: 'row', line: 2, values: { a: '1', b: '2' } }]);
  });
});
