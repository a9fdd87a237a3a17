// `sluice quality`: flags in, the quality job's library functions called, output paths and scores out.
// No business logic here; see src/quality/.

import { relative, resolve } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { ProblemsFoundError, UsageError } from '../core/errors.js';
import { isIsoDate } from '../core/format-time.js';
import { ConsoleLogSink, Logger } from '../core/log.js';
import { hasAlertAtOrAbove } from '../quality/alerts.js';
import { runQualityBackfill } from '../quality/job.js';
import type { QualityDayResult } from '../quality/job.js';
import { SEVERITIES } from '../quality/rules/types.js';
import type { Severity } from '../quality/rules/types.js';
import { dayPaths, listDataFiles } from '../quality/workspace.js';
import type { DayPaths, PathOverrides } from '../quality/workspace.js';
import type { CliContext, CommandModule } from './context.js';

interface QualityFlags {
  date?: string;
  all?: boolean;
  dir: string;
  data?: string;
  rules?: string;
  history?: string;
  reportsDir?: string;
  alertsDir?: string;
  failOn?: Severity;
}

function plannedDays(flags: QualityFlags): { date: string; paths: DayPaths }[] {
  const dir = resolve(flags.dir);
  const overrides: PathOverrides = {
    data: flags.data,
    rules: flags.rules,
    history: flags.history,
    reportsDir: flags.reportsDir,
    alertsDir: flags.alertsDir,
  };
  if (flags.all) {
    if (flags.date || flags.data)
      throw new UsageError(
        '--all runs every data file; it cannot be combined with --date or --data',
        'drop --date/--data, or drop --all',
      );
    const files = listDataFiles(dir);
    if (files.length === 0)
      throw new UsageError(
        `no data files named <name>_<YYYY-MM-DD>.csv in ${resolve(dir, 'data')}`,
        'add data files, or pass --dir',
      );
    return files.map((file) => ({
      date: file.date,
      paths: dayPaths(dir, file.date, { ...overrides, data: file.path }),
    }));
  }
  if (!flags.date)
    throw new UsageError(
      'pass --date YYYY-MM-DD, or --all to run every data file',
      'e.g. sluice quality --date 2024-01-17',
    );
  if (!isIsoDate(flags.date))
    throw new UsageError(
      `--date ${flags.date} is not a calendar date written YYYY-MM-DD`,
      'e.g. --date 2024-01-17',
    );
  return [{ date: flags.date, paths: dayPaths(dir, flags.date, overrides) }];
}

function summary(result: QualityDayResult): string {
  const { scores, alerts } = result;
  const score =
    scores.score === null
      ? 'not computed (no records)'
      : `${scores.score.toFixed(1)}% of records pass every rule`;
  const checks = scores.checksPassRate === null ? '' : `, checks ${scores.checksPassRate.toFixed(1)}%`;
  return `${result.date}: ${scores.records} records, score ${score}${checks}, ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`;
}

async function runQuality(flags: QualityFlags, ctx: CliContext): Promise<QualityDayResult[]> {
  const days = plannedDays(flags);
  const logger = new Logger(ctx.clock, [new ConsoleLogSink(ctx.verbosity)]);
  try {
    return await runQualityBackfill(days, { clock: ctx.clock, logger, rulesPath: days[0].paths.rules });
  } finally {
    logger.close();
  }
}

/** The quality job's command module. */
export const qualityCommand: CommandModule = {
  name: 'quality',
  register(program: Command, context: () => CliContext) {
    program
      .command('quality')
      .description(
        'check a day of data against quality rules: scores, alerts, history, trend and a report (Exercise 2)',
      )
      .option('--date <YYYY-MM-DD>', 'the day to check (reads data/<name>_<date>.csv)')
      .option(
        '--all',
        'check every data/<name>_<YYYY-MM-DD>.csv in date order (a backfill that builds the history)',
      )
      .option('--dir <dir>', 'workspace folder', '.')
      .option('--data <file>', 'data file (default: data/<name>_<date>.csv in the workspace)')
      .option('--rules <file>', 'rules file (default: config/quality_rules.json)')
      .option('--history <file>', 'history file (default: history/quality_metrics.json)')
      .option('--reports-dir <dir>', 'where reports and rejects go (default: reports/)')
      .option('--alerts-dir <dir>', 'where alert files go (default: alerts/)')
      .addOption(
        new Option('--fail-on <severity>', 'exit 3 when an alert is at or above this severity').choices([
          ...SEVERITIES,
        ]),
      )
      .action(async (flags: QualityFlags) => {
        const ctx = context();
        const results = await runQuality(flags, ctx);
        for (const result of results) {
          ctx.out.write(`${summary(result)}\n`);
          for (const path of result.outputs) ctx.out.write(`  ${relative(process.cwd(), path) || path}\n`);
        }
        const failOn = flags.failOn;
        if (failOn && results.some((result) => hasAlertAtOrAbove(result.alerts, failOn))) {
          const days = results
            .filter((result) => hasAlertAtOrAbove(result.alerts, failOn))
            .map((result) => result.date);
          throw new ProblemsFoundError(
            `quality alerts at or above ${failOn} on ${days.join(', ')}`,
            'see the alerts files listed above',
          );
        }
      });
  },
  async demo(dir: string, ctx: CliContext): Promise<string[]> {
    const results = await runQuality({ all: true, dir }, { ...ctx, verbosity: 'quiet' });
    const last = results[results.length - 1];
    ctx.out.write(`${results.map(summary).join('\n')}\n`);
    return last ? last.outputs : [];
  },
};
