// Reads the reconcile job's workspace for one period: discrepancies, per-comparison match rates and the
// system comparison. Match rates come from the job's own figures when it writes them, else its detail CSV.

import { join } from 'node:path';
import {
  datedFiles,
  isFile,
  isObject,
  objectList,
  pickArray,
  pickDated,
  pickNumber,
  pickString,
  parseJsonFile,
  requireWorkspace,
} from './files.js';
import type { JsonObject } from './files.js';
import { queryCsv } from './csv-engine.js';
import { memoByFile } from './memo.js';
import { readSystemComparison } from './report-table.js';
import type { CardFacts, JobQuery } from './types.js';

/** One discrepancy row. */
export interface Discrepancy {
  id: string;
  type: string;
  severity: string;
  transactionId: string;
  systems: string;
  description: string;
  cause: string;
  action: string;
}

/** How one comparison (e.g. ERP vs CRM) matched. */
export interface ComparisonRate {
  name: string;
  /** Keys matching perfectly. */
  matched: number;
  /** Distinct keys in either system. */
  total: number;
  matchRate: number | null;
  /** Keys only in the source / only in the target, when the job reports them. */
  missingInTarget: number | null;
  onlyInTarget: number | null;
}

/** One system's totals in the system comparison table. */
export interface SystemFigures {
  system: string;
  figures: Record<string, string | number>;
}

/** What the reconciliation page shows for one period. */
export interface ReconcileView {
  period: string;
  periods: string[];
  generatedAt: string | null;
  total: number;
  bySeverity: Record<string, number>;
  byType: Record<string, number>;
  /** The severity and type filters applied to `discrepancies` (null when absent). */
  filter: { severity: string | null; type: string | null };
  /** How many discrepancies pass the filter; `discrepancies` holds the first DISCREPANCY_LIMIT of them. */
  matching: number;
  discrepancies: Discrepancy[];
  comparisons: ComparisonRate[];
  systems: SystemFigures[] | null;
}

/** At most this many discrepancies go to the page; the filters run over all of them. */
export const DISCREPANCY_LIMIT = 500;

/** Read the reconcile workspace under `root` for the query's period (or the latest), filtering discrepancies. */
export async function readReconcile(root: string, query: JobQuery = {}): Promise<ReconcileView> {
  const dir = requireWorkspace(root, 'reconcile');
  const files = datedFiles(join(dir, 'issues'), 'discrepancies_', '.json');
  const file = pickDated(files, query.key, 'discrepancies (issues/discrepancies_<period>.json)');
  const period = await memoByFile(file.path, 'reconcile-period', () => readPeriodFile(root, file.path));
  const matching = period.discrepancies.filter(
    (item) =>
      (!query.severity || item.severity === query.severity) && (!query.type || item.type === query.type),
  );
  const detailPath = join(dir, 'reports', `reconciliation_detail_${file.key}.csv`);
  return {
    period: file.key,
    periods: files.map((each) => each.key),
    generatedAt: period.generatedAt,
    total: period.total,
    bySeverity: period.bySeverity,
    byType: period.byType,
    filter: { severity: query.severity ?? null, type: query.type ?? null },
    matching: matching.length,
    discrepancies: matching.slice(0, DISCREPANCY_LIMIT),
    comparisons:
      period.comparisons ?? (isFile(detailPath) ? await comparisonsFromDetail(root, detailPath) : []),
    systems:
      period.systems ??
      (await readSystemComparison(join(dir, 'reports', `reconciliation_summary_${file.key}.txt`))),
  };
}

/** What one discrepancies file holds, mapped once per version of the file (it can be large). */
type PeriodFile = Pick<
  ReconcileView,
  'generatedAt' | 'total' | 'bySeverity' | 'byType' | 'discrepancies' | 'systems'
> & {
  comparisons: ComparisonRate[] | null;
};

function readPeriodFile(root: string, path: string): PeriodFile {
  const data = parseJsonFile(root, path);
  const json = isObject(data) ? data : {};
  const discrepancies = (pickArray(json, 'discrepancies') ?? []).filter(isObject).map(toDiscrepancy);
  const summary = isObject(json.summary) ? json.summary : {};
  return {
    generatedAt: pickString(json, 'generated_at'),
    total: pickNumber(summary, 'total_discrepancies') ?? discrepancies.length,
    bySeverity: countRecord(summary.by_severity) ?? tally(discrepancies.map((d) => d.severity)),
    byType: countRecord(summary.by_type) ?? tally(discrepancies.map((d) => d.type)),
    discrepancies,
    comparisons: comparisonsFromJson(json),
    systems: systemsFromJson(json),
  };
}

