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
import { DECIMAL_TYPE, trimmed } from './load.js';
import { asText, Params } from './sql.js';
import type { SourceTotals, TotalsRequest } from './totals.js';
import { setOf, totalsColumn } from './totals.js';

/** Flagged groups returned per aggregation (the largest gaps); `flagged` still counts every one. */
export const MAX_FLAGGED_GROUPS = 1000;

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
  /** Flagged groups with the largest gaps (at most MAX_FLAGGED_GROUPS), sorted by group; the overall aggregation's one group, "all", always. */
  groups: GroupFigures[];
  /** How many groups there are in all. */
  groupCount: number;
  /** The systems compared with the truth, in order. */
  systems: string[];
  /** Flagged groups per system. */
  flagged: Map<string, number>;
}

/** What an aggregation reads: each source's totals, key index and columns' types, and the comparisons. */
export interface AggregationInputs {
  totals: Map<string, SourceTotals>;
  types: Map<string, Map<string, ColumnSpec>>;
  keyIndexes: Map<string, KeyIndex>;
  comparisons: ComparisonResult[];
}

const ALL = 'all';

function groupText(
  alias: string,
  cols: AggregationColumns,
  types: Map<string, ColumnSpec>,
  prefix = '',
): string {
  if (cols.group === null) return `'${ALL}'`;
  const column = prefix ? sideColumn(prefix as 's' | 't', cols.group) : `${alias}.${quoteIdent(cols.group)}`;
  return `coalesce(${asText(column, types.get(cols.group)?.type ?? 'text')}, '(none)')`;
}

function statusFilter(column: string | null, filter: string[] | null, params: Params): string {
  if (!filter || column === null) return 'true';
  return `lower(${trimmed(column)}) IN (${filter.map((s) => params.bind(s)).join(', ')})`;
}

/**
 * Ask each system's totals for what `plan` needs (its metric per group, over rows passing the status
 * filter); returns the measure's number in each system's totals.
 */
export function requestAggregation(
  plan: PlannedAggregation,
  requests: Map<string, TotalsRequest>,
): Map<string, number> {
  const measures = new Map<string, number>();
  for (const [id, cols] of plan.systems) {
    const request = requests.get(id) as TotalsRequest;
    const status = cols.status === null ? null : `r.${quoteIdent(cols.status)}`;
    const condition = statusFilter(status, plan.statusFilter, request.params);
    request.group(cols.group);
    measures.set(
      id,
      request.measure({ metric: cols.metric, condition: condition === 'true' ? null : condition }),
    );
  }
  return measures;
}

/** Per-group totals of every system (from their totals tables), joined, with a flag per system; kept in `table`. */
async function buildGroupTable(
  engine: Engine,
  plan: PlannedAggregation,
  systems: string[],
  inputs: AggregationInputs & { measures: Map<string, number> },
  table: string,
): Promise<void> {
  const params = new Params();
  const totals = systems.map((id, i) => {
    const cols = plan.systems.get(id) as AggregationColumns;
    const source = inputs.totals.get(id) as SourceTotals;
    const m = inputs.measures.get(id) as number;
    const type = cols.group === null ? 'text' : (inputs.types.get(id)?.get(cols.group)?.type ?? 'text');
    const group =
      cols.group === null
        ? `'${ALL}'`
        : `coalesce(${asText(totalsColumn('group', cols.group), type)}, '(none)')`;
    return `t${i} AS (SELECT ${group} AS g, sum(${totalsColumn('sum', m)}) AS total, CAST(sum(${totalsColumn('count', m)}) AS BIGINT) AS n
      FROM ${quoteIdent(source.table)} WHERE ${totalsColumn('set')} = ${setOf(source, cols.group)} AND ${totalsColumn('count', m)} > 0 GROUP BY 1)`;
  });
  const groups = `groups AS (${plan.groupBy === null ? `SELECT '${ALL}' AS g` : systems.map((_, i) => `SELECT g FROM t${i}`).join(' UNION ')})`;
  const tolerance = `CAST(${params.bind(plan.tolerancePercent)} AS ${DECIMAL_TYPE})`;
  const columns = systems.flatMap((_, i) => [
    `coalesce(t${i}.total, 0) AS v${i}`,
    `coalesce(t${i}.n, 0) AS n${i}`,
  ]);
  const flags = systems.slice(1).map((_, j) => {
    const i = j + 1;
    return `CASE WHEN coalesce(t0.total, 0) = 0 THEN coalesce(t${i}.total, 0) <> 0 ELSE abs(coalesce(t${i}.total, 0) - t0.total) * 100 > abs(t0.total) * ${tolerance} END AS f${i}`;
  });
  const joins = systems.map((_, i) => `LEFT JOIN t${i} ON t${i}.g = groups.g`).join(' ');
  await engine.run(
    `CREATE TABLE ${quoteIdent(table)} AS WITH ${[...totals, groups].join(', ')}
     SELECT groups.g, ${[...columns, ...flags].join(', ')} FROM groups ${joins}`,
    params.values,
  );
}

