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

/** The data files in `dir/data` as `{date, path}`, one per date, in date order. Two files for one date is a UsageError. */
export function listDataFiles(dir: string): { date: string; path: string }[] {
  const dataDir = join(dir, 'data');
  if (!existsSync(dataDir))
    throw new InputError(
      `data folder not found: ${dataDir}`,
      'run in a workspace with data/<name>_<YYYY-MM-DD>.csv files, or pass --dir',
    );
  const byDate = new Map<string, string>();
  for (const name of readdirSync(dataDir).sort()) {
    const match = DATA_FILE.exec(name);
    if (!match || !isIsoDate(match[2])) continue;
    const other = byDate.get(match[2]);
    if (other)
      throw new UsageError(
        `two data files for ${match[2]} in ${dataDir}: ${basename(other)} and ${name}`,
        'keep one file per date, or run each with --date and --data',
      );
    byDate.set(match[2], join(dataDir, name));
  }
  return [...byDate].map(([date, path]) => ({ date, path })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The data file for `date`: `dir/data/<name>_<date>.csv` (exactly one), or `dir/data/orders_<date>.csv` when none. */
export function dataFileFor(dir: string, date: string): string {
  const dataDir = join(dir, 'data');
  const found = existsSync(dataDir) ? listDataFiles(dir).find((file) => file.date === date) : undefined;
  return found?.path ?? join(dataDir, `orders_${date}.csv`);
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
