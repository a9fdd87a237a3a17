import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { buildTotals, setOf, totalsColumn, TotalsRequest } from '../../src/reconcile/totals.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.create();
  await engine.run(`CREATE TABLE src (day DATE, customer VARCHAR, amount DECIMAL(18,6), status VARCHAR)`);
  await engine.run(`INSERT INTO src VALUES
    ('2024-01-01', 'a', 1.10, 'done'), ('2024-01-01', 'b', 2.20, 'open'), ('2024-01-02', 'a', 3.30, 'done'),
    (NULL, NULL, 4.40, 'done'), ('2024-01-02', 'b', NULL, NULL)`);
  await engine.run(`CREATE TABLE empty_src AS SELECT * FROM src WHERE false`);
});
afterAll(() => engine.close());

describe('buildTotals', () => {
  it('gives each grouping the same counts and sums as a plain GROUP BY, filtered measures included', async () => {
    const request = new TotalsRequest();
    request.group('day');
    request.group('customer');
    request.group('day');
    const all = request.measure({ metric: 'amount', condition: null });
    const done = request.measure({
      metric: 'amount',
      condition: `r.status = ${request.params.bind('done')}`,
    });
    expect(request.measure({ metric: 'amount', condition: null })).toBe(all);
    const totals = await buildTotals(engine, request, 'src', 'tot_a');
    expect(totals.groups).toEqual(['day', 'customer']);
    for (const column of ['day', 'customer']) {
      const got = await engine.all(
        `SELECT CAST(${totalsColumn('group', column)} AS VARCHAR) AS g, ${totalsColumn('rows')} AS n,
           CAST(${totalsColumn('sum', all)} AS VARCHAR) AS s, CAST(${totalsColumn('sum', done)} AS VARCHAR) AS sd,
           ${totalsColumn('count', done)} AS cd
         FROM tot_a WHERE ${totalsColumn('set')} = ${setOf(totals, column)} ORDER BY g NULLS FIRST`,
      );
      const want = await engine.all(
        `SELECT CAST(${column} AS VARCHAR) AS g, count(*) AS n, CAST(sum(amount) AS VARCHAR) AS s,
           CAST(sum(amount) FILTER (WHERE status = 'done') AS VARCHAR) AS sd, count(*) FILTER (WHERE status = 'done') AS cd
         FROM src GROUP BY 1 ORDER BY g NULLS FIRST`,
      );
      expect(got).toEqual(want);
    }
    const overall = await engine.all(
      `SELECT ${totalsColumn('rows')} AS n, CAST(${totalsColumn('sum', all)} AS VARCHAR) AS s
       FROM tot_a WHERE ${totalsColumn('set')} = ${setOf(totals, null)}`,
    );
    expect(overall).toEqual([{ n: 5, s: '11.000000' }]);
  });

  it('works without groupings and on an empty source', async () => {
    const request = new TotalsRequest();
    const m = request.measure({ metric: 'amount', condition: null });
    const totals = await buildTotals(engine, request, 'empty_src', 'tot_b');
    expect(setOf(totals, null)).toBe(0);
    const rows = await engine.all(
      `SELECT ${totalsColumn('rows')} AS n, ${totalsColumn('sum', m)} AS s FROM tot_b`,
    );
    expect(rows).toEqual([{ n: 0, s: null }]);
    const grouped = new TotalsRequest();
    grouped.group('day');
    await buildTotals(engine, grouped, 'empty_src', 'tot_c');
    const sets = await engine.all(
      `SELECT count(*) AS n FROM tot_c WHERE ${totalsColumn('group', 'day')} IS NOT NULL`,
    );
    expect(sets).toEqual([{ n: 0 }]);
  });

  it('refuses a grouping it was not asked for', () => {
    expect(() => setOf({ table: 't', groups: ['day'], measures: [] }, 'customer')).toThrow(/customer/);
  });
});
