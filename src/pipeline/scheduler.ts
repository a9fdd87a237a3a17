// Schedule decisions: which slots of a daily, hourly or cron schedule (with a time zone) are due at
// an instant, given what already ran, under a catch-up policy. Pure: no clock, no database, no runs.

import { Cron } from 'croner';
import type { CatchUpPolicy, ScheduleConfig } from './config.js';
import { defaultCatchUp } from './config.js';
import { localDate } from './zoned-time.js';

/** A slot chosen to run: the instant it stands for and the data date it processes. */
export interface PlannedRun {
  slot: Date;
  runDate: string;
  trigger: 'scheduled' | 'catch-up';
}

/** The scheduler's verdict at one instant. */
export interface ScheduleDecision {
  runs: PlannedRun[];
  /** Missed slots the policy chose not to run (at most a few are listed). */
  skipped: Date[];
  /** The first slot after `now`. */
  next: Date | undefined;
}

/** What already ran, as the decision needs it. */
export interface ScheduleHistory {
  /** The latest slot a run was recorded for. */
  lastSlot?: Date;
  /** True when a run for this slot (or, for daily schedules, this run date) exists. */
  ran(slot: Date, runDate: string): boolean;
}

/** The croner job behind a schedule (never started; used only to compute instants). */
export function cronOf(schedule: ScheduleConfig): Cron {
  const pattern =
    schedule.type === 'daily'
      ? `${Number(schedule.time.slice(3, 5))} ${Number(schedule.time.slice(0, 2))} * * *`
      : schedule.type === 'hourly'
        ? `${schedule.minute} * * * *`
        : schedule.expression;
  return new Cron(pattern, { timezone: schedule.timezone, paused: true });
}

/** The data date a slot processes: its calendar date in the schedule's time zone. */
export function runDateOf(schedule: ScheduleConfig, slot: Date): string {
  return localDate(slot, schedule.timezone);
}

/** The first slot strictly after `instant`. */
export function nextSlot(schedule: ScheduleConfig, instant: Date): Date | undefined {
  return cronOf(schedule).nextRun(instant) ?? undefined;
}

/**
 * Decide what to run at `now`. Slots at or before `now` that have not run are "missed"; the newest is
 * on time when it is at most `grace_minutes` old. `none` runs only an on-time slot, `latest` the newest
 * missed slot, `all` up to `limit` of the newest missed slots, oldest first.
 */
export function decide(schedule: ScheduleConfig, now: Date, history: ScheduleHistory): ScheduleDecision {
  const catchUp: CatchUpPolicy = schedule.catch_up ?? defaultCatchUp;
  const cron = cronOf(schedule);
  const wanted = catchUp.policy === 'all' ? catchUp.limit : 1;
  // One more than wanted, to know whether older slots were passed over.
  const recent = cron.previousRuns(wanted + 1, new Date(now.getTime() + 1));
  const missed = recent
    .filter((slot) => !history.lastSlot || slot.getTime() > history.lastSlot.getTime())
    .filter((slot) => !history.ran(slot, runDateOf(schedule, slot)));
  const next = nextSlot(schedule, now);
  const newest = missed[0];
  if (!newest) return { runs: [], skipped: [], next };
  const onTime = now.getTime() - newest.getTime() <= catchUp.grace_minutes * 60_000;
  const chosen = catchUp.policy === 'none' ? (onTime ? [newest] : []) : missed.slice(0, wanted);
  const runs = chosen
    .map((slot): PlannedRun => ({
      slot,
      runDate: runDateOf(schedule, slot),
      trigger: slot === newest && onTime ? 'scheduled' : 'catch-up',
    }))
    .reverse();
  // Without any history there is no start point, so nothing older counts as missed.
  const skipped = history.lastSlot ? missed.filter((slot) => !chosen.includes(slot)) : [];
  return { runs, skipped, next };
}
