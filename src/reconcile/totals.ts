// One pass over a loaded source for every figure the aggregations and the system summary need: a
// GROUPING SETS query leaves a small table of counts and sums per group. No comparison, no rendering.

import type { Engine } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import { Params } from './sql.js';

/** A filtered count and sum wanted from a source: `sum(metric)` and `count(*)` over rows where `condition` holds. */
export interface Measure {
  /** Column to sum, or null to count only. */
  metric: string | null;
  /** SQL condition over the source's columns (alias `r`), or null for every row. */
  condition: string | null;
}

/**
 * One source's totals table: a row per group of each grouping (`#set` tells which; see `setOf`) with
 * the group's value in `g:<column>` (NULL in the other groupings), `#n` (rows), and per measure
 * `#s<i>` (its sum) and `#c<i>` (its count; see `totalsColumn`). The overall grouping is always there.
 */
export interface SourceTotals {
  table: string;
  /** The grouping columns, in the order `_set` numbers them. */
  groups: string[];
  /** The measures, in the order `s<i>`/`c<i>` number them (deduplicated by their SQL). */
  measures: Measure[];
}

/** Collects one source's groupings and measures before its single totals query runs. */
export class TotalsRequest {
  readonly groups: string[] = [];
  readonly measures: Measure[] = [];
  /** Bound values the measures' conditions refer to (`$n`). */
  readonly params = new Params();

  /** Ask for totals per value of `column` (null: the overall totals, always computed). */
  group(column: string | null): void {
    if (column !== null && !this.groups.includes(column)) this.groups.push(column);
  }

  /** Ask for a measure; returns its number. Equal measures share one number. */
  measure(measure: Measure): number {
    const found = this.measures.findIndex(
      (m) => m.metric === measure.metric && m.condition === measure.condition,
    );
    if (found >= 0) return found;
    this.measures.push(measure);
    return this.measures.length - 1;
  }
}

/** A totals table's column: the grouping's number, a group's value, the row count, a measure's sum or count. */
export function totalsColumn(what: 'set' | 'rows'): string;
export function totalsColumn(what: 'group', column: string): string;
export function totalsColumn(what: 'sum' | 'count', measure: number): string;
export function totalsColumn(what: string, of?: string | number): string {
  if (what === 'group') return quoteIdent(`g:${String(of)}`);
  if (what === 'sum' || what === 'count') return quoteIdent(`#${what === 'sum' ? 's' : 'c'}${String(of)}`);
  return quoteIdent(`#${what === 'set' ? 'set' : 'n'}`);
}

/**
 * The `#set` value of the rows grouped by `column` (null: the overall row) in `totals`: DuckDB's
 * `grouping_id` sets a bit for every grouping column a row is not grouped by, the first column highest.
 */
export function setOf(totals: SourceTotals, column: string | null): number {
  const all = 2 ** totals.groups.length - 1;
  if (column === null) return all;
  const at = totals.groups.indexOf(column);
  if (at < 0) throw new Error(`no totals by ${column} in ${totals.table}`);
  return all - 2 ** (totals.groups.length - 1 - at);
}

/** Run the request's one GROUPING SETS query over the source loaded in `source`, into table `table`. */
export async function buildTotals(
  engine: Engine,
  request: TotalsRequest,
  source: string,
  table: string,
): Promise<SourceTotals> {
  const cols = request.groups.map((g) => `r.${quoteIdent(g)}`);
  const measures = request.measures.flatMap((m, i) => {
    const filter = m.condition === null ? '' : ` FILTER (WHERE ${m.condition})`;
    return [
      `${m.metric === null ? 'NULL' : `sum(r.${quoteIdent(m.metric)})${filter}`} AS ${totalsColumn('sum', i)}`,
      `count(*)${filter} AS ${totalsColumn('count', i)}`,
    ];
  });
  const selects = [
    `${cols.length === 0 ? '0' : `grouping_id(${cols.join(', ')})`} AS ${totalsColumn('set')}`,
    ...request.groups.map((g, i) => `${cols[i]} AS ${totalsColumn('group', g)}`),
    `count(*) AS ${totalsColumn('rows')}`,
    ...measures,
  ];
  const sets = ['()', ...cols.map((c) => `(${c})`)].join(', ');
  await engine.run(
    `CREATE TABLE ${quoteIdent(table)} AS SELECT ${selects.join(', ')}
     FROM ${quoteIdent(source)} r ${cols.length === 0 ? '' : `GROUP BY GROUPING SETS (${sets})`}`,
    request.params.values,
  );
  return { table, groups: [...request.groups], measures: [...request.measures] };
}
