// Time as an injected dependency, so golden files, retries and schedules are exact in tests.
// Does not format dates for humans; see format-time.ts.

/** Everything a job needs to know about time. */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Wait `ms` milliseconds (a fake clock advances instead of waiting). */
  sleep(ms: number): Promise<void>;
}

/** The real wall clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * A clock that only moves when told to: `sleep` advances it at once, so tests never wait.
 * `sleeps` records every requested wait for assertions.
 */
export class FakeClock implements Clock {
  private current: number;
  readonly sleeps: number[] = [];

  constructor(start: Date | string | number = '2024-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.advance(ms);
  }

  /** Move time forward by `ms`. */
  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }

  /** Jump to an instant. */
  set(instant: Date | string | number): void {
    this.current = new Date(instant).getTime();
  }
}

/**
 * The clock the CLI uses: the system clock, or one pinned at `SLUICE_NOW` (an ISO instant)
 * whose sleeps advance it without waiting. Golden tests set `SLUICE_NOW`.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env.SLUICE_NOW;
  if (!pinned) return systemClock;
  const instant = new Date(pinned);
  if (Number.isNaN(instant.getTime())) throw new Error(`SLUICE_NOW is not an ISO instant: ${pinned}`);
  return new FakeClock(instant);
}
