import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/collect/rate-limiter.js';
import { FakeClock } from '../../src/core/clock.js';
import { apiConfig, collectWith, makeMock, makeWorkspace } from './helpers.js';

/** The most requests that arrived within any rolling 60-second window. */
function busiestMinute(times: number[]): number {
  let most = 0;
  for (let i = 0; i < times.length; i++)
    most = Math.max(most, times.filter((t) => t >= times[i] && t < times[i] + 60_000).length);
  return most;
}

describe('RateLimiter', () => {
  it('lets N requests go at once, then waits for the oldest to leave the window', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(clock, 3);
    for (let i = 0; i < 3; i++) {
      expect(await limiter.acquire()).toBe(0);
      limiter.record();
      clock.advance(1000);
    }
    expect(limiter.waitNeeded()).toBe(57_000);
    expect(await limiter.acquire()).toBe(57_000);
  });

  it.each([1, 5, 10])(
    'keeps a whole run within %i requests per rolling minute, so the server never limits it',
    async (rpm) => {
      const clock = new FakeClock('2024-01-17T10:00:00Z');
      const mock = makeMock(clock, { requestsPerMinute: rpm, productCount: 230 });
      const dir = makeWorkspace(
        apiConfig({ rate_limit: { requests_per_minute: rpm }, pagination: { page_size: 20, max_pages: 50 } }),
      );
      await collectWith(dir, clock, mock.fetch);
      expect(mock.requests.length).toBeGreaterThan(rpm);
      expect(busiestMinute(mock.requests.map((r) => r.at))).toBeLessThanOrEqual(rpm);
      expect(mock.requests.every((r) => r.status === 200)).toBe(true);
    },
  );
});
