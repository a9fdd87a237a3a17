// `sluice logs` (analyze one day's access logs) and `sluice logs generate` (write a realistic log).
// Parses flags, calls the job, prints where the outputs went; the work lives in src/logs.

import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { ProblemsFoundError, UsageError } from '../core/errors.js';
import { ConsoleLogSink, Logger } from '../core/log.js';
import { SEVERITIES } from '../logs/anomaly.js';
import type { Severity } from '../logs/anomaly.js';
import { generateLog } from '../logs/generate.js';
import { failsOn, runLogsJob } from '../logs/job.js';
import type { LogsJobResult } from '../logs/job.js';
import type { CliContext, CommandModule } from './context.js';

interface AnalyzeFlags {
  date?: string;
  dir: string;
  input?: string[];
  config?: string;
  failOn?: string;
  workers?: string;
}

interface GenerateFlags {
  date?: string;
  lines: string;
  seed: string;
  out?: string;
  dir: string;
  merge?: string;
}

function parseSeverity(text: string | undefined): Severity | undefined {
  if (text === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(text))
    throw new UsageError(
      `--fail-on must be one of ${SEVERITIES.join(', ')}, got "${text}"`,
      'for example --fail-on high',
    );
  return text as Severity;
}

function parseWhole(text: string, flag: string): number {
  if (!/^\d+$/.test(text))
    throw new UsageError(`${flag} must be a whole number, got "${text}"`, `for example ${flag} 2`);
  return Number(text);
}

function requireDate(date: string | undefined): string {
  if (!date) throw new UsageError('--date is required', 'for example --date 2024-01-17');
  return date;
}

function printOutputs(ctx: CliContext, dir: string, result: LogsJobResult): void {
  for (const path of Object.values(result.outputs))
    ctx.out.write(`${relative(process.cwd(), path) || path}\n`);
  ctx.out.write(
    `${result.anomalies.length} anomalies; ${result.day.rejects.length} malformed lines (${relative(dir, result.outputs.rejects)})\n`,
  );
}

async function analyze(flags: AnalyzeFlags, ctx: CliContext): Promise<void> {
  const failOn = parseSeverity(flags.failOn);
  const dir = resolve(flags.dir);
  const logger = new Logger(ctx.clock, [new ConsoleLogSink(ctx.verbosity)]);
  const result = await runLogsJob({
    dir,
    date: requireDate(flags.date),
    inputs: flags.input,
    configPath: flags.config,
    clock: ctx.clock,
    logger,
    workers: flags.workers === undefined ? undefined : parseWhole(flags.workers, '--workers'),
  });
  printOutputs(ctx, dir, result);
  if (failsOn(result, failOn)) {
    const count = result.anomalies.filter(
      (a) => SEVERITIES.indexOf(a.severity) >= SEVERITIES.indexOf(failOn as Severity),
    ).length;
    throw new ProblemsFoundError(
      `${count} anomalies at or above ${failOn} for ${result.summary.date}`,
      `see ${relative(process.cwd(), result.outputs.anomalies)}`,
    );
  }
}

async function generate(flags: GenerateFlags, ctx: CliContext): Promise<void> {
  const date = requireDate(flags.date);
  const out = resolve(flags.out ?? join(flags.dir, 'logs', `access_${date}.log`));
  const written = await generateLog({
    date,
    lines: parseWhole(flags.lines, '--lines'),
    seed: parseWhole(flags.seed, '--seed'),
    out,
    mergeFile: flags.merge,
  });
  ctx.out.write(`${relative(process.cwd(), out) || out}: ${written} lines\n`);
}

/** The dates that have a log in `<dir>/logs`, oldest first. */
function datesWithLogs(dir: string): string[] {
  const dates = readdirSync(join(dir, 'logs')).flatMap(
    (name) => /^access_(\d{4}-\d{2}-\d{2})\.log/.exec(name)?.[1] ?? [],
  );
  return [...new Set(dates)].sort();
}

/** The logs job's command module. */
export const logsCommand: CommandModule = {
  name: 'logs',
  register(program: Command, context: () => CliContext) {
    // `logs` alone runs `analyze` (the default subcommand), so both can share flag names like --date.
    const logs = program.command('logs').description('analyze web access logs (default) or generate one');
    logs
      .command('analyze', { isDefault: true })
      .description('analyze one day of web access logs: metrics, anomalies, report')
      .option('--date <date>', 'report date, YYYY-MM-DD')
      .option('--dir <dir>', 'workspace with logs/ (outputs go to reports/, metrics/, alerts/)', '.')
      .option('--input <file...>', 'log files to read instead of logs/access_<date>.log*')
      .option('--config <file>', 'config file (default <dir>/config/logs.json when present)')
      .option('--fail-on <severity>', `exit 3 when an anomaly is at or above: ${SEVERITIES.join(', ')}`)
      .option(
        '--workers <n>',
        'threads that scan, this one included (0 or 1 = this one only; default one per core)',
      )
      .action((flags: AnalyzeFlags) => analyze(flags, context()));
    logs
      .command('generate')
      .description('write a realistic seeded access log for one day')
      .option('--date <date>', 'date of the log, YYYY-MM-DD')
      .option('--lines <n>', 'number of lines', '5000')
      .option('--seed <n>', 'random seed', '1')
      .option('--out <file>', 'output file (default <dir>/logs/access_<date>.log)')
      .option('--dir <dir>', 'workspace', '.')
      .option('--merge <file>', 'extra log lines to merge in by timestamp')
      .action((flags: GenerateFlags) => generate(flags, context()));
  },
  async demo(dir: string, ctx: CliContext) {
    const logger = new Logger(ctx.clock, [new ConsoleLogSink(ctx.verbosity)]);
    let last: LogsJobResult | undefined;
    for (const date of datesWithLogs(dir)) last = await runLogsJob({ dir, date, clock: ctx.clock, logger });
    return last ? Object.values(last.outputs) : [];
  },
};
