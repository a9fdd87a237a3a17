// The orchestrator: one run of a pipeline for one date. Takes the run lock, recovers stale runs,
// runs extract -> transform -> load with retries, writes the execution log, metrics and rejects, notifies.

import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Clock } from '../core/clock.js';
import { compactStamp, isoInstant } from '../core/format-time.js';
import type { Verbosity } from '../core/log.js';
import { ConsoleLogSink, FileLogSink } from '../core/log.js';
import type { PipelineConfig } from './config.js';
import { describeSchedule, loadPipelineConfig } from './config.js';
import type { TriggerDescription } from './execution-log.js';
import { bannerLines, executionLogger, summaryLines } from './execution-log.js';
import { acquireRunLock } from './lock.js';
import type { RunLock } from './lock.js';
import type { RunStatus, RunSummary } from './metrics.js';
import { runStatus, summarizeRun } from './metrics.js';
import { notifyRun } from './notifier.js';
import type { PipelinePlan } from './plan.js';
import { planPipeline } from './plan.js';
import type { StepRegistry } from './registry.js';
import { defaultRegistry } from './registry.js';
import type { TriggerKind } from './run-store.js';
import { executeSteps } from './phases.js';
import { RunStore } from './run-store.js';
import { errorText } from './step-runner.js';
import { localDate } from './zoned-time.js';

/** The default config location inside a workspace. */
export const DEFAULT_CONFIG = 'config/pipeline_config.json';

/** How a run was started. `slot` is the schedule instant a scheduled or catch-up run stands for. */
export interface RunTrigger {
  kind: TriggerKind;
  slot?: Date;
}

/** Options for one run. */
export interface RunPipelineOptions {
  /** The workspace; relative config paths resolve against it. */
  dir: string;
  configPath?: string;
  /** The data date; default: today in the schedule's time zone (UTC without a schedule). */
  date?: string;
  trigger?: RunTrigger;
  clock: Clock;
  /** Console mirror of the execution log on stderr; default none. */
  verbosity?: Verbosity;
  registry?: StepRegistry;
  env?: NodeJS.ProcessEnv;
}

/** What a run produced. */
export interface PipelineRunResult {
  runId: string;
  date: string;
  status: RunStatus;
  summary: RunSummary;
  logPath: string;
  /** Files written by loaders, plus the rejects file when there were rejects. */
  outputs: string[];
  error?: string;
}

/** A loaded, planned pipeline. */
export interface LoadedPipeline {
  config: PipelineConfig;
  plan: PipelinePlan;
  configPath: string;
  dir: string;
}

/** Load and plan the pipeline of workspace `dir` (config errors surface here, before any run). */
export function loadPipeline(
  dir: string,
  configPath = DEFAULT_CONFIG,
  registry: StepRegistry = defaultRegistry,
): LoadedPipeline {
  const absoluteDir = resolve(dir);
  const path = isAbsolute(configPath) ? configPath : resolve(absoluteDir, configPath);
  const config = loadPipelineConfig(path);
  return { config, plan: planPipeline(config, registry, path), configPath: path, dir: absoluteDir };
}

/** The SQLite file holding pipeline_runs: `runs_db`, else the first sqlite destination, else data/output/metrics.db. */
export function runsDbPath(loaded: LoadedPipeline): string {
  const { config, dir } = loaded;
  const path =
    config.runs_db ??
    config.load.destinations.find((d) => d.type === 'sqlite')?.path ??
    'data/output/metrics.db';
  return isAbsolute(path) ? path : resolve(dir, path);
}

function describeTrigger(trigger: RunTrigger, config: PipelineConfig): TriggerDescription {
  const schedule = config.schedule ? describeSchedule(config.schedule) : 'no schedule';
  if (trigger.kind === 'scheduled') return { kind: 'scheduled', schedule };
  if (trigger.kind === 'catch-up')
    return { kind: 'catch-up', schedule, slot: trigger.slot ? isoInstant(trigger.slot) : '?' };
  return { kind: trigger.kind };
}

