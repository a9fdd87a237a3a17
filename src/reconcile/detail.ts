// The detail CSV: one row per key per comparison (status, fields that differ and, unless the record
// matches perfectly, both sides' compared values), written by DuckDB into a temp file renamed into place.

import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Engine } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import type { ComparisonResult } from './compare.js';
import { FIELD_STATE, sideColumn, stateColumn } from './compare.js';
import { INVALID_SUFFIX, quoteLiteral } from './load.js';
import { asText, Params } from './sql.js';

/** Header of the detail CSV. */
export const DETAIL_COLUMNS = [
  'comparison',
  'key',
  'status',
  'differing_fields',
  'source_values',
  'target_values',
] as const;

/** `col=value; ...` for one side; a value that did not parse shows as `invalid:<its text>`. */
function values(
  side: 's' | 't',
  fields: { column: string; type: Parameters<typeof asText>[1] }[],
  params: Params,
): string {
  if (fields.length === 0) return `''`;
  const parts = fields.map((f) => {
    const invalid = f.type === 'text' ? '' : `'invalid:' || ${sideColumn(side, f.column + INVALID_SUFFIX)}, `;
    return `${params.bind(`${f.column}=`)} || coalesce(${asText(sideColumn(side, f.column), f.type)}, ${invalid}'')`;
  });
  return `concat_ws('; ', ${parts.join(', ')})`;
}

function comparisonRows(result: ComparisonResult, index: number, params: Params): string {
  const { plan } = result;
  const fields = plan.fields;
  const differing =
    fields.length === 0
      ? `''`
      : `concat_ws(';', ${fields.map((f, i) => `CASE WHEN ${stateColumn(i)} IN (${FIELD_STATE.mismatch}, ${FIELD_STATE.invalid}) THEN ${params.bind(f.sourceColumn)} END`).join(', ')})`;
  const anyMismatch =
    fields.length === 0
      ? 'false'
      : fields.map((_, i) => `${stateColumn(i)} = ${FIELD_STATE.mismatch}`).join(' OR ');
  const status = `CASE WHEN NOT _in_t THEN 'missing' WHEN NOT _in_s THEN 'ghost' WHEN coalesce(${anyMismatch}, false) THEN 'mismatched' ELSE 'invalid' END`;
  const sourceValues = values(
    's',
    fields.map((f) => ({ column: f.sourceColumn, type: f.type })),
    params,
  );
  const targetValues = values(
    't',
    fields.map((f) => ({ column: f.targetColumn, type: f.type })),
    params,
  );
  return `SELECT ${index} AS _c, _k AS key, NULL AS status, NULL AS differing_fields, NULL AS source_values, NULL AS target_values
    FROM ${quoteIdent(result.table)} WHERE _perfect
    UNION ALL
    SELECT ${index} AS _c, _k AS key, ${status} AS status, NULLIF(${differing}, '') AS differing_fields,
    CASE WHEN _in_s THEN NULLIF(${sourceValues}, '') END AS source_values, CASE WHEN _in_t THEN NULLIF(${targetValues}, '') END AS target_values
    FROM ${quoteIdent(result.imperfect)}`;
}

/** Write the detail CSV for every comparison to `path` atomically; returns the number of rows. */
export async function writeDetailCsv(
  engine: Engine,
  comparisons: readonly ComparisonResult[],
  path: string,
): Promise<number> {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  const params = new Params();
  const union = comparisons.map((c, i) => comparisonRows(c, i, params)).join(' UNION ALL ');
  // The sort carries only the comparison's number, the key and the imperfect rows' values (NULL for
  // the many perfect ones); the comparison's name and 'matched' are filled in after it, in sorted order.
  const names = comparisons.map((c, i) => `WHEN ${i} THEN ${params.bind(c.plan.name)}`).join(' ');
  const comparison = `CASE _c ${names} END`;
  const columns = DETAIL_COLUMNS.map((c) => quoteIdent(c));
  const outer = [
    `${comparison} AS ${columns[0]}`,
    columns[1],
    `coalesce(status, 'matched') AS ${columns[2]}`,
    ...columns.slice(3),
  ].join(', ');
  try {
    await engine.run(
      `COPY (SELECT ${outer} FROM (SELECT * FROM (${union}) ORDER BY _c, key)) TO ${quoteLiteral(temp)} (FORMAT csv, HEADER true, DELIMITER ',')`,
      params.values,
    );
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return comparisons.reduce((sum, c) => sum + c.counts.keys, 0);
}
