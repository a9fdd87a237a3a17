// The report's system comparison: records, completed orders, total amount and unique customers per
// system, read from the system's totals (totals.ts). A figure a system lacks the column for is null ("n/a").

import type { Engine } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import { trimmed } from './load.js';
import type { SummaryColumns } from './plan.js';
import type { SourceTotals, TotalsRequest } from './totals.js';
import { setOf, totalsColumn } from './totals.js';

/** One system's headline figures. */
export interface SystemFigures {
  system: string;
  records: number;
  completed: number | null;
  amount: string | null;
  customers: number | null;
}

/** The measures a system's figures read from its totals (see `requestFigures`). */
export interface FigureMeasures {
  columns: SummaryColumns;
  /** Measure number of the amount's sum, and of the completed orders' count. */
  amount: number | null;
  completed: number | null;
}

/**
 * Ask a system's totals for its headline figures: the amount's sum, the count of rows whose status is
 * one of `completed`, and totals per customer (whose number is the distinct customers); `statusTrimmed`
 * says the loaded status column needs no trimming (see `loadsTrimmed`).
 */
export function requestFigures(
  columns: SummaryColumns,
  completed: readonly string[],
  statusTrimmed: boolean,
  request: TotalsRequest,
): FigureMeasures {
  const col = (name: string) => `r.${quoteIdent(name)}`;
  const status = (name: string) => (statusTrimmed ? col(name) : trimmed(col(name)));
  if (columns.customer) request.group(columns.customer);
  return {
    columns,
    amount: columns.amount ? request.measure({ metric: columns.amount, condition: null }) : null,
    completed: columns.status
      ? request.measure({
          metric: null,
          condition: `lower(${status(columns.status)}) IN (${completed.map((s) => request.params.bind(s.toLowerCase())).join(', ')})`,
        })
      : null,
  };
}

/** Headline figures of `system` from its totals table and the measures `requestFigures` asked for. */
export async function systemFigures(
  engine: Engine,
  system: string,
  totals: SourceTotals,
  measures: FigureMeasures,
): Promise<SystemFigures> {
  const { columns } = measures;
  const overall = `${totalsColumn('set')} = ${setOf(totals, null)}`;
  const selects = [
    `CAST(coalesce(sum(${totalsColumn('rows')}) FILTER (WHERE ${overall}), 0) AS BIGINT) AS records`,
    measures.completed === null
      ? 'NULL AS completed'
      : `CAST(coalesce(sum(${totalsColumn('count', measures.completed)}) FILTER (WHERE ${overall}), 0) AS BIGINT) AS completed`,
    measures.amount === null
      ? 'NULL AS amount'
      : `CAST(coalesce(sum(${totalsColumn('sum', measures.amount)}) FILTER (WHERE ${overall}), 0) AS VARCHAR) AS amount`,
    columns.customer
      ? `count(*) FILTER (WHERE ${totalsColumn('set')} = ${setOf(totals, columns.customer)} AND ${totalsColumn('group', columns.customer)} IS NOT NULL) AS customers`
      : 'NULL AS customers',
  ];
  const row = await engine.one<{
    records: number;
    completed: number | null;
    amount: string | null;
    customers: number | null;
  }>(`SELECT ${selects.join(', ')} FROM ${quoteIdent(totals.table)}`);
  const asCount = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    system,
    records: Number(row?.records ?? 0),
    completed: asCount(row?.completed),
    amount: row?.amount ?? null,
    customers: asCount(row?.customers),
  };
}
