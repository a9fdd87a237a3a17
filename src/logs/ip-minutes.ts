// Per-(IP, minute) counts for the burst detector: consolidating repeats, trimming a part to what a
// merge can need, and the exact merge across parts. Thresholds and severities are detectors.ts's.

import { PAIR_COUNT, PAIR_FIELDS, PAIR_FIRST_LINE, PAIR_IP, PAIR_LAST_LINE, PAIR_MINUTE } from './partial.js';
import type { IpMinuteCounts, PartialAggregate } from './partial.js';

/** Minutes at each edge of a part whose pairs are always kept (timestamps may be a little out of order). */
export const EDGE_MINUTES = 10;

/** Requests from one IP in one minute above the burst threshold. */
export interface IpMinuteBurst {
  ip: string;
  /** Minutes since the epoch, in report time. */
  minute: number;
  count: number;
  firstLine: number;
  lastLine: number;
}

/** Empty counts for a new part. */
export function emptyIpMinutes(): IpMinuteCounts {
  return {
    rows: new Float64Array(0),
    minutesSeen: [],
    lostRepeats: false,
    keptUpTo: Infinity,
    keptFrom: -Infinity,
  };
}

/**
 * Add up, in place, the first `length` rows of `rows` that are the same pair (an IP came back to an
 * earlier minute; only minutes in `repeatMinutes` can hold such pairs). Rows keep the order of their
 * pair's first row; returns how many rows there are now.
 */
export function consolidateRepeats(
  rows: Float64Array,
  length: number,
  repeatMinutes: ReadonlySet<number>,
): number {
  // Row of each pair in a repeated minute, by minute and then IP.
  const rowOf = new Map<number, Map<number, number>>();
  let out = 0;
  for (let at = 0; at < length * PAIR_FIELDS; at += PAIR_FIELDS) {
    const minute = rows[at + PAIR_MINUTE];
    if (repeatMinutes.has(minute)) {
      let byIp = rowOf.get(minute);
      if (byIp === undefined) rowOf.set(minute, (byIp = new Map()));
      const row = byIp.get(rows[at + PAIR_IP]);
      if (row !== undefined) {
        const to = row * PAIR_FIELDS;
        rows[to + PAIR_COUNT] += rows[at + PAIR_COUNT];
        rows[to + PAIR_FIRST_LINE] = Math.min(rows[to + PAIR_FIRST_LINE], rows[at + PAIR_FIRST_LINE]);
        rows[to + PAIR_LAST_LINE] = Math.max(rows[to + PAIR_LAST_LINE], rows[at + PAIR_LAST_LINE]);
        continue;
      }
      byIp.set(rows[at + PAIR_IP], out);
    }
    const to = out++ * PAIR_FIELDS;
    if (to !== at) for (let field = 0; field < PAIR_FIELDS; field++) rows[to + field] = rows[at + field];
  }
  return out;
}

/**
 * Keep, in place, only the first `length` rows a merge can need: above `threshold` or within the
 * part's first and last minutes (sets `counts`' kept edges). Rows below `prunedBelow` may already
 * have been dropped (ip-minute-rows.ts), so the kept edge starts there at the earliest. Returns how
 * many rows are kept.
 */
export function trimToEdges(
  counts: IpMinuteCounts,
  rows: Float64Array,
  length: number,
  threshold: number,
  firstMinute: number,
  lastMinute: number,
  prunedBelow = -Infinity,
): number {
  const upTo = (counts.keptUpTo = firstMinute + EDGE_MINUTES);
  const from = (counts.keptFrom = Math.max(lastMinute - EDGE_MINUTES, prunedBelow));
  let out = 0;
  for (let at = 0; at < length * PAIR_FIELDS; at += PAIR_FIELDS) {
    const minute = rows[at + PAIR_MINUTE];
    if (rows[at + PAIR_COUNT] <= threshold && minute > upTo && minute < from) continue;
    const to = out++ * PAIR_FIELDS;
    if (to !== at) for (let field = 0; field < PAIR_FIELDS; field++) rows[to + field] = rows[at + field];
  }
  return out;
}

