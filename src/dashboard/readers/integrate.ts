// Reads the integrate job's workspace: the customer master, the duplicate report and the last run's log.
// Counts and lists what the job wrote; never re-runs matching.

import { join } from 'node:path';
import { countBy, isFile, readCsv, readLines, requireWorkspace } from './files.js';
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
  clusters: DuplicateCluster[];
  merged: number;
  rejects: number;
  lastRun: string | null;
  status: RunStatus;
  warnings: string[];
}

/** Read the integrate workspace under `root`. */
export async function readIntegrate(root: string): Promise<IntegrateView> {
  const dir = requireWorkspace(root, 'integrate');
  const masterPath = join(dir, 'customer_master.csv');
  if (!isFile(masterPath)) throw new NotLandedError('integrate has not run here yet: no customer_master.csv');
  const master = (await readCsv(masterPath)).rows;
  const reportPath = join(dir, 'duplicate_report.csv');
  const clusters = isFile(reportPath) ? (await readCsv(reportPath)).rows.map(toCluster) : [];
  const rejectsPath = join(dir, 'integration_rejects.csv');
  const logPath = join(dir, 'integration_log.txt');
  const log = isFile(logPath) ? lastRun(parsedLines(logPath), /^Pipeline started/) : [];
  return {
    customers: master.length,
    bySource: countBy(master, 'source_system'),
    byStatus: countBy(master, 'status'),
    clusters,
    merged: clusters.reduce((sum, cluster) => sum + cluster.removedIds.length, 0),
    rejects: isFile(rejectsPath) ? (await readCsv(rejectsPath)).rows.length : 0,
    lastRun: log.at(-1)?.time ?? null,
    status: runStatus(log),
    warnings: log.filter((line) => line.level === 'ERROR').map((line) => line.message),
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
