// Record-level comparison of two sources in DuckDB: the first occurrence of each key on each side is
// joined (full outer), every compared field is marked match/mismatch/invalid, then counted and turned into findings.

import type { Engine } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import type { KeyIndex } from './checks.js';
import type { LoadedSource } from './load.js';
import { INVALID_SUFFIX } from './load.js';
import type { Finding, RecordValues } from './model.js';
import type { PlannedComparison } from './plan.js';
import type { ColumnSpec } from './rules.js';
import { asText, fieldEquality, keyExpression, keyPresent, Params } from './sql.js';

/** Counts of one comparison; `fieldMismatches[i]` belongs to the comparison's i-th field. */
export interface ComparisonCounts {
  /** Distinct keys in either system (the match rate's denominator). */
  keys: number;
  matchedKeys: number;
  perfect: number;
  missing: number;
  ghost: number;
  fieldMismatches: number[];
  fieldInvalid: number[];
}

/**
 * The outcome of one comparison: `table` has one narrow row per distinct key (presence, rowids, field
 * states, `_perfect`); `imperfect` has the imperfect rows with both sides' columns (`s:col`, `t:col`).
 */
export interface ComparisonResult {
  plan: PlannedComparison;
  table: string;
  imperfect: string;
  counts: ComparisonCounts;
  findings: Finding[];
}

/** Codes of a field's state in the comparison tables (NULL when one side is missing). */
export const FIELD_STATE = { match: 0, mismatch: 1, invalid: 2 } as const;

/** Column of the imperfect-rows table holding `column` of side `s` (source) or `t` (target). */
export function sideColumn(side: 's' | 't', column: string): string {
  return quoteIdent(`${side}:${column}`);
}

/** Column of the comparison tables holding the state of field `i`. */
export function stateColumn(i: number): string {
  return quoteIdent(`m:${i}`);
}

/** SQL for the first row of each key (every row with a key when no key repeats: no join needed). */
function firstOccurrences(index: KeyIndex, columns: readonly string[]): string {
  const key = keyExpression('r', index.keys);
  const carried = columns.map((c) => `r.${quoteIdent(c)}`);
  const select = `SELECT ${key} AS _k, r.rowid AS _rid${carried.map((c) => `, ${c}`).join('')} FROM ${quoteIdent(index.loaded.table)} r`;
  if (index.duplicated === 0) return `${select} WHERE ${keyPresent('r', index.keys)}`;
  return `${select} LEFT JOIN ${quoteIdent(index.duplicates)} d ON d._k = ${key}
    WHERE ${keyPresent('r', index.keys)} AND (d._k IS NULL OR r.rowid = d.first_rid)`;
}

/**
 * Build the comparison's narrow table (see ComparisonResult): the first occurrence of each key on both
 * sides joined (full outer) with every field marked, in `table`; its imperfect rows are copied to the
 * returned table, which `widenComparison` later gives both sides' columns.
 */
