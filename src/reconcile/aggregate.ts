// Aggregate reconciliation: each system's metric total per group, variance and variance % against the
// truth, a flag beyond the tolerance, and the gap attributed to record-level discrepancies. No rendering.

import { Decimal } from 'decimal.js';
import type { Engine } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import type { KeyIndex } from './checks.js';
import type { ComparisonResult } from './compare.js';
import { sideColumn } from './compare.js';
import type { AggregationColumns, PlannedAggregation } from './plan.js';
import type { ColumnSpec } from './rules.js';
import { asText, keyExpression, Params } from './sql.js';

/** Where a gap comes from: records missing from the system, ghosts, differing matched records, duplicates. */
export const GAP_CAUSES = ['missing', 'ghost', 'changed', 'duplicate'] as const;
export type GapCause = (typeof GAP_CAUSES)[number];

/** One system's figure for one group, compared with the truth's. */
export interface Variance {
  total: string;
  count: number;
  /** total - truth total (exact). */
  variance: string;
  /** variance / truth * 100, or null when the truth is zero. */
  percent: number | null;
  flagged: boolean;
  /** The part of the variance record-level discrepancies account for, by cause; null without a comparison. */
  explained: Partial<Record<GapCause, string>> | null;
  unexplained: string | null;
}

/** One group (a date, a customer, or the whole period) across systems. */
export interface GroupFigures {
  group: string;
  truth: { total: string; count: number };
  others: Map<string, Variance>;
}

/** An aggregation's outcome. */
export interface AggregateResult {
  plan: PlannedAggregation;
  /** Every group, sorted; the overall aggregation has one group named "all". */
  groups: GroupFigures[];
  /** Flagged groups per system. */
  flagged: Map<string, number>;
}

/** The tables an aggregation reads: each source's table, its key index and its columns' types. */
export interface AggregationInputs {
  tables: Map<string, string>;
  types: Map<string, Map<string, ColumnSpec>>;
  keyIndexes: Map<string, KeyIndex>;
  comparisons: ComparisonResult[];
}

const ALL = 'all';

function groupText(alias: string, cols: AggregationColumns, types: Map<string, ColumnSpec>, prefix = ''): string {
  if (cols.group === null) return `'${ALL}'`;
  const column = prefix ? sideColumn(prefix as 's' | 't', cols.group) : `${alias}.${quoteIdent(cols.group)}`;
  return `coalesce(${asText(column, types.get(cols.group)?.type ?? 'text')}, '(none)')`;
}

function statusFilter(column: string | null, filter: string[] | null, params: Params): string {
  if (!filter || column === null) return 'true';
  return `lower(trim(${column})) IN (${filter.map((s) => params.bind(s)).join(', ')})`;
}

async function totalsBySystem(engine: Engine, plan: PlannedAggregation, system: string, cols: AggregationColumns, inputs: AggregationInputs) {
  const params = new Params();
  const types = inputs.types.get(system) ?? new Map();
  const metric = `r.${quoteIdent(cols.metric)}`;
  const rows = await engine.all<{ g: string; total: string | null; n: number }>(
    `SELECT ${groupText('r', cols, types)} AS g, CAST(sum(${metric}) AS VARCHAR) AS total, count(*) AS n
     FROM ${quoteIdent(inputs.tables.get(system) as string)} r
     WHERE ${statusFilter(cols.status === null ? null : `r.${quoteIdent(cols.status)}`, plan.statusFilter, params)} GROUP BY 1`,
    params.values,
  );
  return new Map(rows.map((r) => [r.g, { total: r.total ?? '0', count: Number(r.n) }]));
}

