import { describe, expect, it } from 'vitest';
import type { ScheduleConfig } from '../../src/pipeline/config.js';
import { pipelineConfigSchema } from '../../src/pipeline/config.js';
import { decide, nextSlot } from '../../src/pipeline/scheduler.js';
import type { ScheduleHistory } from '../../src/pipeline/scheduler.js';

/** A schedule as the config schema would produce it (defaults filled). */
function schedule(raw: Record<string, unknown>): ScheduleConfig {
  const config = pipelineConfigSchema.parse({
    pipeline_name: 'p',
    schedule: raw,
    extract: { sources: [{ name: 's', type: 'csv', path: 'x.csv' }] },
    load: { destinations: [{ name: 'd', type: 'csv', path: 'y.csv' }] },
  });
  return config.schedule as ScheduleConfig;
}

function history(slots: string[] = []): ScheduleHistory & { add(slot: Date, runDate: string): void } {
  const ran = new Set(slots);
  const dates = new Set<string>();
  let last = slots.at(-1) ? new Date(slots.at(-1) as string) : undefined;
  return {
    get lastSlot() {
      return last;
    },
    ran: (slot, runDate) => ran.has(slot.toISOString()) || dates.has(runDate),
    add(slot, runDate) {
      ran.add(slot.toISOString());
      dates.add(runDate);
      last = slot;
    },
  };
}

const daily = (extra: Record<string, unknown> = {}) =>
  schedule({ type: 'daily', time: '02:00', timezone: 'UTC', ...extra });
const iso = (d: Date) => d.toISOString().replace('.000', '');

describe('scheduler decisions', () => {
  it.each([
    {
      name: 'due exactly at the slot',
      now: '2024-01-17T02:00:00Z',
      policy: 'latest',
      ran: [],
      runs: ['2024-01-17T02:00:00Z scheduled'],
    },
    {
      name: 'still on time within the grace period',
      now: '2024-01-17T02:10:00Z',
      policy: 'none',
      ran: [],
      runs: ['2024-01-17T02:00:00Z scheduled'],
    },
    {
      name: 'not due before the slot',
      now: '2024-01-17T01:59:00Z',
      policy: 'latest',
      ran: ['2024-01-16T02:00:00.000Z'],
      runs: [],
    },
    {
      name: 'not due once the slot ran',
      now: '2024-01-17T09:00:00Z',
      policy: 'latest',
      ran: ['2024-01-17T02:00:00.000Z'],
      runs: [],
    },
    {
      name: 'none skips a late slot',
      now: '2024-01-17T09:00:00Z',
      policy: 'none',
      ran: ['2024-01-16T02:00:00.000Z'],
      runs: [],
    },
    {
      name: 'latest catches up only the newest missed slot',
      now: '2024-01-20T09:00:00Z',
      policy: 'latest',
      ran: ['2024-01-16T02:00:00.000Z'],
      runs: ['2024-01-20T02:00:00Z catch-up'],
    },
    {
      name: 'all catches up the newest missed slots up to the limit, oldest first',
      now: '2024-01-20T02:05:00Z',
      policy: 'all',
      ran: ['2024-01-16T02:00:00.000Z'],
      runs: [
        '2024-01-18T02:00:00Z catch-up',
        '2024-01-19T02:00:00Z catch-up',
        '2024-01-20T02:00:00Z scheduled',
      ],
    },
  ])('$name', ({ now, policy, ran, runs }) => {
    const decision = decide(daily({ catch_up: { policy, limit: 3 } }), new Date(now), history(ran));
    expect(decision.runs.map((run) => `${iso(run.slot)} ${run.trigger}`)).toEqual(runs);
  });

  it('lists the missed slots a policy passed over', () => {
    const decision = decide(
      daily({ catch_up: { policy: 'latest' } }),
      new Date('2024-01-20T09:00:00Z'),
      history(['2024-01-16T02:00:00.000Z']),
    );
    expect(decision.skipped.map(iso)).toEqual(['2024-01-19T02:00:00Z']);
    expect(iso(decision.next as Date)).toBe('2024-01-21T02:00:00Z');
  });

  it('gives each slot its date in the schedule time zone', () => {
    const decision = decide(
      schedule({ type: 'daily', time: '23:30', timezone: 'America/Los_Angeles' }),
      new Date('2024-01-18T07:31:00Z'),
      history(),
    );
    expect(decision.runs.map((run) => run.runDate)).toEqual(['2024-01-17']);
  });

  it('supports hourly and cron schedules with a time zone', () => {
    const hourly = decide(
      schedule({ type: 'hourly', minute: 15 }),
      new Date('2024-01-17T10:20:00Z'),
      history(),
    );
    expect(hourly.runs.map((run) => iso(run.slot))).toEqual(['2024-01-17T10:15:00Z']);
    const mondays = schedule({ type: 'cron', expression: '0 6 * * 1', timezone: 'Europe/Berlin' });
    expect(iso(nextSlot(mondays, new Date('2024-01-10T00:00:00Z')) as Date)).toBe('2024-01-15T05:00:00Z');
  });

  it.each([
    {
      name: 'spring forward (02:30 does not exist)',
      time: '02:30',
      from: '2024-03-08T12:00:00Z',
      to: '2024-03-13T12:00:00Z',
      dates: ['2024-03-09', '2024-03-10', '2024-03-11', '2024-03-12', '2024-03-13'],
    },
    {
      name: 'fall back (01:30 happens twice)',
      time: '01:30',
      from: '2024-11-01T12:00:00Z',
      to: '2024-11-06T12:00:00Z',
      dates: ['2024-11-02', '2024-11-03', '2024-11-04', '2024-11-05', '2024-11-06'],
    },
  ])('runs a daily schedule exactly once per day across $name', ({ time, from, to, dates }) => {
    const newYork = schedule({
      type: 'daily',
      time,
      timezone: 'America/New_York',
      catch_up: { policy: 'none' },
    });
    const seen = history();
    const ranDates: string[] = [];
    // Wake at every slot, and also every 30 minutes in between, as a polling scheduler would.
    for (let now = new Date(from); now <= new Date(to); now = new Date(now.getTime() + 30 * 60_000)) {
      for (const run of decide(newYork, now, seen).runs) {
        seen.add(run.slot, run.runDate);
        ranDates.push(run.runDate);
      }
    }
    expect(ranDates).toEqual(dates);
  });

  it.each([
    { raw: { type: 'daily', time: '25:00' }, message: 'HH:MM' },
    { raw: { type: 'daily', time: '02:00', timezone: 'Mars/Olympus' }, message: 'IANA time zone' },
    { raw: { type: 'cron', expression: 'every day' }, message: 'cron expression' },
    { raw: { type: 'weekly' }, message: "Expected 'daily' | 'hourly' | 'cron'" },
  ])('rejects the schedule $raw', ({ raw, message }) => {
    expect(() => schedule(raw)).toThrow(message);
  });
});