/** The overview card's facts for a reconcile view. */
export function reconcileCard(view: ReconcileView): CardFacts {
  const critical = view.bySeverity.critical ?? 0;
  return {
    lastRun: view.generatedAt ?? view.period,
    status: view.total > 0 ? 'warning' : 'success',
    headline: `${view.total} discrepanc${view.total === 1 ? 'y' : 'ies'}`,
    detail: `period ${view.period}${critical ? `, ${critical} critical` : ''}`,
  };
}

function toDiscrepancy(item: JsonObject): Discrepancy {
  const source = pickString(item, 'source_system') ?? '';
  const target = pickString(item, 'target_system') ?? '';
  return {
    id: pickString(item, 'id') ?? '',
    type: pickString(item, 'type') ?? '',
    severity: pickString(item, 'severity') ?? '',
    transactionId: pickString(item, 'transaction_id', 'key') ?? '',
    systems: [source, target].filter(Boolean).join(' → '),
    description: pickString(item, 'description') ?? '',
    cause: pickString(item, 'probable_cause') ?? '',
    action: pickString(item, 'recommended_action') ?? '',
  };
}

function countRecord(value: unknown): Record<string, number> | null {
  if (!isObject(value)) return null;
  const counts: Record<string, number> = {};
  for (const [key, count] of Object.entries(value)) if (typeof count === 'number') counts[key] = count;
  return counts;
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function comparisonsFromJson(json: JsonObject): ComparisonRate[] | null {
  const list = objectList(
    json.comparisons ?? (isObject(json.summary) ? json.summary.comparisons : undefined),
    'name',
  );
  if (list.length === 0) return null;
  return list.map((item) => {
    const matched = pickNumber(item, 'matched', 'matched_perfectly', 'perfect_matches') ?? 0;
    const total = pickNumber(item, 'total', 'total_keys', 'distinct_keys', 'compared') ?? 0;
    const rate = pickNumber(item, 'match_rate', 'match_rate_percent');
    return {
      name: pickString(item, 'name', 'comparison') ?? '?',
      matched,
      total,
      matchRate: rate ?? (total ? (matched / total) * 100 : null),
      missingInTarget: pickNumber(item, 'missing_in_target', 'missing'),
      onlyInTarget: pickNumber(item, 'only_in_target', 'ghost', 'ghosts'),
    };
  });
}

/** Match rates from the detail CSV (a row per key per comparison): `matched` rows over all rows. */
async function comparisonsFromDetail(root: string, path: string): Promise<ComparisonRate[]> {
  const rows = await queryCsv(root, path, 'reconcile-match-rates', (column) => {
    const status = `lower(coalesce(${column('status', 'result')}, ''))`;
    return `SELECT coalesce(${column('comparison', 'comparison_name')}, '?') AS name, count(*) AS total,
      count(*) FILTER (WHERE ${status} = 'matched') AS matched,
      count(*) FILTER (WHERE ${status} IN ('missing', 'missing_in_target')) AS missing,
      count(*) FILTER (WHERE ${status} IN ('ghost', 'missing_in_source')) AS ghost FROM {csv} GROUP BY 1 ORDER BY 1`;
  });
  return rows.map((row) => {
    const total = Number(row.total);
    const matched = Number(row.matched);
    return {
      name: String(row.name),
      matched,
      total,
      matchRate: total ? (matched / total) * 100 : null,
      missingInTarget: Number(row.missing),
      onlyInTarget: Number(row.ghost),
    };
  });
}

function systemsFromJson(json: JsonObject): SystemFigures[] | null {
  const source =
    json.systems ?? json.system_comparison ?? (isObject(json.summary) ? json.summary.systems : undefined);
  const list = objectList(source, 'system');
  if (list.length === 0) return null;
  return list.map((item) => {
    const figures: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(item))
      if (key !== 'system' && (typeof value === 'string' || typeof value === 'number')) figures[key] = value;
    return { system: pickString(item, 'system', 'name') ?? '?', figures };
  });
}
