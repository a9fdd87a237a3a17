// `sluice pipeline`: run, schedule, backfill, history and generate for the config-driven ETL pipeline.
// Flags in, library call, where the outputs went out; no business logic lives here.

import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { FakeClock } from '../core/clock.js';
import { JobError, UsageError } from '../core/errors.js';
import { isIsoDate, isoInstant } from '../core/format-time.js';
import { formatCount } from '../core/text.js';
import { generateSampleData } from '../pipeline/generate.js';
import { readHistory, renderHistory } from '../pipeline/history.js';
import type { PipelineRunResult } from '../pipeline/pipeline.js';
import { DEFAULT_CONFIG, loadPipeline, runPipeline, runsDbPath } from '../pipeline/pipeline.js';
import { backfill, scheduleLoop, scheduleOnce, StopSignal } from '../pipeline/schedule-runner.js';
import type { CliContext, CommandModule } from './context.js';

interface WorkspaceFlags {
  dir: string;
  config: string;
}

function dateFlag(value: string | undefined, flag = '--date'): string | undefined {
  if (value !== undefined && !isIsoDate(value))
    throw new UsageError(`${flag} ${value} is not a date`, 'write it as YYYY-MM-DD');
  return value;
}

function integerFlag(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(
      `${flag} ${value} is not a whole number of at least ${min}`,
      `pass e.g. ${flag} ${Math.max(min, 10)}`,
    );
  return n;
}

function instantFlag(value: string): Date {
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(instant.getTime()))
    throw new UsageError(`--now ${value} is not an ISO instant`, 'write it like 2024-01-17T02:00:00Z');
  return instant;
}

const shown = (path: string): string => relative(process.cwd(), path) || path;

function describeRun(result: PipelineRunResult): string {
  const input = formatCount(result.summary.recordsInput);
  const output = result.summary.outputs.map((o) => `${formatCount(o.rows)} ${o.name}`).join(', ');
  const lines = [
    `${result.runId} ${result.date}: ${result.status.toUpperCase()} (${input} in; ${output || 'nothing'} out)`,
    `  log: ${shown(result.logPath)}`,
  ];
  for (const path of result.outputs) lines.push(`  wrote: ${shown(path)}`);
  return `${lines.join('\n')}\n`;
}

/** Exit 1 when any run did not succeed. */
function failIfAnyFailed(results: readonly PipelineRunResult[]): void {
  const failed = results.filter((result) => result.status !== 'success');
  if (failed.length === 0) return;
  const first = failed[0];
  throw new JobError(
    `${failed.length} run(s) did not succeed; ${first.runId} ${first.status}: ${first.error ?? 'see the log'}`,
    { hint: `see ${shown(first.logPath)}` },
  );
}

const withWorkspace = (command: Command): Command =>
  command
    .option('--dir <dir>', 'pipeline workspace', '.')
    .option('--config <file>', 'pipeline config, relative to --dir', DEFAULT_CONFIG);

