// The day's busiest endpoints and client IPs, ranked once for both the text report and the summary JSON.
// Does not format anything for display.

import type { IpTally } from './partial.js';
import type { DayMetrics } from './merge.js';
import { compareText } from './order.js';

/** An endpoint (`METHOD /normalized/path`) with its totals. */
export interface TopEndpoint {
  endpoint: string;
  requests: number;
  errors: number;
  bytes: number;
}

/**
 * The `n` first items of `items` in `compare` order, as sorting them all and slicing would give
 * when `compare` is a total order; one pass that keeps the best `n` sorted (a day has tens of
 * thousands of IPs and sorting them all took about 40 ms per list).
 */
export function firstInOrder<T>(items: Iterable<T>, n: number, compare: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (n <= 0) return best;
  for (const item of items) {
    if (best.length === n && compare(item, best[n - 1]) >= 0) continue;
    let at = best.length === n ? n - 1 : best.length;
    while (at > 0 && compare(item, best[at - 1]) < 0) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = item;
  }
  return best;
}

/** The `n` endpoints with the most requests (ties by name). */
export function topEndpoints(day: DayMetrics, n: number): TopEndpoint[] {
  return firstInOrder(
    day.endpoints.entries(),
    n,
    (a, b) => b[1].requests - a[1].requests || compareText(a[0], b[0]),
  ).map(([endpoint, t]) => ({ endpoint, requests: t.requests, errors: t.errors, bytes: t.bytes }));
}

/** The `n` client IPs with the most requests (ties by address). */
export function topIps(day: DayMetrics, n: number): IpTally[] {
  const { ips } = day;
  return firstInOrder(
    ips.busiest(n),
    n,
    (a, b) => ips.requests(b) - ips.requests(a) || compareText(ips.name(a), ips.name(b)),
  ).map((number) => ips.tally(number));
}