/** Run the pipeline once. Config problems throw (exit 2); step failures come back as a failed result. */
export async function runPipeline(options: RunPipelineOptions): Promise<PipelineRunResult> {
  const loaded = loadPipeline(options.dir, options.configPath, options.registry);
  const { config, plan, dir } = loaded;
  const { clock } = options;
  const trigger = options.trigger ?? { kind: 'manual' };
  const date = options.date ?? localDate(clock.now(), config.schedule?.timezone ?? 'UTC');
  const dbPath = runsDbPath(loaded);
  const lock = acquireRunLock(
    join(dirname(dbPath), `.${config.pipeline_name}.lock`),
    isoInstant(clock.now()),
  );
  const store = openStoreOrRelease(dbPath, lock);
  const logPath = join(dir, 'logs', `pipeline_${date}.log`);
  const sinks = [
    new FileLogSink(logPath, { mode: 'append', minLevel: 'INFO' }),
    ...(options.verbosity ? [new ConsoleLogSink(options.verbosity)] : []),
  ];
  const log = executionLogger(clock, sinks);
  try {
    const start = clock.now();
    const runId = store.freeRunId(`RUN-${compactStamp(start, '-')}`);
    for (const line of bannerLines(
      config.pipeline_name,
      config.version,
      runId,
      describeTrigger(trigger, config),
    ))
      log.raw(line);
    log.info('Starting pipeline execution');
    log.info(`Loading configuration from ${basename(loaded.configPath)}`);
    if (lock.takenFrom)
      log.warn(`Took over the run lock of process ${lock.takenFrom.pid}, which is no longer running`);
    for (const stale of store.markStaleRuns(config.pipeline_name, isoInstant(start)))
      log.warn(`Marked stale run ${stale.runId} as failed (process ${stale.pid ?? '?'} is gone)`);
    store.startRun({
      runId,
      pipeline: config.pipeline_name,
      runDate: date,
      trigger: trigger.kind,
      scheduledFor: trigger.slot ? isoInstant(trigger.slot) : null,
      startTime: isoInstant(start),
      pid: process.pid,
      host: hostname(),
    });
    const run = await executeSteps({ loaded, clock, log, date, runId }).catch((error: unknown) => {
      // Not a step failure (those are caught per step) but the run's own machinery: record it, then rethrow.
      log.error(`Run aborted: ${errorText(error)}`);
      const failedAt = isoInstant(clock.now());
      const counts = { recordsProcessed: 0, recordsOutput: 0, durationMs: 0 };
      store.finishRun(runId, { endTime: failedAt, status: 'failed', ...counts, error: errorText(error) }, []);
      throw error;
    });
    const end = clock.now();
    const durationMs = end.getTime() - start.getTime();
    const status = runStatus(run.steps);
    const error = run.steps.find((step) => step.status === 'failed')?.error;
    const rejectsShown = run.rejectsPath ? relative(dir, run.rejectsPath) : undefined;
    const summary = summarizeRun({
      status,
      durationMs,
      primary: plan.primary,
      steps: run.steps,
      error,
      rejectsPath: rejectsShown,
    });
    for (const line of summaryLines(summary)) log.raw(line);
    const recordsOutput = summary.outputs.at(-1)?.rows ?? 0;
    store.finishRun(
      runId,
      {
        endTime: isoInstant(end),
        status,
        recordsProcessed: summary.recordsInput,
        recordsOutput,
        durationMs,
        error,
      },
      run.steps,
    );
    const recoveredAfter =
      status === 'success' ? store.failuresSinceLastSuccess(config.pipeline_name, runId) : 0;
    await notifyRun(
      {
        pipeline: config.pipeline_name,
        runId,
        runDate: date,
        status,
        durationMs,
        recordsInput: summary.recordsInput,
        recordsOutput,
        error,
        recoveredAfter,
      },
      {
        config: config.notifications,
        store,
        log,
        clock,
        outboxDir: join(dir, 'logs', 'outbox'),
        outboxShown: 'logs/outbox',
        env: options.env,
      },
    );
    log.raw('');
    return { runId, date, status, summary, logPath, outputs: run.outputs, error };
  } finally {
    log.close();
    store.close();
    lock.release();
  }
}

function openStoreOrRelease(path: string, lock: RunLock): RunStore {
  try {
    return RunStore.open(path);
  } catch (error) {
    lock.release();
    throw error;
  }
}
