// Where a quality run reads and writes: the workspace layout of Exercise 2, with every path
// overridable, and the data files `--all` finds. Does not read file contents.

import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError, UsageError } from '../core/errors.js';
import { isIsoDate } from '../core/format-time.js';

/** Paths of one day's run. */
export interface DayPaths {
  data: string;
  rules: string;
  history: string;
  report: string;
  alerts: string;
  rejects: string;
}

/** Flags that override the workspace layout. */
export interface PathOverrides {
  data?: string;
  rules?: string;
  history?: string;
  reportsDir?: string;
  alertsDir?: string;
}

const DATA_FILE = /^(.+)_(\d{4}-\d{2}-\d{2})\.csv$/;

/** Data file paths in `dir/data` by date (`<name>_<YYYY-MM-DD>.csv`), names sorted. */
function dataFilesByDate(dir: string): Map<string, string[]> {
  const dataDir = join(dir, 'data');
  const byDate = new Map<string, string[]>();
  if (!existsSync(dataDir)) return byDate;
  for (const name of readdirSync(dataDir).sort()) {
    const match = DATA_FILE.exec(name);
    if (!match || !isIsoDate(match[2])) continue;
    byDate.set(match[2], [...(byDate.get(match[2]) ?? []), join(dataDir, name)]);
  }
  return byDate;
}

function onlyFile(date: string, paths: readonly string[]): string {
  if (paths.length > 1) {
    const names = paths.map((path) => basename(path)).join(' and ');
    throw new UsageError(
      `two data files for ${date}: ${names}`,
      'keep one file per date, or name the file with --data',
    );
  }
  return paths[0];
}

/** The data files in `dir/data` as `{date, path}` in date order; two files for one date is a UsageError. */
export function listDataFiles(dir: string): { date: string; path: string }[] {
  if (!existsSync(join(dir, 'data'))) {
    throw new InputError(
      `data folder not found: ${join(dir, 'data')}`,
      'run in a workspace with data/<name>_<YYYY-MM-DD>.csv files, or pass --dir',
    );
  }
  return [...dataFilesByDate(dir)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, paths]) => ({ date, path: onlyFile(date, paths) }));
}

/** The data file for `date`: the one `dir/data/<name>_<date>.csv`, or `dir/data/orders_<date>.csv` when none. */
export function dataFileFor(dir: string, date: string): string {
  const paths = dataFilesByDate(dir).get(date);
  return paths ? onlyFile(date, paths) : join(dir, 'data', `orders_${date}.csv`);
}

/** Every path of the run for `date` in workspace `dir`. */
export function dayPaths(dir: string, date: string, overrides: PathOverrides = {}): DayPaths {
  const reports = overrides.reportsDir ?? join(dir, 'reports');
  return {
    data: overrides.data ?? dataFileFor(dir, date),
    rules: overrides.rules ?? join(dir, 'config', 'quality_rules.json'),
    history: overrides.history ?? join(dir, 'history', 'quality_metrics.json'),
    report: join(reports, `quality_report_${date}.txt`),
    alerts: join(overrides.alertsDir ?? join(dir, 'alerts'), `alerts_${date}.json`),
    rejects: join(reports, `quality_rejects_${date}.csv`),
  };
}
