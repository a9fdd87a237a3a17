// Proactive client-side pacing: at most N requests in any rolling 60-second window (a sliding-window log),
// so a healthy run never trips the server's own limit. Does not react to 429s; the client does that.

import type { Clock } from '../core/clock.js';

const WINDOW_MS = 60_000;

/** A sliding-window limiter over the injected clock. */
export class RateLimiter {
  /** Completion times of the most recent requests, oldest first (at most `limit`). */
  private readonly recent: number[] = [];

  constructor(
    private readonly clock: Clock,
    readonly requestsPerMinute: number,
  ) {}

  /** How long the next request must wait (ms) to stay within the limit; 0 when it may go now. */
  waitNeeded(): number {
    if (this.recent.length < this.requestsPerMinute) return 0;
    const oldest = this.recent[this.recent.length - this.requestsPerMinute];
    return Math.max(0, oldest + WINDOW_MS - this.clock.now().getTime());
  }

  /** Wait until a request may be sent; returns the time waited in ms. */
  async acquire(): Promise<number> {
    const wait = this.waitNeeded();
    if (wait > 0) await this.clock.sleep(wait);
    return wait;
  }

  /**
   * Record a request once its response has arrived. Counting from the response (not the send) keeps
   * the window conservative when the server stamps requests later than we sent them.
   */
  record(): void {
    this.recent.push(this.clock.now().getTime());
    if (this.recent.length > this.requestsPerMinute) this.recent.shift();
  }
}
