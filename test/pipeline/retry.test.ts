import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { ConfigError, InputError, JobError } from '../../src/core/errors.js';
import { backoffDelay, isTransient, withRetry } from '../../src/pipeline/retry.js';

const policy = { maxRetries: 3, baseDelayMs: 5000 };
const coded = (code: string) => Object.assign(new Error(code), { code });

describe('retry', () => {
  it.each([
    { error: new JobError('busy', { transient: true }), transient: true },
    { error: new JobError('broken'), transient: false },
    { error: new InputError('missing file'), transient: false },
    { error: new ConfigError('bad key'), transient: false },
    { error: coded('ECONNRESET'), transient: true },
    { error: coded('SQLITE_BUSY'), transient: true },
    { error: coded('ENOENT'), transient: false },
    { error: new TypeError('bug'), transient: false },
  ])('classes $error.message as transient=$transient', ({ error, transient }) => {
    expect(isTransient(error)).toBe(transient);
  });

  it('doubles the delay on each retry', () => {
    expect([1, 2, 3].map((retry) => backoffDelay(policy, retry))).toEqual([5000, 10000, 20000]);
  });

  it('retries a transient failure with backoff, then succeeds', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const outcome = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new JobError('busy', { transient: true });
        return 'done';
      },
      policy,
      clock,
    );
    expect(outcome).toEqual({ ok: true, value: 'done', attempts: 3 });
    expect(clock.sleeps).toEqual([5000, 10000]);
  });

  it('fails at once on a permanent error', async () => {
    const clock = new FakeClock();
    const outcome = await withRetry(() => Promise.reject(new InputError('no file')), policy, clock);
    expect(outcome).toMatchObject({ ok: false, attempts: 1, transient: false });
    expect(clock.sleeps).toEqual([]);
  });

  it('gives up after max_retries retries', async () => {
    const clock = new FakeClock();
    const retries: number[] = [];
    const outcome = await withRetry(
      () => Promise.reject(new JobError('down', { transient: true })),
      policy,
      clock,
      ({ retry }) => retries.push(retry),
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 4, transient: true });
    expect(retries).toEqual([1, 2, 3]);
    expect(clock.sleeps).toEqual([5000, 10000, 20000]);
  });
});
