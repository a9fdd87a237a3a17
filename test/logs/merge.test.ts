import { describe, expect, it } from 'vitest';
import { pathArea } from '../../src/logs/accumulate.js';
import type { DayMetrics } from '../../src/logs/merge.js';
import { SeededRandom } from '../../src/logs/random.js';
import { topIps } from '../../src/logs/top-lists.js';
import { dayFrom, logLine, repeat } from './cases/lines.js';

const sample = [
  logLine({ ip: '10.0.0.1', at: '00:10:00', status: 200, bytes: 100, user: 'ann' }),
  logLine({ ip: '10.0.0.1', at: '00:59:59', status: 404, bytes: '-', path: '/api/products/7' }),
  logLine({ ip: '10.0.0.2', at: '09:15:00', status: 500, bytes: 300, path: '/api/products/8?x=1' }),
  'garbage line',
  logLine({ ip: '2001:db8::5', at: '23:59:59', status: 301, bytes: 0, user: 'bob' }),
];

describe('accumulate and merge', () => {
  it('counts requests, errors, bytes, hours and status codes', () => {
    const day = dayFrom(sample);
    expect(day.requests).toBe(4);
    expect(day.lines).toBe(5);
    expect(day.bytes).toBe(400);
    expect(day.statuses).toEqual({ 200: 1, 301: 1, 404: 1, 500: 1 });
    expect(day.hours[0]).toEqual({ hour: 0, requests: 2, errors: 1, bytes: 100, uniqueIps: 1 });
    expect(day.hours[9]).toMatchObject({ requests: 1, errors: 1, uniqueIps: 1 });
    expect(day.hours[23]).toMatchObject({ requests: 1, errors: 0 });
    expect(day.minuteRequests[9 * 60 + 15]).toBe(1);
    expect(day.uniqueUsers).toBe(2);
  });

  it('groups endpoints by method and normalized path and keeps the first error lines', () => {
    const day = dayFrom(sample);
    expect(day.endpoints.get('GET /api/products/{id}')).toMatchObject({
      requests: 2,
      errors: 2,
      bytes: 300,
      firstErrorLines: [2, 3],
    });
  });

  it('keeps malformed lines with their line numbers', () => {
    expect(dayFrom(sample).rejects).toEqual([
      { file: 'access.log', line: 4, reason: 'line ends early after column 8', raw: 'garbage line' },
    ]);
  });

  it('tracks per-IP last seen and the most recent user', () => {
    const day = dayFrom(sample);
    expect(day.ips.get('10.0.0.1')).toMatchObject({
      requests: 2,
      errors: 1,
      user: 'ann',
      lastSeen: Date.UTC(2024, 0, 17, 0, 59, 59),
    });
  });

  it('gives the same metrics whether scanned as one part or split into three', () => {
    const lines = [
      ...sample,
      ...repeat(60, { ip: '10.9.9.9', at: '12:00:30' }),
      ...repeat(60, { ip: '10.9.9.9', at: '12:00:31' }),
    ];
    const whole = dayFrom(lines);
    const split = dayFrom(lines, undefined, [2, 70]);
    expect(split.requests).toBe(whole.requests);
    expect(split.hours).toEqual(whole.hours);
    expect([...split.endpoints.entries()].sort()).toEqual([...whole.endpoints.entries()].sort());
    expect(split.rejects).toEqual(whole.rejects);
    expect(split.bursts).toEqual(whole.bursts);
    expect(whole.bursts).toEqual([
      {
        ip: '10.9.9.9',
        minute: Date.UTC(2024, 0, 17, 12, 0) / 60_000,
        count: 120,
        firstLine: 6,
        lastLine: 125,
      },
    ]);
  });

  it('counts an IP-minute exactly when the log is out of order', () => {
    const lines = [
      ...repeat(60, { ip: '10.9.9.9', at: '12:00:10' }),
      logLine({ ip: '10.9.9.9', at: '12:01:00' }),
      ...repeat(41, { ip: '10.9.9.9', at: '12:00:50' }),
    ];
    expect(dayFrom(lines).bursts).toMatchObject([{ count: 101, firstLine: 1, lastLine: 102 }]);
    expect(dayFrom(lines, undefined, [30]).bursts).toMatchObject([{ count: 101 }]);
  });

  it('counts requests outside the report date but places them by time of day', () => {
    const day = dayFrom([logLine().replace('17/Jan/2024', '18/Jan/2024')]);
    expect(day.outsideDay).toBe(1);
    expect(day.hours[8].requests).toBe(1);
  });
});

