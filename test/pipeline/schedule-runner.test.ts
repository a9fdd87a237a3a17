import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { backfill, scheduleLoop, scheduleOnce, StopSignal } from '../../src/pipeline/schedule-runner.js';
import { editConfig, exampleWorkspace } from './helpers.js';

describe('scheduler runner', () => {
  it('the loop catches up the missed slot (latest policy), runs the 02:00 slot once, then sleeps until the next', async () => {
    const dir = exampleWorkspace();
    const clock = new FakeClock('2024-01-17T01:00:00Z');
    const results = await scheduleLoop({
      dir,
      clock,
      env: {},
      signal: new StopSignal(),
      pollMs: 3_600_000,
      until: new Date('2024-01-17T23:00:00Z'),
    });
    expect(results.map((r) => [r.runId, r.date, r.status])).toEqual([
      ['RUN-20240117-010000', '2024-01-16', 'failed'],
      ['RUN-20240117-020000', '2024-01-17', 'success'],
    ]);
    expect(clock.now().toISOString()).toBe('2024-01-18T00:00:00.000Z');
  });

  it('the loop stops when signalled, after the check in progress', async () => {
    const dir = exampleWorkspace();
    const signal = new StopSignal();
    let checks = 0;
    await scheduleLoop({
      dir,
      clock: new FakeClock('2024-01-17T05:00:00Z'),
      env: {},
      signal,
      onCheck: () => {
        checks += 1;
        signal.stop();
      },
    });
    expect(checks).toBe(1);
  });

  it('--once runs nothing when the slot already ran', async () => {
    const dir = exampleWorkspace();
    const clock = new FakeClock('2024-01-17T02:00:00Z');
    expect((await scheduleOnce({ dir, clock, env: {} })).results).toHaveLength(1);
    clock.advance(3_600_000);
    const again = await scheduleOnce({ dir, clock, env: {} });
    expect(again.results).toHaveLength(0);
    expect(again.decision.next?.toISOString()).toBe('2024-01-18T02:00:00.000Z');
  });

  it('refuses to schedule a pipeline without a schedule', async () => {
    const dir = exampleWorkspace();
    editConfig(dir, (c) => {
      delete c.schedule;
    });
    await expect(scheduleOnce({ dir, clock: new FakeClock() })).rejects.toThrow(
      /no "schedule" is configured/,
    );
  });

  it('backfill runs each date in order and goes on past a failed date', async () => {
    const dir = exampleWorkspace();
    const results = await backfill({
      dir,
      clock: new FakeClock('2024-01-20T12:00:00Z'),
      env: {},
      from: '2024-01-16',
      to: '2024-01-17',
    });
    expect(results.map((r) => [r.date, r.status])).toEqual([
      ['2024-01-16', 'failed'],
      ['2024-01-17', 'success'],
    ]);
    expect(results[1].runId).toBe('RUN-20240120-120000-2');
  });

  it.each([
    { from: '2024-01-17', to: '2024-01-16', message: 'is after' },
    { from: '2024-13-01', to: '2024-01-16', message: 'is not a date' },
    { from: '2020-01-01', to: '2024-01-16', message: 'more than 366' },
  ])('backfill refuses --from $from --to $to', async ({ from, to, message }) => {
    await expect(backfill({ dir: exampleWorkspace(), clock: new FakeClock(), from, to })).rejects.toThrow(
      message,
    );
  });
});
