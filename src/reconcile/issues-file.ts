// The discrepancies JSON in the spec's shape (plus per-comparison and aggregate figures), and the
// reader that finds an earlier period's file for the trend. Numbers stay exact; no text report here.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Decimal } from 'decimal.js';
import { isoInstant } from '../core/format-time.js';
import type { AggregateResult } from './aggregate.js';
import type { ComparisonResult } from './compare.js';
import { describe } from './describe.js';
import type { Discrepancy, RecordValues, Severity } from './model.js';
import { DISCREPANCY_TYPES, SEVERITIES } from './model.js';
import type { ColumnSpec } from './rules.js';

/** What the writer needs besides the findings. */
export interface IssuesContext {
  period: string;
  runNumber: number;
  generatedAt: Date;
  label: (id: string) => string;
  /** Key column names by comparison name, and by system id for checks within one system. */
  keyNames: (d: Discrepancy) => string[];
  /** Column types by system id, to write numbers as JSON numbers. */
  types: Map<string, Map<string, ColumnSpec>>;
}

/** `2024-01` from `202401`. */
export function periodLabel(period: string): string {
  return `${period.slice(0, 4)}-${period.slice(4)}`;
}

/**
 * A decimal or integer as a JSON number when that is exact, else its text. A number whose shortest
 * form is the text itself is exact without the decimal comparison (most values, so it is skipped).
 */
export function jsonNumber(text: string): number | string {
  const n = Number(text);
  if (Number.isFinite(n) && String(n) === text) return n;
  return Number.isFinite(n) && new Decimal(text).equals(new Decimal(n)) ? n : text;
}

function jsonValues(
  values: RecordValues | null,
  types: Map<string, ColumnSpec> | undefined,
): Record<string, unknown> | null {
  if (values === null) return null;
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(values)) {
    const type = types?.get(column)?.type;
    out[column] =
      value !== null && (type === 'decimal' || type === 'integer') && /^-?\d+(\.\d+)?$/.test(value)
        ? jsonNumber(value)
        : value;
  }
  return out;
}

/** Counts by severity (every severity present) and by type (only types found, in a fixed order). */
export function summarize(discrepancies: readonly Discrepancy[]) {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const typeCounts = new Map<string, number>();
  for (const d of discrepancies) {
    bySeverity[d.severity] += 1;
    typeCounts.set(d.type, (typeCounts.get(d.type) ?? 0) + 1);
  }
  const byType: Record<string, number> = {};
  for (const type of DISCREPANCY_TYPES) {
    const n = typeCounts.get(type) ?? 0;
    if (n > 0) byType[type] = n;
  }
  return { total_discrepancies: discrepancies.length, by_severity: bySeverity, by_type: byType };
}

/** The match rate in percent (perfect matches over distinct keys in either system); 100 when there are no keys. */
export function matchRate(result: ComparisonResult): number {
  return result.counts.keys === 0 ? 100 : (result.counts.perfect / result.counts.keys) * 100;
}

function discrepancyJson(d: Discrepancy, context: IssuesContext) {
  const names = context.keyNames(d);
  const named = names.length === 1 ? { [names[0]]: d.key } : {};
  return {
    id: d.id,
    type: d.type,
    severity: d.severity,
    ...named,
    key: d.key,
    comparison: d.comparison,
    source_system: context.label(d.source),
    target_system: d.target === null ? null : context.label(d.target),
    description: describe(d, context.label),
    source_values: jsonValues(d.sourceValues, context.types.get(d.source)),
    target_values: d.target === null ? null : jsonValues(d.targetValues, context.types.get(d.target)),
    field:
      d.field === null
        ? null
        : {
            source: d.field.sourceField,
            target: d.field.targetField,
            difference: d.field.difference === null ? null : jsonNumber(d.field.difference),
          },
    other_systems: d.others,
    probable_cause: d.probableCause,
    recommended_action: d.recommendedAction,
  };
}