/**
 * Sum of metric changes per group and cause that the comparison's imperfect records and duplicates
 * produce, for the groups in table `shown` (the only ones whose figures are returned).
 */
async function attribution(
  engine: Engine,
  plan: PlannedAggregation,
  truth: string,
  system: string,
  inputs: AggregationInputs,
  shown: string,
) {
  const comparison = inputs.comparisons.find(
    (c) =>
      new Set([c.plan.source.id, c.plan.target.id]).size === 2 &&
      [c.plan.source.id, c.plan.target.id].includes(truth) &&
      [c.plan.source.id, c.plan.target.id].includes(system),
  );
  if (!comparison) return null;
  const truthSide = comparison.plan.source.id === truth ? 's' : 't';
  const otherSide = truthSide === 's' ? 't' : 's';
  const params = new Params();
  const part = (side: 's' | 't', sign: '-' | '', id: string) => {
    const cols = plan.systems.get(id) as AggregationColumns;
    const types = inputs.types.get(id) ?? new Map();
    const presence = side === 's' ? '_in_s' : '_in_t';
    const cause =
      side === truthSide
        ? `CASE WHEN _in_${otherSide} THEN 'changed' ELSE 'missing' END`
        : `CASE WHEN _in_${truthSide} THEN 'changed' ELSE 'ghost' END`;
    const status = cols.status === null ? null : sideColumn(side, cols.status);
    return `SELECT ${groupText('', cols, types, side)} AS g, ${cause} AS cause, ${sign}coalesce(${sideColumn(side, cols.metric)}, 0) AS c
      FROM ${quoteIdent(comparison.imperfect)} WHERE ${presence} AND ${statusFilter(status, plan.statusFilter, params)}`;
  };
  const extras = (id: string, sign: '-' | '') => {
    const index = inputs.keyIndexes.get(id);
    if (!index) return [];
    const cols = plan.systems.get(id) as AggregationColumns;
    return [
      `SELECT ${groupText('r', cols, inputs.types.get(id) ?? new Map())} AS g, 'duplicate' AS cause, ${sign}coalesce(r.${quoteIdent(cols.metric)}, 0) AS c
       FROM ${quoteIdent(index.rows)} r JOIN ${quoteIdent(index.duplicates)} d ON d._k = r."#k"
       WHERE r."#rid" <> d.first_rid AND ${statusFilter(cols.status === null ? null : `r.${quoteIdent(cols.status)}`, plan.statusFilter, params)}`,
    ];
  };
  const parts = [
    part(truthSide, '-', truth),
    part(otherSide, '', system),
    ...extras(truth, '-'),
    ...extras(system, ''),
  ];
  const rows = await engine.all<{ g: string; cause: GapCause; c: string }>(
    `SELECT g, cause, CAST(sum(c) AS VARCHAR) AS c FROM (${parts.join(' UNION ALL ')})
     WHERE g IN (SELECT g FROM ${quoteIdent(shown)}) GROUP BY g, cause`,
    params.values,
  );
  const byGroup = new Map<string, Partial<Record<GapCause, string>>>();
  // Causes in GAP_CAUSES order, so the JSON is the same on every run.
  rows.sort((a, b) => GAP_CAUSES.indexOf(a.cause) - GAP_CAUSES.indexOf(b.cause));
  for (const row of rows) {
    const entry = byGroup.get(row.g) ?? {};
    if (!new Decimal(row.c).isZero()) entry[row.cause] = new Decimal(row.c).toString();
    byGroup.set(row.g, entry);
  }
  return byGroup;
}

