// Turns the rules and the sources' headers into a checked plan: which columns each source loads and
// with what type, each comparison's fields, each aggregation's column in every system. No SQL here.

import { ConfigError, InputError } from '../core/errors.js';
import type { CompareFieldSpec, ColumnSpec, MismatchType, Rules } from './rules.js';
import { canonicalColumn, columnSpec, unknownSource } from './sources.js';
import type { Source } from './sources.js';

/** A compared field with both sides' column names and its comparison settings. */
export interface PlannedField {
  sourceColumn: string;
  targetColumn: string;
  type: ColumnSpec['type'];
  /** Exact decimal text of the tolerances (never a float in SQL). */
  tolerance: string | null;
  tolerancePercent: string | null;
  ignoreCase: boolean;
  collapseWhitespace: boolean;
  discrepancyType: MismatchType;
}

/** A comparison between two loaded sources. */
export interface PlannedComparison {
  name: string;
  source: Source;
  target: Source;
  sourceKeys: string[];
  targetKeys: string[];
  fields: PlannedField[];
}

/** Where an aggregation finds its metric, group and status in one system. */
export interface AggregationColumns {
  metric: string;
  group: string | null;
  status: string | null;
}

/** An aggregation with its columns per system (the truth first); systems lacking a column are skipped. */
export interface PlannedAggregation {
  name: string;
  groupBy: string | null;
  metric: string;
  tolerancePercent: string;
  statusFilter: string[] | null;
  systems: Map<string, AggregationColumns>;
  skipped: { system: string; reason: string }[];
}

/** Everything the job will do, checked against the files' headers. */
export interface Plan {
  truth: Source;
  /** Sources taking part, the truth first. */
  sources: Source[];
  /** Typed columns each source loads, by id (the key columns included). */
  columns: Map<string, Map<string, ColumnSpec>>;
  comparisons: PlannedComparison[];
  aggregations: PlannedAggregation[];
  /** Columns behind the report's system summary, by source id (absent ones show as n/a). */
  summary: Map<string, SummaryColumns>;
}

/** The columns behind the system summary's rows in one system. */
export interface SummaryColumns {
  amount: string | undefined;
  status: string | undefined;
  customer: string | undefined;
}

/** Headers of the sources' files after renames, by source id. */
export type Headers = Map<string, string[]>;

function defaultDiscrepancyType(type: ColumnSpec['type'], column: string): MismatchType {
  if (type === 'date') return 'timing_difference';
  if (type === 'decimal') return 'amount_mismatch';
  if (type === 'integer') return 'quantity_mismatch';
  return /status/i.test(column) ? 'status_mismatch' : 'value_mismatch';
}

/**
 * The rules' aggregations plus a breakdown per `breakdowns` column the truth has and no aggregation
 * groups by yet ("Customer Totals" for customer_id), with the first aggregation's metric and the most
 * lenient tolerance among them. Without aggregations there is nothing to break down.
 */
export function withBreakdowns(rules: Rules, truthHeader: readonly string[]): Rules {
  const [first] = rules.aggregations;
  if (!first) return rules;
  const tolerance = Math.max(...rules.aggregations.map((a) => a.tolerance_percent));
  const extra = rules.breakdowns
    .filter(
      (column) => truthHeader.includes(column) && !rules.aggregations.some((a) => a.group_by === column),
    )
    .map((column) => {
      const word = column.replace(/_id$/, '').replaceAll('_', ' ');
      return {
        name: `${word.charAt(0).toUpperCase()}${word.slice(1)} Totals`,
        group_by: column,
        metric: first.metric,
        tolerance_percent: tolerance,
      };
    });
  return { ...rules, aggregations: [...rules.aggregations, ...extra] };
}