describe('pathArea', () => {
  it.each([
    ['/admin/config', '/admin/*'],
    ['/api/products?x=1', '/api/*'],
    ['/search?q=1', '/search'],
    ['/', '/'],
  ])('%s -> %s', (path, area) => {
    expect(pathArea(path)).toBe(area);
  });
});

describe('trimmed per-IP-minute counts', () => {
  const hourOf = (hh: string, count: number, ip = '10.0.0.9') => repeat(count, { ip, at: `${hh}:00` });

  it('stay exact when a minute is split across neighbouring parts', () => {
    const lines = [
      ...hourOf('10:00', 5, '10.0.0.1'),
      ...hourOf('11:00', 60),
      ...hourOf('11:00', 60),
      ...hourOf('12:00', 5, '10.0.0.1'),
    ];
    const day = dayFrom(lines, undefined, [65]);
    expect(day.burstsExact).toBe(true);
    expect(day.bursts).toMatchObject([{ ip: '10.0.0.9', count: 120 }]);
  });

  it('report themselves inexact when a shared minute was trimmed from the middle of a part', () => {
    const partA = [
      ...hourOf('12:00', 1, '10.0.0.1'),
      ...hourOf('12:30', 60),
      ...hourOf('13:00', 1, '10.0.0.1'),
    ];
    const partB = [
      ...hourOf('14:00', 1, '10.0.0.1'),
      ...hourOf('12:30', 50),
      ...hourOf('15:00', 1, '10.0.0.1'),
    ];
    expect(dayFrom([...partA, ...partB], undefined, [partA.length]).burstsExact).toBe(false);
  });
});

describe('merging many parts', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  // Lines roughly in time order (a few seconds of jitter), IPs from a small pool (dotted quads and
  // IPv6), users that come and go, bursts, errors and a few malformed lines.
  function randomLines(seed: number, count: number): string[] {
    const random = new SeededRandom(seed);
    const ips = Array.from({ length: 60 }, (_, i) =>
      i % 4 === 3 ? `2001:db8::${i.toString(16)}` : `${10 + (i % 3)}.${i}.${(i * 7) % 256}.${(i * 13) % 256}`,
    );
    const users = ['-', '-', '-', 'ann', 'bob', 'cid'];
    return Array.from({ length: count }, (_, i) => {
      if (random.int(0, 199) === 0) return `garbage ${i}`;
      // Six hours; every 500 lines a burst of 120 lines from one IP within a few seconds.
      const burst = i % 500 < 120;
      const at = burst ? i - (i % 500) + random.int(0, 2) : i;
      const second = 3600 + Math.floor((at * 21_600) / count) + random.int(-5, 5);
      return logLine({
        ip: burst ? ips[seed % ips.length] : ips[random.int(0, ips.length - 1)],
        user: users[random.int(0, users.length - 1)],
        at: `${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`,
        path: `/api/items/${random.int(1, 9)}`,
        status: [200, 200, 404, 500, 301][random.int(0, 4)],
        bytes: random.int(0, 5000),
      });
    });
  }

  const everyIp = (day: DayMetrics) =>
    Array.from({ length: day.ips.size }, (_, n) => day.ips.tally(n)).sort((a, b) => (a.ip < b.ip ? -1 : 1));

  it('gives the same day from 5 to 9 parts of random sizes (some of a few lines) as from one', () => {
    for (const seed of [1, 2, 3, 4]) {
      const lines = randomLines(seed, 4000);
      const whole = dayFrom(lines);
      const random = new SeededRandom(seed * 101);
      const cuts = new Set<number>();
      const parts = random.int(5, 9);
      while (cuts.size < parts - 1) {
        const at = random.int(1, lines.length - 1);
        cuts.add(at);
        // Some parts of a line or a few, as a stolen byte range may be.
        if (cuts.size < parts - 1 && random.int(0, 1) === 0) cuts.add(Math.min(lines.length - 1, at + random.int(1, 3)));
      }
      const split = dayFrom(lines, undefined, [...cuts].sort((a, b) => a - b));
      expect(split.ips.size, `seed ${seed}`).toBe(whole.ips.size);
      expect(everyIp(split), `seed ${seed}`).toEqual(everyIp(whole));
      expect(split.uniqueUsers).toBe(whole.uniqueUsers);
      expect(split.hours).toEqual(whole.hours);
      expect(split.burstsExact).toBe(true);
      expect(split.bursts).toEqual(whole.bursts);
      expect(whole.bursts.length).toBeGreaterThan(0);
      expect(topIps(split, 10)).toEqual(topIps(whole, 10));
      expect(split.rejects).toEqual(whole.rejects);
    }
  });
});