/**
 * Compute one aggregation for every system that has its columns (`measures`: the aggregation's measure
 * number in each system's totals, from `requestAggregation`). Only flagged groups (and the single
 * group of an ungrouped aggregation) come back with their figures; `groupCount` counts them all.
 */
export async function computeAggregation(
  engine: Engine,
  plan: PlannedAggregation,
  truth: string,
  inputs: AggregationInputs & { measures: Map<string, number> },
  table: string,
): Promise<AggregateResult> {
  const systems = [truth, ...[...plan.systems.keys()].filter((id) => id !== truth)];
  await buildGroupTable(engine, plan, systems, inputs, table);
  const others = systems.slice(1);
  const counts = await engine.one<Record<string, number>>(
    `SELECT count(*) AS groups${others.map((_, j) => `, count(*) FILTER (WHERE f${j + 1}) AS "c${j + 1}"`).join('')} FROM ${quoteIdent(table)}`,
  );
  const flagged = new Map(others.map((id, j) => [id, Number(counts?.[`c${j + 1}`] ?? 0)]));
  const anyFlag = others.length === 0 ? 'false' : others.map((_, j) => `f${j + 1}`).join(' OR ');
  const shown = `${table}_shown`;
  await engine.run(
    `CREATE TABLE ${quoteIdent(shown)} AS SELECT * FROM ${quoteIdent(table)} WHERE ${plan.groupBy === null ? 'true' : anyFlag}
     ORDER BY greatest(${others.map((_, j) => `abs(v${j + 1} - v0)`).join(', ') || '0'}) DESC, g LIMIT ${MAX_FLAGGED_GROUPS}`,
  );
  const rows = await engine.all<Record<string, string | number | boolean>>(
    `SELECT g, ${systems.flatMap((_, i) => [`CAST(v${i} AS VARCHAR) AS v${i}`, `n${i}`]).join(', ')}${others.map((_, j) => `, f${j + 1}`).join('')}
     FROM ${quoteIdent(shown)} ORDER BY g`,
  );
  const attributions = new Map<string, Map<string, Partial<Record<GapCause, string>>> | null>();
  for (const system of others)
    attributions.set(system, await attribution(engine, plan, truth, system, inputs, shown));
  const groups = rows.map((row) => {
    const group = String(row.g);
    const truthTotal = new Decimal(String(row.v0));
    const figures = new Map<string, Variance>();
    others.forEach((system, j) => {
      const i = j + 1;
      const variance = new Decimal(String(row[`v${i}`])).minus(truthTotal);
      const attributed = attributions.get(system);
      const explained = attributed ? (attributed.get(group) ?? {}) : null;
      const explainedSum = explained
        ? Object.values(explained).reduce((sum, v) => sum.plus(v), new Decimal(0))
        : null;
      figures.set(system, {
        total: new Decimal(String(row[`v${i}`])).toString(),
        count: Number(row[`n${i}`]),
        variance: variance.toString(),
        percent: truthTotal.isZero()
          ? null
          : variance.div(truthTotal).times(100).toDecimalPlaces(4).toNumber(),
        flagged: Boolean(row[`f${i}`]),
        explained,
        unexplained: explainedSum ? variance.minus(explainedSum).toString() : null,
      });
    });
    return { group, truth: { total: truthTotal.toString(), count: Number(row.n0) }, others: figures };
  });
  return { plan, groups, groupCount: Number(counts?.groups ?? 0), systems: others, flagged };
}