export async function buildComparisonTable(
  engine: Engine,
  plan: PlannedComparison,
  sides: { source: KeyIndex; target: KeyIndex },
  table: string,
): Promise<string> {
  const params = new Params();
  const compared = (side: 'source' | 'target') => [
    ...new Set(
      plan.fields.flatMap((f) => {
        const column = side === 'source' ? f.sourceColumn : f.targetColumn;
        return f.type === 'text' ? [column] : [column, column + INVALID_SUFFIX];
      }),
    ),
  ];
  const states = plan.fields.map((field, i) => {
    const a = `s.${quoteIdent(field.sourceColumn)}`;
    const b = `t.${quoteIdent(field.targetColumn)}`;
    const invalid =
      field.type === 'text'
        ? 'false'
        : `s.${quoteIdent(field.sourceColumn + INVALID_SUFFIX)} IS NOT NULL OR t.${quoteIdent(field.targetColumn + INVALID_SUFFIX)} IS NOT NULL`;
    return `CAST(CASE WHEN s._k IS NULL OR t._k IS NULL THEN NULL WHEN ${invalid} THEN ${FIELD_STATE.invalid} WHEN ${fieldEquality(a, b, field, params)} THEN ${FIELD_STATE.match} ELSE ${FIELD_STATE.mismatch} END AS UTINYINT) AS ${stateColumn(i)}`;
  });
  const perfect = [
    '_in_s',
    '_in_t',
    ...plan.fields.map((_, i) => `${stateColumn(i)} = ${FIELD_STATE.match}`),
  ].join(' AND ');
  await engine.run(
    `CREATE TABLE ${quoteIdent(table)} AS
     WITH s AS (${firstOccurrences(sides.source, compared('source'))}), t AS (${firstOccurrences(sides.target, compared('target'))}),
     j AS (SELECT coalesce(s._k, t._k) AS _k, s._k IS NOT NULL AS _in_s, t._k IS NOT NULL AS _in_t, s._rid AS _s_rid, t._rid AS _t_rid
       ${states.map((state) => `, ${state}`).join('')}
       FROM s FULL OUTER JOIN t ON s._k = t._k)
     SELECT *, coalesce(${perfect}, false) AS _perfect FROM j`,
    params.values,
  );
  const imperfect = `${table}_imperfect`;
  await engine.run(
    `CREATE TABLE ${quoteIdent(imperfect)} AS SELECT * FROM ${quoteIdent(table)} WHERE NOT _perfect`,
  );
  return imperfect;
}

/** The columns of a source that imperfect rows show: every loaded column, and the text of invalid values. */
function shownColumns(specs: Map<string, ColumnSpec>): string[] {
  return [...specs].flatMap(([name, spec]) =>
    spec.type === 'text' ? [name] : [name, name + INVALID_SUFFIX],
  );
}

/**
 * Copy the rows of `loaded` that any of `uses` (imperfect tables and the rowid column naming this
 * source in each) points at into table `table`: one scan of the source however many comparisons read it.
 */
export async function fetchImperfectRows(
  engine: Engine,
  loaded: LoadedSource,
  specs: Map<string, ColumnSpec>,
  uses: readonly { imperfect: string; rid: '_s_rid' | '_t_rid' }[],
  table: string,
): Promise<void> {
  const names = shownColumns(specs).map((n) => `, ${quoteIdent(n)}`);
  const rids = uses.map((u) => `SELECT ${u.rid} FROM ${quoteIdent(u.imperfect)}`).join(' UNION ');
  await engine.run(
    `CREATE TABLE ${quoteIdent(table)} AS SELECT rowid AS _rid${names.join('')}
     FROM ${quoteIdent(loaded.table)} WHERE rowid IN (${rids})`,
  );
}

/**
 * Give a comparison's imperfect rows both sides' columns (`s:col`, `t:col`) from the tables
 * `fetchImperfectRows` filled; returns the new table's name and drops the narrow one.
 */
export async function widenComparison(
  engine: Engine,
  imperfect: string,
  source: { rows: string; specs: Map<string, ColumnSpec> },
  target: { rows: string; specs: Map<string, ColumnSpec> },
): Promise<string> {
  const side = (alias: 's' | 't', rows: string, specs: Map<string, ColumnSpec>) => ({
    select: shownColumns(specs).map((name) => `, ${alias}.${quoteIdent(name)} AS ${sideColumn(alias, name)}`),
    join: `LEFT JOIN ${quoteIdent(rows)} ${alias} ON ${alias}._rid = c._${alias}_rid`,
  });
  const s = side('s', source.rows, source.specs);
  const t = side('t', target.rows, target.specs);
  const wide = imperfect.replace(/_imperfect$/, '_wide');
  await engine.run(
    `CREATE TABLE ${quoteIdent(wide)} AS SELECT c.*${[...s.select, ...t.select].join('')}
     FROM ${quoteIdent(imperfect)} c ${s.join} ${t.join}`,
  );
  await engine.run(`DROP TABLE ${quoteIdent(imperfect)}`);
  return wide;
}

