// The report's system comparison: records, completed orders, total amount and unique customers per
// system, computed in DuckDB. A figure a system lacks the column for is null ("n/a" in the report).

import type { Engine } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import { trimmed } from './load.js';
import type { SummaryColumns } from './plan.js';
import { Params } from './sql.js';

/** One system's headline figures. */
export interface SystemFigures {
  system: string;
  records: number;
  completed: number | null;
  amount: string | null;
  customers: number | null;
}

/**
 * Headline figures of the source loaded in `table`; `completed` lists the statuses that count as
 * completed; `statusTrimmed` says the loaded status column needs no trimming (see `loadsTrimmed`).
 */
export async function systemFigures(
  engine: Engine,
  system: string,
  table: string,
  columns: SummaryColumns,
  completed: readonly string[],
  statusTrimmed: boolean,
): Promise<SystemFigures> {
  const params = new Params();
  const col = (name: string) => `r.${quoteIdent(name)}`;
  const status = (name: string) => (statusTrimmed ? col(name) : trimmed(col(name)));
  const selects = [
    'count(*) AS records',
    columns.status
      ? `count(*) FILTER (WHERE lower(${status(columns.status)}) IN (${completed.map((s) => params.bind(s.toLowerCase())).join(', ')})) AS completed`
      : 'NULL AS completed',
    columns.amount ? `CAST(coalesce(sum(${col(columns.amount)}), 0) AS VARCHAR) AS amount` : 'NULL AS amount',
    columns.customer ? `count(DISTINCT ${col(columns.customer)}) AS customers` : 'NULL AS customers',
  ];
  const row = await engine.one<{
    records: number;
    completed: number | null;
    amount: string | null;
    customers: number | null;
  }>(`SELECT ${selects.join(', ')} FROM ${quoteIdent(table)} r`, params.values);
  const asCount = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    system,
    records: Number(row?.records ?? 0),
    completed: asCount(row?.completed),
    amount: row?.amount ?? null,
    customers: asCount(row?.customers),
  };
}
