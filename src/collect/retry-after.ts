// Reading a server's "wait this long" answer: the Retry-After header (delta-seconds or an HTTP date)
// or a `retry_after` field in the JSON body. Does not decide whether to wait; the retry policy does.

/** Where a wait came from, for the log. */
export type RetryAfterSource = 'header' | 'body' | 'config';

/** A wait the server asked for, in ms. */
export interface RetryAfter {
  ms: number;
  source: RetryAfterSource;
}

/**
 * Parse a Retry-After header value: whole or decimal seconds, or an HTTP date (a date in the past
 * means 0). Returns undefined for anything else so the caller can fall back.
 */
export function parseRetryAfterHeader(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) return undefined;
  return Math.max(0, instant - now.getTime());
}

/** The `retry_after` field of an error body (seconds, number or numeric string). */
export function parseRetryAfterBody(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || !('retry_after' in body)) return undefined;
  const raw = (body as { retry_after: unknown }).retry_after;
  const value = typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.round(value * 1000)
    : undefined;
}

/** The header if valid, else the body field, else undefined. */
export function retryAfterFrom(header: string | null, body: unknown, now: Date): RetryAfter | undefined {
  const fromHeader = parseRetryAfterHeader(header, now);
  if (fromHeader !== undefined) return { ms: fromHeader, source: 'header' };
  const fromBody = parseRetryAfterBody(body);
  if (fromBody !== undefined) return { ms: fromBody, source: 'body' };
  return undefined;
}
