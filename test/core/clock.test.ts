import { describe, expect, it } from 'vitest';
import { clockFromEnv, FakeClock, systemClock } from '../../src/core/clock.js';
import { compactStamp, isIsoDate, isoInstant, logTimestamp } from '../../src/core/format-time.js';

describe('clocks', () => {
  it('a fake clock advances on sleep without waiting and records the waits', async () => {
    const clock = new FakeClock('2024-01-17T10:00:00Z');
    await clock.sleep(5000);
    expect(clock.now().toISOString()).toBe('2024-01-17T10:00:05.000Z');
    expect(clock.sleeps).toEqual([5000]);
  });

  it('SLUICE_NOW pins the clock; without it the system clock is used', () => {
    expect(clockFromEnv({ SLUICE_NOW: '2024-01-15T10:30:00Z' }).now().toISOString()).toBe(
      '2024-01-15T10:30:00.000Z',
    );
    expect(clockFromEnv({})).toBe(systemClock);
    expect(() => clockFromEnv({ SLUICE_NOW: 'soon' })).toThrowError(/SLUICE_NOW/);
  });
});

describe('time formats', () => {
  const t = new Date('2024-01-17T02:00:09Z');
  it('formats log stamps, instants and compact stamps in UTC', () => {
    expect(logTimestamp(t)).toBe('2024-01-17 02:00:09');
    expect(isoInstant(t)).toBe('2024-01-17T02:00:09Z');
    expect(compactStamp(t)).toBe('20240117_020009');
    expect(compactStamp(t, '-')).toBe('20240117-020009');
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-01-32', false],
    ['2024-1-5', false],
  ])('isIsoDate(%s) = %s', (text, ok) => expect(isIsoDate(text)).toBe(ok));
});
