// Problems found inside one system before any comparison: keys that appear more than once, values
// that do not parse, rows without a key. Findings only; severity is decided in classify.ts.

import type { Engine } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import type { LoadedSource } from './load.js';
import { INVALID_SUFFIX } from './load.js';
import type { Finding, RecordValues } from './model.js';
import type { ColumnSpec } from './rules.js';
import { keyExpression, keyPresent } from './sql.js';

/** Duplicated keys of one source under one key definition, kept in a table for the comparisons. */
export interface KeyIndex {
  loaded: LoadedSource;
  keys: string[];
  /** Table of duplicated keys: `_k`, `first_rid` (the first occurrence's rowid), `n`. */
  duplicates: string;
  /** How many keys are duplicated (rows in `duplicates`). */
  duplicated: number;
  /**
   * Every row whose key's hash repeats (each duplicate's rows, plus rare hash collisions): `#rid` (its
   * rowid), `#k` (the key) and the carried columns, so later steps read duplicates without a full scan.
   */
  rows: string;
}

/**
 * Find the duplicated keys of `loaded` under `keys` and keep them in a table named `table`. The first
 * pass sorts every row's 64-bit key hash and keeps the hashes equal to their predecessor, i.e. those
 * occurring more than once (about half the CPU of a hash aggregate over millions of distinct hashes,
 * which was in turn cheaper than grouping the text); only rows with such a hash (every duplicate, plus
 * the rare hash collision) are copied to `${table}_rows` (with the `carried` columns) and grouped by
 * the key itself.
 */
export async function indexKeys(
  engine: Engine,
  loaded: LoadedSource,
  keys: string[],
  table: string,
  carried: readonly string[] = [],
): Promise<KeyIndex> {
  const src = quoteIdent(loaded.table);
  const key = keyExpression('r', keys);
  const rows = `${table}_rows`;
  // Only the carried columns: the scan behind this filter reads every column it returns for every row.
  const columns = [...new Set(carried)].map((c) => `, r.${quoteIdent(c)}`).join('');
  await engine.run(
    `CREATE TABLE ${quoteIdent(rows)} AS
     WITH hashes AS (SELECT hash(${key}) AS h FROM ${src} r WHERE ${keyPresent('r', keys)}),
     repeated AS (SELECT DISTINCT h FROM (SELECT h, lag(h) OVER (ORDER BY h) AS previous FROM hashes) WHERE h = previous)
     SELECT r.rowid AS "#rid", ${key} AS "#k"${columns} FROM ${src} r
     WHERE ${keyPresent('r', keys)} AND hash(${key}) IN (SELECT h FROM repeated)`,
  );
  await engine.run(
    `CREATE TABLE ${quoteIdent(table)} AS
     SELECT "#k" AS _k, min("#rid") AS first_rid, count(*) AS n FROM ${quoteIdent(rows)} GROUP BY 1 HAVING count(*) > 1`,
  );
  const count = await engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
  return { loaded, keys, duplicates: table, duplicated: Number(count?.n ?? 0), rows };
}

/** One finding per duplicated key. */
export async function duplicateFindings(
  engine: Engine,
  index: KeyIndex,
  status: string | undefined,
): Promise<Finding[]> {
  const statusSql = status ? `r.${quoteIdent(status)}` : 'NULL';
  const rows = await engine.all<{ _k: string; n: number; status: string | null }>(
    `SELECT d._k, d.n, ${statusSql} AS status FROM ${quoteIdent(index.duplicates)} d
     JOIN ${quoteIdent(index.rows)} r ON r."#rid" = d.first_rid ORDER BY d._k`,
  );
  return rows.map((row) => ({
    ...withinSystem(index.loaded.source.id, row._k, 'duplicate_key'),
    status: row.status,
    note: `${row.n} records share this key`,
  }));
}

/** One finding per unparseable value, and one for rows with no key at all. */
export async function invalidValueFindings(
  engine: Engine,
  loaded: LoadedSource,
  keys: string[],
  columns: Map<string, ColumnSpec>,
): Promise<Finding[]> {
  const src = quoteIdent(loaded.table);
  const findings: Finding[] = [];
  const typed = [...columns]
    .filter(([, spec]) => spec.type !== 'text')
    .map(([name, spec]) => ({ name, spec }));
  if (typed.length > 0) {
    const parts = typed.map(
      (
        { name },
        i,
      ) => `SELECT ${keyExpression('r', keys)} AS _k, ${i} AS col, r.${quoteIdent(name + INVALID_SUFFIX)} AS raw, r.rowid AS rid
       FROM ${src} r WHERE r.${quoteIdent(name + INVALID_SUFFIX)} IS NOT NULL`,
    );
    const rows = await engine.all<{ _k: string | null; col: number; raw: string }>(
      `${parts.join(' UNION ALL ')} ORDER BY rid, col`,
    );
    for (const row of rows) {
      const { name, spec } = typed[row.col];
      const values: RecordValues = { [name]: row.raw };
      findings.push({
        ...withinSystem(loaded.source.id, row._k ?? '(no key)', 'invalid_value'),
        field: {
          sourceField: name,
          targetField: name,
          sourceValue: row.raw,
          targetValue: null,
          difference: null,
        },
        sourceValues: values,
        note: `${name} "${row.raw}" is not a valid ${spec.type}`,
      });
    }
  }
  const missing = await engine.one<{ n: number }>(
    `SELECT count(*) AS n FROM ${src} r WHERE NOT (${keyPresent('r', keys)})`,
  );
  if (missing && missing.n > 0) {
    findings.push({
      ...withinSystem(loaded.source.id, '(no key)', 'invalid_value'),
      note: `${missing.n} record${missing.n === 1 ? ' has' : 's have'} no ${keys.join('/')}`,
    });
  }
  return findings;
}

function withinSystem(system: string, key: string, type: Finding['type']): Finding {
  return {
    type,
    comparison: null,
    source: system,
    target: null,
    key,
    status: null,
    field: null,
    sourceValues: null,
    targetValues: null,
    note: null,
    others: 'none',
  };
}
