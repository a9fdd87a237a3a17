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
import { asText, keyExpression, Params } from './sql.js';

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

/** The tables an aggregation reads: each source's table, its key index and its columns' types. */
export interface AggregationInputs {
  tables: Map<string, string>;
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

/** Per-group totals of every system, joined, with a flag per system; kept in `table`. */
async function buildGroupTable(
  engine: Engine,
  plan: PlannedAggregation,
  systems: string[],
  inputs: AggregationInputs,
  table: string,
): Promise<void> {
  const params = new Params();
  const totals = systems.map((id, i) => {
    const cols = plan.systems.get(id) as AggregationColumns;
    const status = cols.status === null ? null : `r.${quoteIdent(cols.status)}`;
    return `t${i} AS (SELECT ${groupText('r', cols, inputs.types.get(id) ?? new Map())} AS g, sum(r.${quoteIdent(cols.metric)}) AS total, count(*) AS n
      FROM ${quoteIdent(inputs.tables.get(id) as string)} r WHERE ${statusFilter(status, plan.statusFilter, params)} GROUP BY 1)`;
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

/** Sum of metric changes per group and cause that the comparison's imperfect records and duplicates produce. */
async function attribution(
  engine: Engine,
  plan: PlannedAggregation,
  truth: string,
  system: string,
  inputs: AggregationInputs,
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
    const key = keyExpression('r', index.keys);
    return [
      `SELECT ${groupText('r', cols, inputs.types.get(id) ?? new Map())} AS g, 'duplicate' AS cause, ${sign}coalesce(r.${quoteIdent(cols.metric)}, 0) AS c
       FROM ${quoteIdent(index.loaded.table)} r JOIN ${quoteIdent(index.duplicates)} d ON d._k = ${key}
       WHERE r.rowid <> d.first_rid AND ${statusFilter(cols.status === null ? null : `r.${quoteIdent(cols.status)}`, plan.statusFilter, params)}`,
    ];
  };
  const parts = [
    part(truthSide, '-', truth),
    part(otherSide, '', system),
    ...extras(truth, '-'),
    ...extras(system, ''),
  ];
  const rows = await engine.all<{ g: string; cause: GapCause; c: string }>(
    `SELECT g, cause, CAST(sum(c) AS VARCHAR) AS c FROM (${parts.join(' UNION ALL ')}) GROUP BY g, cause`,
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
 * Compute one aggregation for every system that has its columns. Only flagged groups (and the single
 * group of an ungrouped aggregation) come back with their figures; `groupCount` counts them all.
 */
export async function computeAggregation(
  engine: Engine,
  plan: PlannedAggregation,
  truth: string,
  inputs: AggregationInputs,
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
  const rows = await engine.all<Record<string, string | number | boolean>>(
    `SELECT g, ${systems.flatMap((_, i) => [`CAST(v${i} AS VARCHAR) AS v${i}`, `n${i}`]).join(', ')}${others.map((_, j) => `, f${j + 1}`).join('')}
     FROM (SELECT * FROM ${quoteIdent(table)} WHERE ${plan.groupBy === null ? 'true' : anyFlag}
       ORDER BY greatest(${others.map((_, j) => `abs(v${j + 1} - v0)`).join(', ') || '0'}) DESC, g LIMIT ${MAX_FLAGGED_GROUPS})
     ORDER BY g`,
  );
  const attributions = new Map<string, Map<string, Partial<Record<GapCause, string>>> | null>();
  for (const system of others)
    attributions.set(system, await attribution(engine, plan, truth, system, inputs));
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