/**
 * Exact (IP, minute) counts above `threshold`, or undefined when a minute shared by two parts was
 * trimmed from one of them, or a part lost a repeat (a badly out-of-order log): the caller then scans
 * again keeping every pair. `ipNumbers[p]` gives part p's IPs' numbers among the day's IPs, and
 * `ips.name` a day IP's address.
 */
export function mergeIpMinutes(
  parts: readonly PartialAggregate[],
  offsets: readonly number[],
  ipNumbers: readonly Int32Array[],
  ips: { name(number: number): string },
  threshold: number,
): IpMinuteBurst[] | undefined {
  const partsPerMinute = new Map<number, number>();
  for (const part of parts)
    for (const minute of part.ipMinutes.minutesSeen)
      partsPerMinute.set(minute, (partsPerMinute.get(minute) ?? 0) + 1);
  const isShared = (minute: number) => (partsPerMinute.get(minute) ?? 0) > 1;
  if (parts.some((part) => part.ipMinutes.lostRepeats)) return undefined;
  for (const { ipMinutes } of parts) {
    if (ipMinutes.minutesSeen.some((m) => isShared(m) && m > ipMinutes.keptUpTo && m < ipMinutes.keptFrom))
      return undefined;
  }
  // Rows of shared minutes, by minute and then by the day's IP number.
  const shared = new Map<number, Map<number, IpMinuteBurst>>();
  const bursts: IpMinuteBurst[] = [];
  parts.forEach((part, p) => {
    const rows = part.ipMinutes.rows;
    const numbers = ipNumbers[p];
    const offset = offsets[p];
    for (const at of rowsToMerge(rows, isShared, threshold)) {
      const minute = rows[at + PAIR_MINUTE];
      const count = rows[at + PAIR_COUNT];
      const ip = numbers[rows[at + PAIR_IP]];
      const firstLine = rows[at + PAIR_FIRST_LINE] + offset;
      const lastLine = rows[at + PAIR_LAST_LINE] + offset;
      if (!isShared(minute)) {
        bursts.push({ ip: ips.name(ip), minute, count, firstLine, lastLine });
        continue;
      }
      let byIp = shared.get(minute);
      if (byIp === undefined) shared.set(minute, (byIp = new Map()));
      const existing = byIp.get(ip);
      if (!existing) byIp.set(ip, { ip: '', minute, count, firstLine, lastLine });
      else {
        existing.count += count;
        existing.firstLine = Math.min(existing.firstLine, firstLine);
        existing.lastLine = Math.max(existing.lastLine, lastLine);
      }
    }
  });
  for (const byIp of shared.values())
    for (const [ip, entry] of byIp) if (entry.count > threshold) bursts.push({ ...entry, ip: ips.name(ip) });
  return bursts.sort((a, b) => b.count - a.count || a.firstLine - b.firstLine);
}

/**
 * Where the rows a merge takes are in `rows` (a part's): those above `threshold` and those of a minute
 * another part also saw. (A loop of its own, simple for V8 to compile: most rows are neither.)
 */
function rowsToMerge(rows: Float64Array, isShared: (minute: number) => boolean, threshold: number): number[] {
  const taken: number[] = [];
  // Rows come roughly in time order: a minute's verdict is looked up when the minute changes.
  let minuteOfVerdict = Number.NaN;
  let inShared = false;
  for (let at = 0; at < rows.length; at += PAIR_FIELDS) {
    const minute = rows[at + PAIR_MINUTE];
    if (minute !== minuteOfVerdict) {
      minuteOfVerdict = minute;
      inShared = isShared(minute);
    }
    if (inShared || rows[at + PAIR_COUNT] > threshold) taken.push(at);
  }
  return taken;
}
