import { describe, expect, it } from 'vitest';
import { IpMinuteRows } from '../../src/logs/ip-minute-rows.js';
import { EDGE_MINUTES, mergeIpMinutes } from '../../src/logs/ip-minutes.js';
import { PAIR_FIELDS, PAIR_MINUTE } from '../../src/logs/partial.js';
import type { IpMinuteCounts, PartialAggregate } from '../../src/logs/partial.js';

const THRESHOLD = 3;

/** Feed runs (ip, minute, count) in order, with `now` the run's minute, as the accumulator does. */
function collect(runs: [number, number, number][], capacity: number, keepAll = false) {
  const rows = new IpMinuteRows(keepAll ? undefined : THRESHOLD, capacity);
  const flushed = new Map<number, number>();
  const seen = new Set<number>();
  let line = 0;
  for (const [ip, minute, count] of runs) {
    rows.advance(minute);
    seen.add(minute);
    const repeat = minute <= (flushed.get(ip) ?? -Infinity);
    if (!repeat) flushed.set(ip, minute);
    rows.add(ip, minute, count, line + 1, line + count, repeat);
    line += count;
  }
  return rows.finish([...seen], runs.length > 0 ? runs[runs.length - 1][1] : undefined);
}

/** The bursts one part's counts give (IPs named by number). */
function bursts(counts: IpMinuteCounts) {
  const part = { ipMinutes: counts };
  const numbers = new Int32Array(Array.from({ length: 100 }, (_, i) => i));
  return mergeIpMinutes([part as unknown as PartialAggregate], [0], [numbers], { name: (i) => `ip${i}` }, THRESHOLD);
}

function randomRuns(seed: number, length: number, jitter: number): [number, number, number][] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length }, (_, i) => [
    Math.floor(random() * 50),
    1000 + Math.floor(i / 40) - Math.floor(random() * jitter),
    1 + Math.floor(random() * 3),
  ]);
}

describe('IpMinuteRows', () => {
  it('gives the same bursts with a small buffer that drops rows as with one that keeps them all', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const runs = randomRuns(seed, 8000, 3);
      const all = bursts(collect(runs, 1 << 16, true));
      expect(all?.length).toBeGreaterThan(0);
      expect(bursts(collect(runs, 64))).toEqual(all);
    }
  });

  it('drops rows at or below the threshold behind the current minute, but not the first minutes', () => {
    const runs: [number, number, number][] = [];
    for (let minute = 0; minute < 300; minute++) runs.push([minute % 7, minute, minute === 150 ? 9 : 1]);
    const counts = collect(runs, 16);
    const kept = new Set(counts.rows.filter((_, at) => at % PAIR_FIELDS === PAIR_MINUTE));
    expect(kept.has(0) && kept.has(EDGE_MINUTES)).toBe(true);
    expect(kept.has(150)).toBe(true);
    expect(kept.has(100)).toBe(false);
    for (let minute = counts.keptFrom; minute < 300; minute++) expect(kept.has(minute)).toBe(true);
    expect(counts.keptFrom).toBe(299 - EDGE_MINUTES);
    expect(counts.lostRepeats).toBe(false);
  });

  it('keeps the rows of a minute an IP came back to, so their sum decides', () => {
    const runs: [number, number, number][] = [
      [1, 5, 2],
      ...Array.from({ length: 40 }, (_, i): [number, number, number] => [2, 20 + i, 1]),
      [1, 30, 2],
      [3, 31, 1],
      [1, 30, 2],
      ...Array.from({ length: 200 }, (_, i): [number, number, number] => [2, 100 + i, 1]),
    ];
    const counts = collect(runs, 8);
    expect(bursts(counts)?.map((b) => [b.ip, b.minute, b.count])).toEqual([['ip1', 30, 4]]);
  });

  it('reports lost counts when an IP comes back to a minute whose rows were already dropped', () => {
    const runs: [number, number, number][] = [
      ...Array.from({ length: 200 }, (_, i): [number, number, number] => [2, i, 1]),
      [2, 50, 3],
    ];
    const counts = collect(runs, 8);
    expect(counts.lostRepeats).toBe(true);
    expect(bursts(counts)).toBeUndefined();
    expect(collect(runs, 8, true).lostRepeats).toBe(false);
  });
});