/** Count keys, matches, missing and ghost records and each field's mismatches. */
export async function countComparison(
  engine: Engine,
  plan: PlannedComparison,
  table: string,
): Promise<ComparisonCounts> {
  const fieldCounts = plan.fields.flatMap((_, i) => [
    `count(*) FILTER (WHERE ${stateColumn(i)} = ${FIELD_STATE.mismatch}) AS "mm${i}"`,
    `count(*) FILTER (WHERE ${stateColumn(i)} = ${FIELD_STATE.invalid}) AS "inv${i}"`,
  ]);
  const row = await engine.one<Record<string, number>>(
    `SELECT count(*) AS keys, count(*) FILTER (WHERE _in_s AND _in_t) AS matched, count(*) FILTER (WHERE _perfect) AS perfect,
       count(*) FILTER (WHERE NOT _in_t) AS missing, count(*) FILTER (WHERE NOT _in_s) AS ghost
       ${fieldCounts.map((c) => `, ${c}`).join('')}
     FROM ${quoteIdent(table)}`,
  );
  const get = (name: string) => Number(row?.[name] ?? 0);
  return {
    keys: get('keys'),
    matchedKeys: get('matched'),
    perfect: get('perfect'),
    missing: get('missing'),
    ghost: get('ghost'),
    fieldMismatches: plan.fields.map((_, i) => get(`mm${i}`)),
    fieldInvalid: plan.fields.map((_, i) => get(`inv${i}`)),
  };
}

/** Findings for every imperfect key: missing, ghost, and one per mismatched field (invalid values are reported per system). */
export async function comparisonFindings(
  engine: Engine,
  plan: PlannedComparison,
  imperfect: string,
  status: { source: string | undefined; target: string | undefined },
): Promise<Finding[]> {
  const selects = ['_k', '_in_s', '_in_t'];
  selects.push(
    `${status.source ? sideColumn('s', status.source) : 'NULL'} AS s_status`,
    `${status.target ? sideColumn('t', status.target) : 'NULL'} AS t_status`,
  );
  plan.fields.forEach((field, i) => {
    const a = sideColumn('s', field.sourceColumn);
    const b = sideColumn('t', field.targetColumn);
    selects.push(
      `${asText(a, field.type)} AS "a${i}"`,
      `${asText(b, field.type)} AS "b${i}"`,
      `${stateColumn(i)} AS "m${i}"`,
    );
    const numeric = field.type === 'decimal' || field.type === 'integer';
    selects.push(`${numeric ? asText(`(${b} - ${a})`, field.type) : 'NULL'} AS "d${i}"`);
  });
  const rows = await engine.all<Record<string, string | number | boolean | null>>(
    `SELECT ${selects.join(', ')} FROM ${quoteIdent(imperfect)} ORDER BY _k`,
  );
  const findings: Finding[] = [];
  for (const row of rows) {
    const sourceValues: RecordValues = {};
    const targetValues: RecordValues = {};
    plan.fields.forEach((field, i) => {
      sourceValues[field.sourceColumn] = row[`a${i}`] as string | null;
      targetValues[field.targetColumn] = row[`b${i}`] as string | null;
    });
    const base = {
      comparison: plan.name,
      source: plan.source.id,
      target: plan.target.id,
      key: String(row._k),
      status: (row.s_status ?? row.t_status) as string | null,
      field: null,
      note: null,
      others: 'none' as const,
    };
    if (!row._in_t) findings.push({ ...base, type: 'missing_record', sourceValues, targetValues: null });
    else if (!row._in_s) findings.push({ ...base, type: 'ghost_record', sourceValues: null, targetValues });
    else {
      plan.fields.forEach((field, i) => {
        if (Number(row[`m${i}`]) !== FIELD_STATE.mismatch) return;
        const fieldDifference = {
          sourceField: field.sourceColumn,
          targetField: field.targetColumn,
          sourceValue: row[`a${i}`] as string | null,
          targetValue: row[`b${i}`] as string | null,
          difference: row[`d${i}`] as string | null,
        };
        findings.push({
          ...base,
          type: field.discrepancyType,
          field: fieldDifference,
          sourceValues,
          targetValues,
        });
      });
    }
  }
  return findings;
}