/** Sum of metric changes per group and cause that the comparison's imperfect records and duplicates produce. */
async function attribution(engine: Engine, plan: PlannedAggregation, truth: string, system: string, inputs: AggregationInputs) {
  const comparison = inputs.comparisons.find((c) => new Set([c.plan.source.id, c.plan.target.id]).size === 2 && [c.plan.source.id, c.plan.target.id].includes(truth) && [c.plan.source.id, c.plan.target.id].includes(system));
  if (!comparison) return null;
  const truthSide = comparison.plan.source.id === truth ? 's' : 't';
  const otherSide = truthSide === 's' ? 't' : 's';
  const params = new Params();
  const part = (side: 's' | 't', sign: '-' | '', id: string) => {
    const cols = plan.systems.get(id) as AggregationColumns;
    const types = inputs.types.get(id) ?? new Map();
    const presence = side === 's' ? '_in_s' : '_in_t';
    const cause = side === truthSide ? `CASE WHEN _in_${otherSide} THEN 'changed' ELSE 'missing' END` : `CASE WHEN _in_${truthSide} THEN 'changed' ELSE 'ghost' END`;
    const status = cols.status === null ? null : sideColumn(side, cols.status);
    return `SELECT ${groupText('', cols, types, side)} AS g, ${cause} AS cause, ${sign}coalesce(${sideColumn(side, cols.metric)}, 0) AS c
      FROM ${quoteIdent(comparison.table)} WHERE NOT _perfect AND ${presence} AND ${statusFilter(status, plan.statusFilter, params)}`;
  };
  const extras = (id: string, sign: '-' | '') => {
    const index = inputs.keyIndexes.get(id);
    if (!index) return [];
    const cols = plan.systems.get(id) as AggregationColumns;
    const key = keyExpression('r', index.keys);
    return [
      `SELECT ${groupText('r', cols, inputs.types.get(id) ?? new Map())} AS g, 'duplicate' AS cause, ${sign}coalesce(r.${quoteIdent(cols.metric)}, 0) AS c
       FROM ${quoteIdent(index.loaded.table)} r JOIN ${quoteIdent(index.duplicates)} d ON d._k = ${key}
       WHERE r.rowid <> d.first_rid AND ${statusFilter(cols.status === null ? null : `r.${quoteIdent(cols.status)}`, plan.statusFilter, params)}`,
    ];
  };
  const parts = [part(truthSide, '-', truth), part(otherSide, '', system), ...extras(truth, '-'), ...extras(system, '')];
  const rows = await engine.all<{ g: string; cause: GapCause; c: string }>(
    `SELECT g, cause, CAST(sum(c) AS VARCHAR) AS c FROM (${parts.join(' UNION ALL ')}) GROUP BY g, cause`,
    params.values,
  );
  const byGroup = new Map<string, Partial<Record<GapCause, string>>>();
  for (const row of rows) {
    const entry = byGroup.get(row.g) ?? {};
    if (!new Decimal(row.c).isZero()) entry[row.cause] = new Decimal(row.c).toString();
    byGroup.set(row.g, entry);
  }
  return byGroup;
}

/** Compute one aggregation for every system that has its columns. */
export async function computeAggregation(engine: Engine, plan: PlannedAggregation, truth: string, inputs: AggregationInputs): Promise<AggregateResult> {
  const totals = new Map<string, Map<string, { total: string; count: number }>>();
  for (const [system, cols] of plan.systems) totals.set(system, await totalsBySystem(engine, plan, system, cols, inputs));
  const attributions = new Map<string, Map<string, Partial<Record<GapCause, string>>> | null>();
  for (const system of plan.systems.keys()) if (system !== truth) attributions.set(system, await attribution(engine, plan, truth, system, inputs));
  const groupNames = [...new Set([...totals.values()].flatMap((m) => [...m.keys()]))].sort();
  const tolerance = new Decimal(plan.tolerancePercent);
  const flagged = new Map<string, number>();
  const groups = groupNames.map((group) => {
    const base = totals.get(truth)?.get(group) ?? { total: '0', count: 0 };
    const truthTotal = new Decimal(base.total);
    const others = new Map<string, Variance>();
    for (const [system, byGroup] of totals) {
      if (system === truth) continue;
      const own = byGroup.get(group) ?? { total: '0', count: 0 };
      const variance = new Decimal(own.total).minus(truthTotal);
      const isFlagged = truthTotal.isZero() ? !variance.isZero() : variance.abs().times(100).greaterThan(truthTotal.abs().times(tolerance));
      if (isFlagged) flagged.set(system, (flagged.get(system) ?? 0) + 1);
      const attributed = attributions.get(system);
      const explained = attributed ? (attributed.get(group) ?? {}) : null;
      const explainedSum = explained ? Object.values(explained).reduce((sum, v) => sum.plus(v), new Decimal(0)) : null;
      others.set(system, {
        total: own.total,
        count: own.count,
        variance: variance.toString(),
        percent: truthTotal.isZero() ? null : variance.div(truthTotal).times(100).toDecimalPlaces(4).toNumber(),
        flagged: isFlagged,
        explained,
        unexplained: explainedSum ? variance.minus(explainedSum).toString() : null,
      });
    }
    return { group, truth: { total: base.total, count: base.count }, others };
  });
  return { plan, groups, flagged };
}
