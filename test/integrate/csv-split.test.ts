import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvFile } from '../../src/integrate/csv-split.js';
import type { CsvRange } from '../../src/integrate/csv-split.js';
import { extractCrm, RunNotReadAlone } from '../../src/integrate/extract.js';
import type { RawCustomer } from '../../src/integrate/types.js';

const HEADER = 'customer_id,full_name,email,phone,signup_date,status';

/** Rows with the cases a cut must keep: blank lines, bad field counts, missing ids, non-ASCII names. */
function crmText(rows: number, head = `${HEADER}\n`): string {
  const lines = Array.from({ length: rows }, (_, i) => {
    if (i % 11 === 3) return '';
    if (i % 13 === 5) return `C${i},too,few`;
    if (i % 17 === 7) return ` ,No Id,n${i}@x.io,555${i},2023-01-02,active`;
    return `C${i},Zoë ${i},z${i}@x.io,+1-555-${i},2023-01-${(i % 28) + 1},active`;
  });
  return `${head}${lines.join('\n')}`;
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'csv-split-')), 'crm.csv');
  writeFileSync(path, content);
  return path;
}

async function extract(path: string, range?: CsvRange) {
  const records: RawCustomer[] = [];
  const { rejects } = await extractCrm(path, (r) => records.push(r), range);
  return { records, rejects };
}

describe('splitCsvFile', () => {
  it.each([
    ['a plain file', crmText(200)],
    ['a BOM and blank lines before the header', crmText(200, `\ufeff\n\n${HEADER}\n`)],
    ['a final newline', `${crmText(150)}\n`],
  ])('cuts %s into runs read with the same records, rejects and line numbers', async (_, text) => {
    const path = file(text);
    const whole = await extract(path);
    for (const parts of [2, 3, 4]) {
      const ranges = splitCsvFile(path, parts);
      expect(ranges).toHaveLength(parts);
      const runs = await Promise.all((ranges ?? []).map((range) => extract(path, range)));
      expect(runs.flatMap((r) => r.records)).toEqual(whole.records);
      expect(runs.flatMap((r) => r.rejects)).toEqual(whole.rejects);
    }
    expect(whole.rejects.length).toBeGreaterThan(10);
  });

  it.each([
    ['no line after the header', HEADER],
    ['too few lines', `${HEADER}\nC1,A,a@x.io,1,2023-01-01,active\n`],
    ['a header longer than the window searched', `${'h'.repeat(70_000)}\n${crmText(50, '')}`],
  ])('gives null (the file is read whole) for %s', (_, text) => {
    expect(splitCsvFile(file(text), 3)).toBeNull();
  });

  it.each([
    ['a quote', (text: string) => text.replace('active\n', '"act, ive"\n')],
    ['a carriage return', (text: string) => text.replace('active\n', 'active\r\n')],
  ])('leaves a run holding %s to be read with the whole file', async (_, spoil) => {
    const text = crmText(200);
    const cutAt = Math.floor(text.length * 0.75);
    const path = file(text.slice(0, cutAt) + spoil(text.slice(cutAt)));
    const ranges = splitCsvFile(path, 2) ?? [];
    expect(ranges).toHaveLength(2);
    await expect(extract(path, ranges[0])).resolves.toBeDefined();
    await expect(extract(path, ranges[1])).rejects.toThrow(RunNotReadAlone);
  });

  it('leaves a missing column to be reported as for the whole file', async () => {
    const path = file(crmText(100, 'customer_id,full_name,email\n'));
    const ranges = splitCsvFile(path, 2) ?? [];
    expect(ranges).toHaveLength(2);
    for (const range of ranges) await expect(extract(path, range)).rejects.toThrow(/missing column/);
  });
});
