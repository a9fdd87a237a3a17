import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../src/core/csv.js';
import { CsvWriter, toCsv, writeCsvAtomic } from '../../src/core/csv-write.js';
import { InputError } from '../../src/core/errors.js';

const dir = () => mkdtempSync(join(tmpdir(), 'csv-'));

describe('readCsvFile', () => {
  it('returns rows with their line numbers and rejects rows with the wrong field count', async () => {
    const path = join(dir(), 'a.csv');
    writeFileSync(path, 'id,name\n1,Ann\n2,Bob,extra\n\n3,"Cy, Jr"\n');
    const { header, rows, rejects } = await readCsvFile(path);
    expect(header).toEqual(['id', 'name']);
    expect(rows.map((r) => [r.line, r.values.name])).toEqual([
      [2, 'Ann'],
      [5, 'Cy, Jr'],
    ]);
    expect(rejects).toEqual([
      { kind: 'reject', line: 3, reason: 'expected 2 fields, found 3', raw: '2,Bob,extra' },
    ]);
  });

  it('rejects a row with broken quoting, keeping the raw text of everything it swallowed', async () => {
    const path = join(dir(), 'b.csv');
    writeFileSync(path, 'id,name\n1,"Ann"x\n2,Bob\n');
    const { rows, rejects } = await readCsvFile(path);
    expect(rows).toEqual([]);
    expect(rejects[0]).toMatchObject({ line: 2, raw: '1,"Ann"' });
    expect(rejects[0].reason).toMatch(/Invalid Closing Quote/);
    expect(rejects.map((r) => r.raw).join('\n')).toContain('2,Bob');
  });

  it('names missing required columns and lists those present', async () => {
    const path = join(dir(), 'c.csv');
    writeFileSync(path, 'id,nme\n1,Ann\n');
    const error = await readCsvFile(path, { what: 'orders file', requiredColumns: ['id', 'name'] }).catch(
      (e: InputError) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).toLine()).toMatch(
      /orders file .*c\.csv is missing column name \(columns present: id, nme\)/,
    );
  });

  it('treats an empty file as no header and no rows', async () => {
    const path = join(dir(), 'd.csv');
    writeFileSync(path, '');
    expect(await readCsvFile(path)).toEqual({ header: [], rows: [], rejects: [] });
  });

  it('fails with an InputError for a missing file', async () => {
    await expect(readCsvFile('/nonexistent.csv')).rejects.toBeInstanceOf(InputError);
  });
});

describe('writing CSV', () => {
  it('quotes fields that need it', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [1, null],
        ],
      ),
    ).toBe('a,b\n"x,y","say ""hi"""\n1,\n');
  });

  it('writes a file atomically and streams large ones', async () => {
    const d = dir();
    writeCsvAtomic(join(d, 'out.csv'), ['n'], [[1], [2]]);
    expect(readFileSync(join(d, 'out.csv'), 'utf8')).toBe('n\n1\n2\n');
    const writer = new CsvWriter(join(d, 'big.csv'), ['n', 'm']);
    writer.write([[1, 'a']]);
    writer.write([[2, 'b']]);
    await writer.commit();
    expect(readFileSync(join(d, 'big.csv'), 'utf8')).toBe('n,m\n1,a\n2,b\n');
  });
});
