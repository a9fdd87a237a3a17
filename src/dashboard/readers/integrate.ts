// Reads the integrate job's workspace: the customer master, the duplicate report and the last run's log.
// Counts and lists what the job wrote; never re-runs matching.

import { join } from 'node:path';
import { isFile, readLines, requireWorkspace, scanCsv, Tally } from './files.js';
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

/** Read the integrate workspace under `root`, streaming its CSVs (they grow with the customer base). */
export async function readIntegrate(root: string): Promise<IntegrateView> {
  const dir = requireWorkspace(root, 'integrate');
  const masterPath = join(dir, 'customer_master.csv');
  if (!isFile(masterPath)) throw new NotLandedError('integrate has not run here yet: no customer_master.csv');
  const bySource = new Tally();
  const byStatus = new Tally();
  const master = await scanCsv(masterPath, (row) => {
    bySource.add(row.source_system ?? '');
    byStatus.add(row.status ?? '');
  });
  const clusters: DuplicateCluster[] = [];
  let merged = 0;
  const reportPath = join(dir, 'duplicate_report.csv');
  const report = isFile(reportPath)
    ? await scanCsv(reportPath, (row) => {
        const cluster = toCluster(row);
        merged += cluster.removedIds.length;
        if (clusters.length < CLUSTER_LIMIT) clusters.push(cluster);
      })
    : { rows: 0 };
  const rejectsPath = join(dir, 'integration_rejects.csv');
  const logPath = join(dir, 'integration_log.txt');
  const log = isFile(logPath) ? lastRun(parsedLines(logPath), /^Pipeline started/) : [];
  return {
    customers: master.rows,
    bySource: bySource.list(),
    byStatus: byStatus.list(),
    clusterCount: report.rows,
    clusters,
    merged,
    rejects: isFile(rejectsPath) ? (await scanCsv(rejectsPath, () => {})).rows : 0,
    lastRun: log.at(-1)?.time ?? null,
    status: runStatus(log),
    errors: log
      .filter((line) => line.level === 'ERROR')
      .slice(0, CLUSTER_LIMIT)
      .map((line) => line.message),
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

function toCluster(row: Record<string, string>): DuplicateCluster {
  return {
    keptId: row.kept_id ?? '',
    removedIds: (row.removed_ids ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    reason: row.match_reason ?? '',
    removedSources: row.removed_sources ?? '',
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
