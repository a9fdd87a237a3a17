// The plain lines the compiled scanner counts entirely itself (wasm/line-counts.ts, scanner-counts.ts):
// the whole accumulator through the scanner against the TypeScript path alone, on random streams with
// errors, more endpoints than the scanner's tallies, attack paths, non-browser agents, out-of-order
// minutes and lines of other days, in two report offsets and with small IP tables.

import { describe, expect, it } from 'vitest';
import { Accumulator } from '../../src/logs/accumulate.js';
import { defaultLogsConfig } from '../../src/logs/config.js';
import type { PartialAggregate } from '../../src/logs/partial.js';
import { SeededRandom } from '../../src/logs/random.js';
import { LineSplitter } from '../../src/logs/scan-task.js';
import { WasmLines } from '../../src/logs/wasm-lines.js';
import { ipTallies } from './cases/ip-columns.js';
import { logLine } from './cases/lines.js';

const BROWSERS = [
  'Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 Version/17.2 Safari/605.1.15',
];
const OTHERS = ['curl/8.4.0', 'python-requests/2.31', 'sqlmap/1.7', 'Googlebot/2.1', ''];
const ATTACKS = ['/../../etc/passwd', '/search?q=<script>alert(1)</script>', '/wp-login.php', '/admin/users'];
const STATUSES = [200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 403, 404, 404, 500, 502, 503];
const DAYS = ['16', '17', '17', '17', '17', '17', '17', '18'];

/** A random stream: endpoints 0..endpoints-1 (the first few common), IPs and users from small pools. */
function stream(seed: number, count: number, endpoints: number): string[] {
  const random = new SeededRandom(seed);
  const lines: string[] = [];
  let second = 8 * 3600;
  for (let i = 0; i < count; i++) {
    // Mostly forward in time, sometimes back a few minutes, sometimes another day.
    if (random.chance(0.002)) second -= random.int(60, 600);
    else second += random.int(0, 2);
    const day = random.chance(0.01) ? random.pick(DAYS) : '17';
    const at = ((second % 86400) + 86400) % 86400;
    const time = [at / 3600, (at / 60) % 60, at % 60].map((n) => String(Math.floor(n)).padStart(2, '0'));
    const endpoint = random.chance(0.7) ? random.int(0, 9) : random.int(0, endpoints - 1);
    const path = random.chance(0.01)
      ? random.pick(ATTACKS)
      : `/api/e${endpoint}/${random.chance(0.5) ? random.int(1, 50) : 'list'}`;
    const agent = random.chance(0.05) ? random.pick(OTHERS) : random.pick(BROWSERS);
    const ip = random.chance(0.01)
      ? `2001:db8::${random.int(1, 20)}`
      : `10.0.${random.int(0, 3)}.${random.int(1, 60)}`;
    const user = random.chance(0.2) ? `user${random.int(1, 40)}` : '-';
    const status = random.chance(0.05) ? random.pick([418, 429, 599, 100]) : random.pick(STATUSES);
    const bytes = random.chance(0.05) ? '-' : random.int(0, 50_000);
    let line = logLine({ ip, user, path, status, bytes, agent, method: random.pick(['GET', 'POST']) });
    line = line.replace('[17/Jan/2024:08:15:23', `[${day}/Jan/2024:${time.join(':')}`);
    if (random.chance(0.002)) line = line.replace('HTTP/1.1"', 'HTTP/1.1 extra"').replace(' "', ' ');
    lines.push(line);
  }
  return lines;
}

/**
 * A part from `lines` in report offset `offset`: through the scanner with IP tables of `ipLimit`
 * (and how many lines reached JavaScript as records), or through the TypeScript parser alone; the
 * bytes arrive in blocks of `block` (a scan per block at least).
 */