/** Build and check the plan. `headers` holds every used source's header after renames. */
export function buildPlan(rules: Rules, sources: Map<string, Source>, headers: Headers): Plan {
  const known = [...sources.keys()];
  const get = (id: string, where: string): Source => {
    const source = sources.get(id);
    if (!source) throw unknownSource(id, where, known);
    return source;
  };
  const truth = get(rules.truth, 'rules "truth"');
  const columns = new Map<string, Map<string, ColumnSpec>>();
  const use = (source: Source, name: string, where: string, typeFrom?: ColumnSpec): string => {
    const column = canonicalColumn(source, name);
    const header = headers.get(source.id) ?? [];
    if (!header.includes(column)) {
      throw new InputError(
        `${source.label} file ${source.path} has no column "${name}" (needed by ${where})`,
        `columns present: ${header.join(', ') || '(none)'}`,
      );
    }
    const loaded = columns.get(source.id) ?? new Map<string, ColumnSpec>();
    columns.set(source.id, loaded);
    const declared = source.columns[column];
    let spec = loaded.get(column) ?? columnSpec(source, column);
    if (!declared && typeFrom && spec.type === 'text') spec = { ...spec, type: typeFrom.type };
    if (declared && typeFrom && declared.type !== typeFrom.type) {
      throw new ConfigError(
        `${where}: ${source.id}.${column} is ${declared.type} but is compared with a ${typeFrom.type} column`,
        'declare the same type for both columns under "sources"',
      );
    }
    loaded.set(column, spec);
    return column;
  };

  const comparisons = rules.comparisons.map((spec, i) => {
    const where = `comparisons[${i}]`;
    const source = get(spec.source, `${where}.source`);
    const target = get(spec.target, `${where}.target`);
    if (source.id === target.id)
      throw new ConfigError(`${where} compares ${source.id} with itself`, 'name two different sources');
    const sourceKeys = spec.key_fields.map((k) => use(source, k, `${where}.key_fields`));
    const targetKeys = spec.key_fields.map((k, j) =>
      use(target, k, `${where}.key_fields`, columns.get(source.id)?.get(sourceKeys[j])),
    );
    const fields = spec.compare_fields.map((field, j) => planField(field, `${where}.compare_fields[${j}]`));
    return { name: spec.name, source, target, sourceKeys, targetKeys, fields };

    function planField(field: CompareFieldSpec, at: string): PlannedField {
      const sourceColumn = use(source, field.source, at);
      const type = columns.get(source.id)?.get(sourceColumn) as ColumnSpec;
      const targetColumn = use(target, field.target, at, type);
      const numeric = type.type === 'decimal' || type.type === 'integer';
      if ((field.tolerance !== undefined || field.tolerance_percent !== undefined) && !numeric) {
        throw new ConfigError(
          `${at}: tolerance given for ${type.type} column ${source.id}.${sourceColumn}`,
          'declare the column as decimal or integer under "sources", or drop the tolerance',
        );
      }
      return {
        sourceColumn,
        targetColumn,
        type: type.type,
        tolerance: field.tolerance === undefined ? null : String(field.tolerance),
        tolerancePercent: field.tolerance_percent === undefined ? null : String(field.tolerance_percent),
        ignoreCase: field.ignore_case,
        collapseWhitespace: field.collapse_whitespace,
        discrepancyType: field.discrepancy_type ?? defaultDiscrepancyType(type.type, sourceColumn),
      };
    }
  });

  const participants = [truth, ...new Set(comparisons.flatMap((c) => [c.source, c.target]))].filter(
    (s, i, all) => all.indexOf(s) === i,
  );
  for (const source of participants) if (source.key) use(source, source.key, `sources.${source.id}.key`);
  const counterpart = counterpartFinder(truth, comparisons, headers);
  const aggregations = rules.aggregations.map((spec, i) => {
    const where = `aggregations[${i}]`;
    const systems = new Map<string, AggregationColumns>();
    const skipped: { system: string; reason: string }[] = [];
    const decimalSpec: ColumnSpec = { type: 'decimal', trim: true, case: 'keep' };
    for (const system of participants) {
      const metric = spec.metric_columns?.[system.id] ?? counterpart(system, spec.metric);
      const group = spec.group_by === null ? null : counterpart(system, spec.group_by);
      const status = spec.status_filter ? counterpart(system, rules.summary.status) : null;
      const missing = [
        metric === undefined && `metric ${spec.metric}`,
        group === undefined && `group ${spec.group_by}`,
        status === undefined && `status ${rules.summary.status}`,
      ].filter(Boolean);
      if (missing.length > 0) {
        if (system === truth)
          throw new InputError(
            `${where}: ${truth.label} file ${truth.path} lacks ${missing.join(' and ')}`,
            `columns present: ${(headers.get(truth.id) ?? []).join(', ')}`,
          );
        skipped.push({ system: system.id, reason: `no ${missing.join(' and ')}` });
        continue;
      }
      const metricSpec = columnSpec(system, metric as string);
      systems.set(system.id, {
        metric: use(
          system,
          metric as string,
          `${where}.metric`,
          metricSpec.type === 'integer' ? metricSpec : decimalSpec,
        ),
        group:
          group === null
            ? null
            : use(
                system,
                group as string,
                `${where}.group_by`,
                columns.get(truth.id)?.get(canonicalColumn(truth, spec.group_by as string)),
              ),
        status: status === null ? null : use(system, status as string, `${where}.status_filter`),
      });
    }
    return {
      name: spec.name,
      groupBy: spec.group_by,
      metric: spec.metric,
      tolerancePercent: String(spec.tolerance_percent),
      statusFilter: spec.status_filter?.map((s) => s.toLowerCase()) ?? null,
      systems,
      skipped,
    };
  });
  const summary = new Map<string, SummaryColumns>();
  for (const system of participants) {
    const pick = (name: string, typeFrom?: ColumnSpec) => {
      const column = counterpart(system, name);
      return column === undefined ? undefined : use(system, column, 'summary', typeFrom);
    };
    const amountType = columns.get(truth.id)?.get(canonicalColumn(truth, rules.summary.amount)) ?? {
      type: 'decimal',
      trim: true,
      case: 'keep',
    };
    summary.set(system.id, {
      amount: pick(rules.summary.amount, amountType),
      status: pick(rules.summary.status),
      customer: pick(rules.summary.customer),
    });
  }
  for (const source of participants) if (!columns.has(source.id)) columns.set(source.id, new Map());
  return { truth, sources: participants, columns, comparisons, aggregations, summary };
}

/**
 * A finder for the column in `system` that holds what the truth calls `name`: the same name (after
 * renames), else the target of a compare field mapping it in a comparison between the two.
 */
export function counterpartFinder(
  truth: Source,
  comparisons: readonly PlannedComparison[],
  headers: Headers,
) {
  return (system: Source, name: string): string | undefined => {
    const own = canonicalColumn(system, name);
    if (system === truth) return (headers.get(system.id) ?? []).includes(own) ? own : undefined;
    const truthColumn = canonicalColumn(truth, name);
    for (const c of comparisons) {
      for (const f of c.fields) {
        if (c.source === truth && c.target === system && f.sourceColumn === truthColumn)
          return f.targetColumn;
        if (c.target === truth && c.source === system && f.targetColumn === truthColumn)
          return f.sourceColumn;
      }
    }
    return (headers.get(system.id) ?? []).includes(own) ? own : undefined;
  };
}
