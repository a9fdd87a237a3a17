// `sluice pipeline history`: the recent runs from pipeline_runs as a text table, with the success
// rate over the shown runs and over all runs. Does not change the history.

import { existsSync } from 'node:fs';
import { formatCount, formatPercent, safeText } from '../core/text.js';
import { table } from '../core/report.js';
import type { RunRecord } from './run-store.js';
import { RunStore } from './run-store.js';

/** Recent runs and status counts of one pipeline. */
export interface RunHistory {
  pipeline: string;
  runs: RunRecord[];
  counts: Record<string, number>;
}

/** Read the newest `limit` runs of `pipeline` from the database at `dbPath` (none if it does not exist yet). */
export function readHistory(dbPath: string, pipeline: string, limit: number): RunHistory {
  if (!existsSync(dbPath)) return { pipeline, runs: [], counts: {} };
  const store = RunStore.open(dbPath);
  try {
    return { pipeline, runs: store.recentRuns(pipeline, limit), counts: store.statusCounts(pipeline) };
  } finally {
    store.close();
  }
}

function rate(successes: number, total: number): string {
  return total === 0 ? 'n/a' : `${successes}/${total} (${formatPercent((successes / total) * 100)})`;
}

/** The history as text: a table of runs, then success rates. */
export function renderHistory(history: RunHistory): string {
  if (history.runs.length === 0) return `No runs recorded for ${history.pipeline} yet.\n`;
  const rows = history.runs.map((run) => [
    run.runId,
    run.runDate ?? '',
    run.trigger ?? '',
    run.status.toUpperCase(),
    run.durationMs === null ? '' : `${(run.durationMs / 1000).toFixed(2)}s`,
    run.recordsProcessed === null ? '' : formatCount(run.recordsProcessed),
    run.recordsOutput === null ? '' : formatCount(run.recordsOutput),
    safeText(run.error ?? '', 60),
  ]);
  const columns = ['Run ID', 'Date', 'Trigger', 'Status', 'Duration', 'In', 'Out', 'Error'].map(
    (header, i) => ({
      header,
      align: i === 5 || i === 6 || i === 4 ? ('right' as const) : ('left' as const),
    }),
  );
  const finished = history.runs.filter((run) => run.status !== 'running');
  const total = Object.entries(history.counts)
    .filter(([status]) => status !== 'running')
    .reduce((sum, [, n]) => sum + n, 0);
  return [
    `Pipeline runs: ${history.pipeline} (newest first)`,
    '',
    table(columns, rows),
    '',
    `Success rate (shown):  ${rate(finished.filter((run) => run.status === 'success').length, finished.length)}`,
    `Success rate (all):    ${rate(history.counts.success ?? 0, total)}`,
    '',
  ].join('\n');
}