function part(
  lines: readonly string[],
  offset: string,
  ipLimit?: number,
  block = 8192,
  adminPrefixes = defaultLogsConfig().admin_path_prefixes,
): [PartialAggregate, number] {
  const accumulator = new Accumulator({
    config: { ...defaultLogsConfig(), report_utc_offset: offset, admin_path_prefixes: adminPrefixes },
    date: '2024-01-17',
    file: 'a.log',
    ipLimit,
  });
  let records = 0;
  const sink = {
    line: (text: string, line: number) => accumulator.line(text, line),
    parsed: (record: Parameters<Accumulator['parsed']>[0], line: number) => {
      records++;
      accumulator.parsed(record, line);
    },
    scanned: (line: number) => accumulator.scanned(line),
    get lastMinute() {
      return accumulator.lastMinute;
    },
  };
  const bytes = Buffer.from(lines.join('\n'));
  const reader =
    ipLimit === undefined
      ? new LineSplitter((line) => accumulator.line(line))
      : new WasmLines(sink, accumulator.parser.ips, accumulator.ipCounters);
  for (let at = 0; at < bytes.length; at += block) reader.push(bytes.subarray(at, at + block));
  reader.end();
  return [accumulator.finish(), records];
}

describe('plain lines counted by the compiled scanner', () => {
  it('leave the finished part as the TypeScript path makes it, in any report offset, with small IP tables', () => {
    const lines = stream(5, 40_000, 400);
    for (const offset of ['+00:00', '-03:30']) {
      const [expected] = part(lines, offset);
      expect(expected.endpoints.size).toBeGreaterThan(300);
      expect(expected.findings.length).toBeGreaterThan(0);
      expect(expected.agents.length).toBeGreaterThan(0);
      expect(expected.outsideDay).toBeGreaterThan(0);
      expect(expected.rejects.length).toBeGreaterThan(0);
      for (const ipLimit of [100_000, 7]) {
        const [scanned, records] = part(lines, offset, ipLimit);
        expect(scanned, `offset ${offset}, limit ${ipLimit}`).toEqual(expected);
        // The IP-minute rows in the same order too (toEqual compares arrays in order).
        expect(scanned.ipMinutes.rows).toEqual(expected.ipMinutes.rows);
        // Most lines never reached JavaScript (with IP tables of 7, most IPs are numbered again).
        if (ipLimit === 100_000) expect(records).toBeLessThan(lines.length / 2);
      }
    }
  });

  it('number new IPs in order of first appearance, whether the scanner or JavaScript meets them first', () => {
    // Known request lines first, so the scanner numbers the new dotted quads of later lines itself;
    // between them new IPs that JavaScript numbers: IPv6, lines only the TypeScript parser takes
    // (not ASCII), a new request line, and rejected lines whose IPs must get no number at all (one
    // the scanner does not take, one whose request line only JavaScript rejects, seen twice).
    const lines = [logLine({ ip: '10.1.0.1', path: '/a' }), logLine({ ip: '10.1.0.2', path: '/b' })];
    for (let i = 0; i < 600; i++) {
      const kind = i % 6;
      const ip = kind === 1 ? `2001:db8::${i}` : `10.2.${i >> 8}.${i & 255}`;
      const path = kind === 3 ? `/new/${i}` : i % 2 === 0 ? '/a' : '/b';
      const method = kind === 5 ? 'get' : 'GET';
      let line = logLine({ ip, path, method, agent: kind === 2 ? 'Mozilla/5.0 (é)' : BROWSERS[0] });
      if (kind === 4) line = line.replace('HTTP/1.1"', 'HTTP/1.1 extra"').replace(' "', ' ');
      lines.push(line, logLine({ ip: `10.1.0.${1 + (i % 2)}`, path: '/a' }));
    }
    const [expected] = part(lines, '+00:00');
    for (const block of [8192, 300]) {
      const [scanned, records] = part(lines, '+00:00', 100_000, block);
      expect(scanned).toEqual(expected);
      // The scanner numbered the dotted quads of plain lines without handing those lines on.
      expect(records).toBeLessThan(lines.length / 2);
    }
    const ips = ipTallies(expected.ips).map((tally) => tally.ip);
    expect(ips.slice(0, 6)).toEqual([
      '10.1.0.1',
      '10.1.0.2',
      '10.2.0.0',
      '2001:db8::1',
      '10.2.0.2',
      '10.2.0.3',
    ]);
    expect(ips).not.toContain('10.2.0.4');
    expect(ips).not.toContain('10.2.0.5');
    expect(expected.rejects.length).toBe(200);
  });

  it('number the new IP of a line with a new request line only when the TypeScript parser takes that line', () => {
    // Each shape once, on a fresh dotted quad, between lines of a known IP: request lines the parser
    // takes (no protocol, a method with - and _, a path that looks like a protocol) and ones it
    // rejects (an empty path, a 21-byte method, a method with a lower-case letter, no space at all).
    const requests = [
      'GET /plain HTTP/1.1',
      'GET /no-protocol',
      'M-SEARCH_X /star HTTP/1.1',
      'GET HTTP/1.1',
      'GET  HTTP/1.1',
      'ABCDEFGHIJKLMNOPQRSTU /long HTTP/1.1',
      'Get /case HTTP/1.1',
      'GET',
      'POST /two words HTTP/2.0',
    ];
    const lines = [logLine({ ip: '10.1.0.1', path: '/a' })];
    requests.forEach((request, i) => {
      const line = logLine({ ip: `10.3.0.${i + 1}`, path: '/a' }).replace(
        '"GET /a HTTP/1.1"',
        `"${request}"`,
      );
      lines.push(line, logLine({ ip: '10.1.0.1', path: '/a' }));
    });
    const [expected] = part(lines, '+00:00');
    for (const block of [8192, 200]) expect(part(lines, '+00:00', 100_000, block)[0]).toEqual(expected);
    const ips = ipTallies(expected.ips).map((tally) => tally.ip);
    expect(ips).toEqual(['10.1.0.1', '10.3.0.1', '10.3.0.2', '10.3.0.3', '10.3.0.4', '10.3.0.9']);
    expect(expected.rejects.length).toBe(4);
  });

  it('give a new request line of a known endpoint the tally and category of its first line', () => {
    // Ids in paths and digits in queries (digits, UUIDs in either case, a letters-only UUID that is
    // an id only beside a digit) under plain, sensitive and admin endpoints, so most request lines
    // are new but their endpoint is not; among them lines the scanner must not shape (a path that is
    // only a query, a fragment, encoded or escaped bytes, '..', '--', no protocol, a request line too
    // long); ids from a small pool, so a request line first counted without JavaScript comes back on
    // a line JavaScript takes (a bot's, an error's), which must then bring the request line itself.
    const random = new SeededRandom(8);
    const uuid = () => `${random.int(10_000_000, 99_999_999)}-aaaa-4bcd-8EF0-${random.int(1e11, 1e12 - 1)}`;
    const shapes = [
      (id: string) => `/api/orders/${id}`,
      (id: string) => `/api/users/${id}/cart/${id}`,
      (id: string) => `/files/${id}/.env`,
      (id: string) => `/admin/${id}`,
      (id: string) => `/x/${id}/backup.sql`,
      () => '/abcdefab-abcd-abcd-abcd-abcdefabcdef/x',
      () => `/${random.int(1, 9)}/abcdefab-abcd-abcd-abcd-abcdefabcdef`,
      (id: string) => `/api/orders/${id}?page=${id}`,
      (id: string) => `/api/orders?f=id_rsa${id}`,
      (id: string) => `/download?f=${id}.bak`,
      (id: string) => `?page=${id}`,
      (id: string) => `/api/orders/${id}#top`,
      (id: string) => `/api/orders/%3${id}`,
      (id: string) => `/api/orders/${id}/../../etc/passwd`,
      (id: string) => `/api/orders/${id}--`,
      (id: string) => `/api/orders/\\${id}`,
      (id: string) => `/api/${'long/'.repeat(250)}${id}`,
    ];
    const lines: string[] = [];
    for (let i = 0; i < 6_000; i++) {
      const id = random.chance(0.3) ? uuid() : String(random.int(1, 400));
      const path = (random.chance(0.6) ? shapes[random.int(0, 1)] : random.pick(shapes))(id);
      const agent = random.chance(0.1) ? random.pick(OTHERS) : BROWSERS[0];
      const status = random.chance(0.1) ? 500 : 200;
      const method = random.chance(0.2) ? 'POST' : 'GET';
      let line = logLine({
        ip: `10.0.${random.int(0, 9)}.${random.int(1, 250)}`,
        path,
        agent,
        status,
        method,
      });
      if (random.chance(0.02)) line = line.replace(' HTTP/1.1"', '"');
      lines.push(line.replace('08:15:23', `08:${String(Math.floor(i / 100)).padStart(2, '0')}:00`));
    }
    const handed: number[] = [];
    // The default prefixes, then one that tells ids apart (the scanner shapes nothing then).
    for (const prefixes of [defaultLogsConfig().admin_path_prefixes, ['/admin', '/api/orders/7']]) {
      const [expected] = part(lines, '+00:00', undefined, 8192, prefixes);
      expect(expected.findings.length).toBeGreaterThan(0);
      for (const block of [8192, 300]) {
        const [scanned, records] = part(lines, '+00:00', 100_000, block, prefixes);
        expect(scanned, `block ${block}`).toEqual(expected);
        handed.push(records);
      }
    }
    // Shaped, about half as many lines reached JavaScript as records.
    expect(handed[0]).toBeLessThan(handed[2] * 0.6);
    expect(handed[1]).toBeLessThan(handed[3] * 0.6);
  });

  it('keep every error line of an endpoint for JavaScript until its first error lines are kept', () => {
    const lines = [
      ...Array.from({ length: 5 }, (_, i) => logLine({ path: '/x', at: `08:00:0${i}` })),
      ...Array.from({ length: 8 }, (_, i) => logLine({ path: '/x', status: 500, at: `08:00:1${i}` })),
      ...Array.from({ length: 4 }, (_, i) => logLine({ path: '/x', status: 404, at: `08:00:2${i}` })),
    ];
    const [expected] = part(lines, '+00:00');
    // Blocks shorter than a line: each line is scanned after JavaScript took the one before.
    const [scanned] = part(lines, '+00:00', 100_000, 50);
    expect(scanned).toEqual(expected);
    expect(scanned.endpoints.get('GET /x')).toMatchObject({
      requests: 17,
      errors: 12,
      firstErrorLines: [6, 7, 8, 9, 10],
      statuses: { 200: 5, 500: 8, 404: 4 },
    });
  });

  it('hand JavaScript a line whose minute differs from the line counted before it', () => {
    // Out of order within a scan: the minutes seen and the IP-minute trimming depend on each change.
    const ats = ['08:00:00', '08:00:01', '08:01:00', '08:00:02', '08:00:03', '09:00:00', '08:00:04'];
    const lines = [...ats, ...ats].map((at, i) => logLine({ ip: `10.0.0.${i % 3}`, at }));
    const [expected] = part(lines, '+00:00');
    const [scanned] = part(lines, '+00:00', 100_000);
    expect(scanned).toEqual(expected);
    expect(scanned.ipMinutes.minutesSeen).toEqual(expected.ipMinutes.minutesSeen);
  });

  it('do not take a tag meant for a text the agent table forgot when it started over within a scan', () => {
    // A browser's agent first seen on a rejected line keeps no tag; 99,999 more agents fill the
    // table; then, in one scan, that agent's first counted line and a new bot agent on a rejected
    // line of a new IP (which ends the scan), which starts the table over and takes the browser's
    // entry. The browser's tag must not land on the bot's entry, or its later lines count as plain.
    const bad = (line: string) => line.replace('"GET /api/products HTTP/1.1"', '"bad"');
    const fill = Array.from({ length: 99_999 }, (_, i) =>
      logLine({ agent: `${BROWSERS[0]} n${i}`, at: '08:00:00' }),
    );
    const lines = [
      bad(logLine({ agent: `${BROWSERS[0]} first` })),
      ...fill,
      logLine({ agent: `${BROWSERS[0]} first`, at: '08:00:01' }),
      bad(logLine({ ip: '10.1.1.1', agent: 'curl/8.4.0', at: '08:00:01' })),
      ...Array.from({ length: 5 }, () => logLine({ agent: 'curl/8.4.0', at: '08:00:01' })),
    ];
    const [expected] = part(lines, '+00:00');
    // One block, so the lines from the browser's to the new IP's are one scan.
    const [scanned] = part(lines, '+00:00', 100_000, 1 << 26);
    expect(scanned.agents).toEqual(expected.agents);
    expect(expected.agents).toMatchObject([{ agent: 'curl/8.4.0', count: 5 }]);
  });
});
