import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quoteIdent, readCsvAsText, withEngine } from '../../src/core/engine.js';

describe('engine', () => {
  it('quotes identifiers, doubling embedded quotes', () => {
    expect(quoteIdent('total')).toBe('"total"');
    expect(quoteIdent('a"; DROP TABLE x; --')).toBe('"a""; DROP TABLE x; --"');
  });

  it('binds values and returns plain rows, BIGINT as numbers', async () => {
    const rows = await withEngine((engine) =>
      engine.all('SELECT $1::VARCHAR AS s, 2::BIGINT * $2 AS n', ["it's", 21]),
    );
    expect(rows).toEqual([{ s: "it's", n: 42 }]);
  });

  it('reads a CSV with every column as text', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'engine-')), 'x.csv');
    writeFileSync(path, 'id,qty\n001,5\n002,abc\n');
    const rows = await withEngine((engine) =>
      engine.all(`SELECT id, TRY_CAST(qty AS INTEGER) AS qty FROM ${readCsvAsText('$1')}`, [path]),
    );
    expect(rows).toEqual([
      { id: '001', qty: 5 },
      { id: '002', qty: null },
    ]);
  });
});