function register(program: Command, context: () => CliContext): void {
  const pipeline = program
    .command('pipeline')
    .description('config-driven ETL pipeline with retries, metrics, notifications and a scheduler');

  withWorkspace(pipeline.command('run').description('run the pipeline now (manual trigger)'))
    .option('--date <date>', 'data date YYYY-MM-DD (default: today in the schedule time zone)')
    .action(async (flags: WorkspaceFlags & { date?: string }) => {
      const ctx = context();
      const result = await runPipeline({
        dir: flags.dir,
        configPath: flags.config,
        date: dateFlag(flags.date),
        clock: ctx.clock,
        verbosity: ctx.verbosity,
      });
      ctx.out.write(describeRun(result));
      failIfAnyFailed([result]);
    });

  withWorkspace(
    pipeline
      .command('schedule')
      .description('run on the configured schedule until SIGINT/SIGTERM (or once with --once)'),
  )
    .option('--once', 'run what is due now, or say when the next run is, then exit')
    .option('--now <iso>', 'with --once: simulate this instant (the clock is pinned there)')
    .action(async (flags: WorkspaceFlags & { once?: boolean; now?: string }) => {
      const ctx = context();
      if (flags.now && !flags.once) throw new UsageError('--now only works with --once', 'add --once');
      const clock = flags.now ? new FakeClock(instantFlag(flags.now)) : ctx.clock;
      const options = { dir: flags.dir, configPath: flags.config, clock, verbosity: ctx.verbosity };
      if (flags.once) {
        const { decision, results } = await scheduleOnce(options);
        for (const slot of decision.skipped)
          ctx.out.write(`skipped missed slot ${isoInstant(slot)} (catch-up policy)\n`);
        for (const result of results) ctx.out.write(describeRun(result));
        if (results.length === 0)
          ctx.out.write(
            `no run due at ${isoInstant(clock.now())}; next run at ${decision.next ? isoInstant(decision.next) : 'never'}\n`,
          );
        failIfAnyFailed(results);
        return;
      }
      const signal = new StopSignal();
      const stop = () => {
        ctx.out.write('stopping: the scheduler exits after the run in progress\n');
        signal.stop();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        ctx.out.write(`scheduler started at ${isoInstant(clock.now())}; press Ctrl-C to stop\n`);
        await scheduleLoop({
          ...options,
          signal,
          onCheck: ({ results, decision }) => {
            for (const result of results) ctx.out.write(describeRun(result));
            if (decision.next) ctx.out.write(`next run at ${isoInstant(decision.next)}\n`);
          },
          onError: (error) => ctx.out.write(`check skipped: ${error.toLine()}\n`),
        });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      ctx.out.write('scheduler stopped\n');
    });

  withWorkspace(pipeline.command('backfill').description('run the pipeline for every date in a range'))
    .requiredOption('--from <date>', 'first date YYYY-MM-DD')
    .requiredOption('--to <date>', 'last date YYYY-MM-DD')
    .action(async (flags: WorkspaceFlags & { from: string; to: string }) => {
      const ctx = context();
      const results = await backfill({
        dir: flags.dir,
        configPath: flags.config,
        clock: ctx.clock,
        verbosity: ctx.verbosity,
        from: flags.from,
        to: flags.to,
      });
      for (const result of results) ctx.out.write(describeRun(result));
      failIfAnyFailed(results);
    });

  withWorkspace(pipeline.command('history').description('recent runs and the success rate'))
    .option('--limit <n>', 'how many runs to show', '10')
    .action(async (flags: WorkspaceFlags & { limit: string }) => {
      const ctx = context();
      const loaded = loadPipeline(flags.dir, flags.config);
      ctx.out.write(
        renderHistory(
          readHistory(
            runsDbPath(loaded),
            loaded.config.pipeline_name,
            integerFlag(flags.limit, '--limit', 1),
          ),
        ),
      );
    });

  pipeline
    .command('generate')
    .description('write seeded sample inputs (orders, products, customers) under data/input/')
    .requiredOption('--date <date>', 'order date YYYY-MM-DD')
    .option('--orders <n>', 'number of orders', '1247')
    .option('--seed <n>', 'random seed', '42')
    .option('--products <n>', 'catalog size', '156')
    .option('--customers <n>', 'number of customers', '892')
    .option('--dir <dir>', 'pipeline workspace', '.')
    .action(
      async (flags: {
        date: string;
        orders: string;
        seed: string;
        products: string;
        customers: string;
        dir: string;
      }) => {
        const ctx = context();
        const files = await generateSampleData({
          dir: resolve(flags.dir),
          date: dateFlag(flags.date) ?? flags.date,
          orders: integerFlag(flags.orders, '--orders', 1),
          seed: integerFlag(flags.seed, '--seed', 0),
          products: integerFlag(flags.products, '--products', 1),
          customers: integerFlag(flags.customers, '--customers', 1),
        });
        for (const path of [files.orders, files.products, files.customers])
          ctx.out.write(`wrote ${shown(path)}\n`);
      },
    );
}

/** The pipeline job's command module. */
export const pipelineCommand: CommandModule = {
  name: 'pipeline',
  register,
  async demo(dir, ctx) {
    const result = await runPipeline({ dir, date: '2024-01-17', clock: ctx.clock });
    return [result.logPath, ...result.outputs];
  },
};
