// Reads the integrate job's workspace: the customer master, the duplicate report and the last run's log.
// Counts and lists what the job wrote; never re-runs matching.

import { join } from 'node:path';
import { queryCsv, toCounts } from './csv-engine.js';
import { isFile, readLines, requireWorkspace } from './files.js';
import { lastRun, levelCounts, parseLogLine } from './log-lines.js';
import type { LogLine } from './log-lines.js';
import type { CardFacts, RunStatus } from './types.js';
import { NotLandedError } from './types.js';

/** One duplicate cluster: the kept record and the records merged into it. */
export interface DuplicateCluster {
  keptId: string;
  removedIds: string[];
  reason: string;
  removedSources: string;
}

/** What the integration page shows. */
export interface IntegrateView {
  customers: number;
  bySource: { value: string; count: number }[];
  byStatus: { value: string; count: number }[];
  /** All clusters in the duplicate report; `clusters` holds the first CLUSTER_LIMIT. */
  clusterCount: number;
  clusters: DuplicateCluster[];
  merged: number;
  rejects: number;
  lastRun: string | null;
  status: RunStatus;
  /** ERROR lines of the last run. */
  errors: string[];
}

/** At most this many clusters (and error lines) go to the page; counts cover all of them. */
export const CLUSTER_LIMIT = 500;

/** Read the integrate workspace under `root`; its CSVs grow with the customer base, so DuckDB counts them. */
export async function readIntegrate(root: string): Promise<IntegrateView> {
  const dir = requireWorkspace(root, 'integrate');
  const masterPath = join(dir, 'customer_master.csv');
  if (!isFile(masterPath)) throw new NotLandedError('integrate has not run here yet: no customer_master.csv');
  const master = await queryCsv(root, masterPath, 'integrate-master', (column) => {
    const source = `coalesce(${column('source_system')}, '')`;
    const status = `coalesce(${column('status')}, '')`;
    return `SELECT 'source' AS facet, ${source} AS value, count(*) AS count FROM {csv} GROUP BY 2
      UNION ALL SELECT 'status', ${status}, count(*) FROM {csv} GROUP BY 2 ORDER BY facet, count DESC, value`;
  });
  const facet = (name: string) => toCounts(master.filter((row) => row.facet === name));
  const reportPath = join(dir, 'duplicate_report.csv');
  const report = isFile(reportPath)
    ? await readDuplicateReport(root, reportPath)
    : { clusters: [], clusterCount: 0, merged: 0 };
  const rejectsPath = join(dir, 'integration_rejects.csv');
  const logPath = join(dir, 'integration_log.txt');
  const log = isFile(logPath) ? lastRun(parsedLines(logPath), /^Pipeline started/) : [];
  return {
    customers: facet('source').reduce((sum, row) => sum + row.count, 0),
    bySource: facet('source'),
    byStatus: facet('status'),
    ...report,
    rejects: isFile(rejectsPath)
      ? Number(
          (await queryCsv(root, rejectsPath, 'count', () => 'SELECT count(*) AS count FROM {csv}'))[0]
            ?.count ?? 0,
        )
      : 0,
    lastRun: log.at(-1)?.time ?? null,
    status: runStatus(log),
    errors: log
      .filter((line) => line.level === 'ERROR')
      .slice(0, CLUSTER_LIMIT)
      .map((line) => line.message),
  };
}

async function readDuplicateReport(
  root: string,
  path: string,
): Promise<Pick<IntegrateView, 'clusters' | 'clusterCount' | 'merged'>> {
  const [totals] = await queryCsv(root, path, 'integrate-duplicates-totals', (column) => {
    const removed = column('removed_ids');
    return `SELECT count(*) AS clusters, coalesce(sum(len(list_filter(string_split(coalesce(${removed}, ''), ','), (id) -> trim(id) <> ''))), 0) AS merged FROM {csv}`;
  });
  const first = await queryCsv(
    root,
    path,
    'integrate-duplicates-first',
    (column) =>
      `SELECT ${column('kept_id')} AS kept_id, ${column('removed_ids')} AS removed_ids, ${column('match_reason')} AS match_reason,
      ${column('removed_sources')} AS removed_sources FROM {csv} LIMIT ${CLUSTER_LIMIT}`,
  );
  return {
    clusters: first.map((row) => toCluster(row)),
    clusterCount: Number(totals?.clusters ?? 0),
    merged: Number(totals?.merged ?? 0),
  };
}

/** The overview card's facts for an integrate view. */
export function integrateCard(view: IntegrateView): CardFacts {
  return {
    lastRun: view.lastRun,
    status: view.status,
    headline: `${view.merged} customer record${view.merged === 1 ? '' : 's'} merged`,
    detail: `${view.customers} unique customers${view.rejects ? `, ${view.rejects} rejected rows` : ''}`,
  };
}

function toCluster(row: Record<string, unknown>): DuplicateCluster {
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  return {
    keptId: text(row.kept_id),
    removedIds: text(row.removed_ids)
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    reason: text(row.match_reason),
    removedSources: text(row.removed_sources),
  };
}

function parsedLines(path: string): LogLine[] {
  return readLines(path)
    .map(parseLogLine)
    .filter((line): line is LogLine => line !== null);
}

function runStatus(log: readonly LogLine[]): RunStatus {
  if (log.length === 0) return 'unknown';
  const counts = levelCounts(log);
  if (!log.some((line) => /completed successfully/i.test(line.message)))
    return counts.ERROR ? 'failed' : 'unknown';
  return counts.ERROR ? 'warning' : 'success';
}
