// Retrying a step: exponential backoff through the injected Clock, and the line between transient
// errors (retried) and permanent ones (fail at once). Does not log; it reports each retry to a callback.

import type { Clock } from '../core/clock.js';
import { isSluiceError } from '../core/errors.js';

/** How a step is retried (from `error_handling`). */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Delay before the first retry; each later retry waits twice as long. */
  baseDelayMs: number;
}

/** Node and SQLite error codes that may clear up by themselves. */
const TRANSIENT_CODES = new Set([
  'EBUSY',
  'EAGAIN',
  'EMFILE',
  'ENFILE',
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/**
 * True when retrying may help: a JobError marked transient, or a system error with a transient code.
 * Config, input and schema errors, and bugs, are permanent.
 */
export function isTransient(error: unknown): boolean {
  if (isSluiceError(error)) return error.transient;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

/** The wait before retry number `retry` (1-based): base x 2^(retry-1). */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  return policy.baseDelayMs * 2 ** (retry - 1);
}

/** What happened to an operation under retry. */
export type RetryOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: unknown; attempts: number; transient: boolean };

/**
 * Run `operation` until it succeeds, fails permanently or runs out of retries.
 * `onRetry` hears about each retry before its wait.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  clock: Clock,
  onRetry: (info: { error: unknown; retry: number; delayMs: number }) => void = () => {},
): Promise<RetryOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await operation(attempt), attempts: attempt };
    } catch (error) {
      const transient = isTransient(error);
      if (!transient || attempt > policy.maxRetries)
        return { ok: false, error, attempts: attempt, transient };
      const delayMs = backoffDelay(policy, attempt);
      onRetry({ error, retry: attempt, delayMs });
      await clock.sleep(delayMs);
    }
  }
}
