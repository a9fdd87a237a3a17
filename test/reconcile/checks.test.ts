import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { indexKeys } from '../../src/reconcile/checks.js';
import type { LoadedSource } from '../../src/reconcile/load.js';
import type { Source } from '../../src/reconcile/sources.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.create();
  // Rows in file order: "a" three times, "b" once, "c" twice, a row without a key, "d" once.
  await engine.run(`CREATE TABLE src (id VARCHAR, part VARCHAR)`);
  await engine.run(`INSERT INTO src VALUES
    ('a', 'x'), ('b', 'x'), ('a', 'y'), ('c', 'x'), (NULL, 'x'), ('c', 'x'), ('a', 'x'), ('d', 'y')`);
});
afterAll(() => engine.close());

const loaded = { source: {} as Source, table: 'src', rows: 8, rejects: [] } satisfies LoadedSource;

/** The plain (one-pass) grouping the hash pre-filter must agree with. */
async function plainDuplicates(key: string, present: string) {
  return engine.all(
    `SELECT ${key} AS _k, min(rowid) AS first_rid, count(*) AS n FROM src WHERE ${present} GROUP BY ALL HAVING count(*) > 1 ORDER BY _k`,
  );
}

describe('indexKeys', () => {
  it('keeps each duplicated key with its first row and count, as a plain grouping does', async () => {
    const index = await indexKeys(engine, loaded, ['id'], 'dup_one', ['id', 'part', 'id']);
    const rows = await engine.all(`SELECT _k, first_rid, n FROM ${index.duplicates} ORDER BY _k`);
    expect(rows).toEqual([
      { _k: 'a', first_rid: 0, n: 3 },
      { _k: 'c', first_rid: 3, n: 2 },
    ]);
    expect(rows).toEqual(await plainDuplicates('CAST(id AS VARCHAR)', 'id IS NOT NULL'));
    // The side table keeps every row of a duplicated key (rowid, key and the carried columns).
    const kept = await engine.all(
      `SELECT "#rid" AS rid, "#k" AS k, id, part FROM ${index.rows} WHERE "#k" IN ('a', 'c') ORDER BY rid`,
    );
    expect(kept).toEqual(
      await engine.all(`SELECT rowid AS rid, id AS k, id, part FROM src WHERE id IN ('a', 'c') ORDER BY rid`),
    );
  });

  it('groups a two-column key by both columns', async () => {
    const index = await indexKeys(engine, loaded, ['id', 'part'], 'dup_two');
    const rows = await engine.all(`SELECT _k, first_rid, n FROM ${index.duplicates} ORDER BY _k`);
    expect(rows).toEqual([
      { _k: 'a|x', first_rid: 0, n: 2 },
      { _k: 'c|x', first_rid: 3, n: 2 },
    ]);
    expect(rows).toEqual(
      await plainDuplicates(
        `concat_ws('|', CAST(id AS VARCHAR), CAST(part AS VARCHAR))`,
        'id IS NOT NULL AND part IS NOT NULL',
      ),
    );
  });

  it('finds nothing when every key is unique', async () => {
    await engine.run(`CREATE TABLE uniq AS SELECT 'k' || range AS id FROM range(1000)`);
    const index = await indexKeys(engine, { ...loaded, table: 'uniq' }, ['id'], 'dup_none');
    expect(await engine.all(`SELECT * FROM ${index.duplicates}`)).toEqual([]);
  });
});
