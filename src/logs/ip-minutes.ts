// Per-(IP, minute) counts for the burst detector: consolidating repeats, trimming a part to what a
// merge can need, and the exact merge across parts. Thresholds and severities are detectors.ts's.

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
    hasRepeats: false,
    ipIndex: [],
    minute: [],
    count: [],
    firstLine: [],
    lastLine: [],
    minutesSeen: [],
    lostRepeats: false,
    keptUpTo: Infinity,
    keptFrom: -Infinity,
  };
}

function select(counts: IpMinuteCounts, keep: (i: number) => boolean): void {
  let out = 0;
  for (let i = 0; i < counts.count.length; i++) {
    if (!keep(i)) continue;
    counts.ipIndex[out] = counts.ipIndex[i];
    counts.minute[out] = counts.minute[i];
    counts.count[out] = counts.count[i];
    counts.firstLine[out] = counts.firstLine[i];
    counts.lastLine[out] = counts.lastLine[i];
    out++;
  }
  for (const column of [counts.ipIndex, counts.minute, counts.count, counts.firstLine, counts.lastLine])
    column.length = out;
}

/** Add up pairs that appear more than once (an IP came back to an earlier minute). */
export function consolidateRepeats(counts: IpMinuteCounts): void {
  if (!counts.hasRepeats) return;
  const rowOf = new Map<string, number>();
  const merged = emptyIpMinutes();
  for (let i = 0; i < counts.count.length; i++) {
    const key = `${counts.ipIndex[i]}:${counts.minute[i]}`;
    const row = rowOf.get(key);
    if (row === undefined) {
      rowOf.set(key, merged.count.length);
      merged.ipIndex.push(counts.ipIndex[i]);
      merged.minute.push(counts.minute[i]);
      merged.count.push(counts.count[i]);
      merged.firstLine.push(counts.firstLine[i]);
      merged.lastLine.push(counts.lastLine[i]);
    } else {
      merged.count[row] += counts.count[i];
      merged.firstLine[row] = Math.min(merged.firstLine[row], counts.firstLine[i]);
      merged.lastLine[row] = Math.max(merged.lastLine[row], counts.lastLine[i]);
    }
  }
  Object.assign(counts, {
    ...merged,
    minutesSeen: counts.minutesSeen,
    lostRepeats: counts.lostRepeats,
    keptUpTo: counts.keptUpTo,
    keptFrom: counts.keptFrom,
  });
}

/**
 * Drop pairs no merge can need: at or below `threshold` and away from the part's first and last
 * minutes. Pairs below `prunedBelow` may already have been dropped (ip-minute-rows.ts), so the kept
 * edge starts there at the earliest.
 */
export function trimToEdges(
  counts: IpMinuteCounts,
  threshold: number,
  firstMinute: number,
  lastMinute: number,
  prunedBelow = -Infinity,
): void {
  counts.keptUpTo = firstMinute + EDGE_MINUTES;
  counts.keptFrom = Math.max(lastMinute - EDGE_MINUTES, prunedBelow);
  select(
    counts,
    (i) =>
      counts.count[i] > threshold ||
      counts.minute[i] <= counts.keptUpTo ||
      counts.minute[i] >= counts.keptFrom,
  );
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
    const counts = part.ipMinutes;
    const numbers = ipNumbers[p];
    for (let i = 0; i < counts.count.length; i++) {
      const minute = counts.minute[i];
      const inShared = isShared(minute);
      if (!inShared && counts.count[i] <= threshold) continue;
      const ip = numbers[counts.ipIndex[i]];
      const firstLine = counts.firstLine[i] + offsets[p];
      const lastLine = counts.lastLine[i] + offsets[p];
      if (!inShared) {
        bursts.push({ ip: ips.name(ip), minute, count: counts.count[i], firstLine, lastLine });
        continue;
      }
      let byIp = shared.get(minute);
      if (byIp === undefined) shared.set(minute, (byIp = new Map()));
      const existing = byIp.get(ip);
      if (!existing) byIp.set(ip, { ip: '', minute, count: counts.count[i], firstLine, lastLine });
      else {
        existing.count += counts.count[i];
        existing.firstLine = Math.min(existing.firstLine, firstLine);
        existing.lastLine = Math.max(existing.lastLine, lastLine);
      }
    }
  });
  for (const byIp of shared.values())
    for (const [ip, entry] of byIp) if (entry.count > threshold) bursts.push({ ...entry, ip: ips.name(ip) });
  return bursts.sort((a, b) => b.count - a.count || a.firstLine - b.firstLine);
}
