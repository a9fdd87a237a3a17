// Acting on schedule decisions: `schedule --once` (run what is due now), the long-running scheduler
// loop that stops cleanly when asked, and `backfill` over a date range. Decisions come from scheduler.ts.

import type { Clock } from '../core/clock.js';
import { ConfigError, ExitCode, isSluiceError, UsageError } from '../core/errors.js';
import type { SluiceError } from '../core/errors.js';
import { isIsoDate, isoInstant } from '../core/format-time.js';
import type { ScheduleConfig } from './config.js';
import type { LoadedPipeline, PipelineRunResult, RunPipelineOptions } from './pipeline.js';
import { loadPipeline, runPipeline, runsDbPath } from './pipeline.js';
import { RunStore } from './run-store.js';
import type { ScheduleDecision, ScheduleHistory } from './scheduler.js';
import { decide, nextSlot } from './scheduler.js';
import { dateRange } from './zoned-time.js';

/** Options shared by the scheduler entry points (run options minus what the scheduler decides). */
export type SchedulerOptions = Omit<RunPipelineOptions, 'date' | 'trigger'>;

/** What one scheduler check did. */
export interface ScheduleCheck {
  decision: ScheduleDecision;
  results: PipelineRunResult[];
}

function scheduleOf(loaded: LoadedPipeline): ScheduleConfig {
  if (!loaded.config.schedule)
    throw new ConfigError(
      `invalid config ${loaded.configPath}: no "schedule" is configured`,
      'add a schedule such as {"type": "daily", "time": "02:00", "timezone": "UTC"}',
    );
  return loaded.config.schedule;
}

/** What already ran, read from pipeline_runs. */
function historyOf(loaded: LoadedPipeline, schedule: ScheduleConfig): ScheduleHistory {
  const store = RunStore.open(runsDbPath(loaded));
  try {
    const name = loaded.config.pipeline_name;
    const last = store.lastScheduledSlot(name);
    const slots = store.scheduledSlotsSince(name, '');
    const dates = schedule.type === 'daily' ? store.scheduledDatesSince(name, '') : new Set<string>();
    return {
      lastSlot: last ? new Date(last) : undefined,
      ran: (slot, runDate) => slots.has(isoInstant(slot)) || dates.has(runDate),
    };
  } finally {
    store.close();
  }
}

/** Check the schedule at the clock's now and run whatever is due, oldest first. */
export async function scheduleOnce(options: SchedulerOptions): Promise<ScheduleCheck> {
  const loaded = loadPipeline(options.dir, options.configPath, options.registry);
  const schedule = scheduleOf(loaded);
  const decision = decide(schedule, options.clock.now(), historyOf(loaded, schedule));
  const results: PipelineRunResult[] = [];
  for (const run of decision.runs) {
    results.push(
      await runPipeline({ ...options, date: run.runDate, trigger: { kind: run.trigger, slot: run.slot } }),
    );
  }
  return { decision, results };
}

/** Lets a caller (a signal handler) stop the loop; the run in progress finishes first. */
export class StopSignal {
  stopped = false;
  stop(): void {
    this.stopped = true;
  }
}

/** Options of the long-running scheduler. */
export interface ScheduleLoopOptions extends SchedulerOptions {
  signal: StopSignal;
  /** Longest single sleep, so a stop request is noticed promptly; default 1 s. */
  pollMs?: number;
  /** Stop once the clock passes this instant (tests and simulations). */
  until?: Date;
  /** Told after every check (for progress output). */
  onCheck?: (check: ScheduleCheck) => void;
  /** Told about a check that could not run (e.g. another run holds the lock); the loop goes on. */
  onError?: (error: SluiceError) => void;
}

/** Run the scheduler until stopped: check, run what is due, sleep until the next slot. */
export async function scheduleLoop(options: ScheduleLoopOptions): Promise<PipelineRunResult[]> {
  const { clock, signal } = options;
  const pollMs = options.pollMs ?? 1000;
  const all: PipelineRunResult[] = [];
  const past = () => options.until !== undefined && clock.now().getTime() > options.until.getTime();
  while (!signal.stopped && !past()) {
    let wakeAt: Date | undefined;
    try {
      const check = await scheduleOnce(options);
      all.push(...check.results);
      options.onCheck?.(check);
      wakeAt = check.decision.next ?? options.until;
    } catch (error) {
      if (!isSluiceError(error) || error.exitCode === ExitCode.badInput) throw error;
      options.onError?.(error);
      wakeAt =
        nextSlot(scheduleOf(loadPipeline(options.dir, options.configPath, options.registry)), clock.now()) ??
        options.until;
    }
    if (!wakeAt) break;
    await sleepUntil(clock, wakeAt, pollMs, () => signal.stopped || past());
  }
  return all;
}

/** Sleep in steps of at most `pollMs` until `target`, or until `stop()` says so. */
export async function sleepUntil(
  clock: Clock,
  target: Date,
  pollMs: number,
  stop: () => boolean,
): Promise<void> {
  for (;;) {
    const remaining = target.getTime() - clock.now().getTime();
    if (remaining <= 0 || stop()) return;
    await clock.sleep(Math.min(remaining, pollMs));
  }
}

/** The most days one backfill may cover. */
export const MAX_BACKFILL_DAYS = 366;

/** Run the pipeline for every date from `from` to `to` inclusive, in order; a failed date does not stop the rest. */
export async function backfill(
  options: SchedulerOptions & { from: string; to: string },
): Promise<PipelineRunResult[]> {
  for (const [flag, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (!isIsoDate(value))
      throw new UsageError(`${flag} ${value} is not a date`, 'write dates as YYYY-MM-DD');
  }
  const dates = dateRange(options.from, options.to);
  if (dates.length === 0)
    throw new UsageError(`--from ${options.from} is after --to ${options.to}`, 'swap the dates');
  if (dates.length > MAX_BACKFILL_DAYS)
    throw new UsageError(
      `backfill of ${dates.length} days is more than ${MAX_BACKFILL_DAYS}`,
      'split the range',
    );
  loadPipeline(options.dir, options.configPath, options.registry);
  const results: PipelineRunResult[] = [];
  for (const date of dates)
    results.push(await runPipeline({ ...options, date, trigger: { kind: 'backfill' } }));
  return results;
}
