// The day's busiest endpoints and client IPs, ranked once for both the text report and the summary JSON.
// Does not format anything for display.

import type { DayMetrics } from './merge.js';
import { compareText } from './order.js';

/** An endpoint (`METHOD /normalized/path`) with its totals. */
export interface TopEndpoint {
  endpoint: string;
  requests: number;
  errors: number;
  bytes: number;
}

/** The `n` endpoints with the most requests (ties by name). */
export function topEndpoints(day: DayMetrics, n: number): TopEndpoint[] {
  return [...day.endpoints.entries()]
    .sort((a, b) => b[1].requests - a[1].requests || compareText(a[0], b[0]))
    .slice(0, n)
    .map(([endpoint, t]) => ({ endpoint, requests: t.requests, errors: t.errors, bytes: t.bytes }));
}

/** The `n` client IPs with the most requests (ties by address). */
export function topIps(day: DayMetrics, n: number) {
  return [...day.ips.values()].sort((a, b) => b.requests - a.requests || compareText(a.ip, b.ip)).slice(0, n);
}