function aggregateJson(a: AggregateResult, label: (id: string) => string) {
  return {
    name: a.plan.name,
    group_by: a.plan.groupBy,
    metric: a.plan.metric,
    tolerance_percent: Number(a.plan.tolerancePercent),
    status_filter: a.plan.statusFilter,
    skipped_systems: a.plan.skipped.map((s) => ({ system: label(s.system), reason: s.reason })),
    groups_total: a.groupCount,
    flagged_groups_total: Object.fromEntries(a.systems.map((id) => [label(id), a.flagged.get(id) ?? 0])),
    flagged_groups: a.groups
      .filter((g) => [...g.others.values()].some((v) => v.flagged))
      .map((g) => ({
        group: g.group,
        truth_total: jsonNumber(g.truth.total),
        systems: Object.fromEntries(
          [...g.others].map(([id, v]) => [
            label(id),
            {
              total: jsonNumber(v.total),
              variance: jsonNumber(v.variance),
              variance_percent: v.percent,
              flagged: v.flagged,
              explained:
                v.explained &&
                Object.fromEntries(Object.entries(v.explained).map(([k, x]) => [k, jsonNumber(x)])),
              unexplained: v.unexplained === null ? null : jsonNumber(v.unexplained),
            },
          ]),
        ),
      })),
  };
}

/** The discrepancies file's content. */
export function issuesJson(
  discrepancies: readonly Discrepancy[],
  comparisons: readonly ComparisonResult[],
  aggregates: readonly AggregateResult[],
  context: IssuesContext,
) {
  return {
    report_id: `RECON-${context.period}-${String(context.runNumber).padStart(3, '0')}`,
    generated_at: isoInstant(context.generatedAt),
    period: periodLabel(context.period),
    summary: summarize(discrepancies),
    comparisons: comparisons.map((c) => ({
      name: c.plan.name,
      source: context.label(c.plan.source.id),
      target: context.label(c.plan.target.id),
      distinct_keys: c.counts.keys,
      matched_keys: c.counts.matchedKeys,
      perfect_matches: c.counts.perfect,
      missing_in_target: c.counts.missing,
      only_in_target: c.counts.ghost,
      match_rate: Number(matchRate(c).toFixed(2)),
      field_mismatches: Object.fromEntries(
        c.plan.fields.map((f, i) => [f.sourceColumn, c.counts.fieldMismatches[i]]),
      ),
    })),
    aggregates: aggregates.map((a) => aggregateJson(a, context.label)),
    discrepancies: discrepancies.map((d) => discrepancyJson(d, context)),
  };
}

/** The part of an earlier period's file the trend uses. */
export interface PreviousRun {
  period: string;
  path: string;
  total: number;
  bySeverity: Record<Severity, number>;
  matchRates: Map<string, number>;
}

/**
 * The latest discrepancies file for a period before `period` in the folder of `issuesPath`, or null.
 * A file that cannot be read is skipped with a warning through `warn`.
 */
export function findPreviousRun(
  issuesPath: string,
  period: string,
  warn: (message: string) => void,
): PreviousRun | null {
  const folder = dirname(issuesPath);
  if (!existsSync(folder)) return null;
  const earlier = readdirSync(folder)
    .map((name) => /^discrepancies_(\d{6})\.json$/.exec(name)?.[1])
    .filter((p): p is string => p !== undefined && p < period)
    .sort();
  const previous = earlier.at(-1);
  if (!previous) return null;
  const path = join(folder, `discrepancies_${previous}.json`);
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as {
      summary: { total_discrepancies: number; by_severity: Record<Severity, number> };
      comparisons?: { name: string; match_rate: number }[];
    };
    return {
      period: previous,
      path,
      total: data.summary.total_discrepancies,
      bySeverity: data.summary.by_severity,
      matchRates: new Map((data.comparisons ?? []).map((c) => [c.name, c.match_rate])),
    };
  } catch (error) {
    warn(
      `ignoring earlier discrepancies file ${path} for the trend: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return null;
  }
}
