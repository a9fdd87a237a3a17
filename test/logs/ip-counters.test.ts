// IpCounters (the per-IP counters in the compiled scanner's memory) against the plain TypeScript
// rules they replace (cases/reference-ip-counters.ts), with IP tables small enough to start over,
// and the whole accumulator scanning through the compiled scanner against the TypeScript path.

import { describe, expect, it } from 'vitest';
import { Accumulator } from '../../src/logs/accumulate.js';
import { defaultLogsConfig } from '../../src/logs/config.js';
import { IpCounters } from '../../src/logs/ip-counters.js';
import { IpMinuteRows } from '../../src/logs/ip-minute-rows.js';
import { emptyRecord } from '../../src/logs/parse-line.js';
import { IpNumbering } from '../../src/logs/ip-numbering.js';
import { PAIR_FIELDS } from '../../src/logs/partial.js';
import type { IpColumns } from '../../src/logs/partial.js';
import { SeededRandom } from '../../src/logs/random.js';
import { LineSplitter } from '../../src/logs/scan-task.js';
import { WasmLines } from '../../src/logs/wasm-lines.js';
import { ipTallies } from './cases/ip-columns.js';
import { ReferenceIpCounters } from './cases/reference-ip-counters.js';
import { exampleLines, mutations, tricky } from './cases/parser-lines.js';
import { logLine } from './cases/lines.js';

const objects = (columns: IpColumns) => ipTallies(columns);
/** Finish `counters` with the dotted quads of `names` as IpNumbering gives them. */
function finish(counters: IpCounters, rows: IpMinuteRows, names: readonly string[]): IpColumns {
  const numbering = new IpNumbering();
  for (const name of names) numbering.add(name);
  return counters.finish(rows, numbering.dottedQuadValues(), numbering.dottedQuadTable);
}
const MINUTE = 60_000;
const clock = { offsetMs: 0, dayStartMinute: 0 };

/** A request as the TypeScript parser gives it, counted in `counters`. */
function count(
  counters: IpCounters,
  rows: IpMinuteRows,
  id: number,
  time: number,
  line: number,
  user = '',
  status = 200,
): void {
  const record = emptyRecord();
  Object.assign(record, { ipId: id, time, status, user });
  const minute = Math.floor(time / MINUTE);
  counters.count(record, Math.floor(minute / 60) % 24, minute, line, rows);
}

const rowTable = (rows: IpMinuteRows, minutes: number[]) => {
  const { rows: numbers } = rows.finish(minutes, undefined);
  return Array.from({ length: numbers.length / PAIR_FIELDS }, (_, i) => [
    ...numbers.subarray(i * PAIR_FIELDS, (i + 1) * PAIR_FIELDS),
  ]);
};

describe('IpCounters', () => {
  it('counts requests, errors, hours and the latest user per IP', () => {
    const counters = new IpCounters(['10.0.0.1', '10.0.0.2'], clock);
    const rows = new IpMinuteRows(undefined);
    count(counters, rows, 0, 5 * 60 * MINUTE, 1, 'ann');
    count(counters, rows, 1, 6 * 60 * MINUTE, 2, '', 404);
    count(counters, rows, 0, 9 * 60 * MINUTE, 3, 'bob', 500);
    // An earlier request (out of order) does not replace the user of a later one.
    count(counters, rows, 0, 7 * 60 * MINUTE, 4, 'cid');
    // An IP without a user takes the first one it sees, whatever its time.
    count(counters, rows, 1, 1 * 60 * MINUTE, 5, 'dee');
    expect(counters.size).toBe(2);
    expect(objects(finish(counters, rows, ['10.0.0.1', '10.0.0.2']))).toEqual([
      {
        ip: '10.0.0.1',
        requests: 3,
        errors: 1,
        lastSeen: 9 * 60 * MINUTE,
        user: 'bob',
        hourMask: (1 << 5) | (1 << 9) | (1 << 7),
      },
      {
        ip: '10.0.0.2',
        requests: 2,
        errors: 1,
        lastSeen: 6 * 60 * MINUTE,
        user: 'dee',
        hourMask: (1 << 6) | (1 << 1),
      },
    ]);
    expect(counters.users).toEqual(['ann', 'bob', 'cid', 'dee']);
  });

  it('turns runs of one IP in one minute into IP-minute rows and notices returns to a minute', () => {
    const counters = new IpCounters(['10.0.0.0', '10.0.0.1'], clock);
    const rows = new IpMinuteRows(undefined);
    count(counters, rows, 0, 100 * MINUTE, 1);
    count(counters, rows, 1, 100 * MINUTE, 2);
    count(counters, rows, 0, 100 * MINUTE, 3);
    count(counters, rows, 0, 101 * MINUTE, 4);
    count(counters, rows, 0, 100 * MINUTE, 5);
    finish(counters, rows, ['10.0.0.0', '10.0.0.1']);
    // IP 0 came back to minute 100: its two runs are added up.
    expect(rowTable(rows, [100, 101])).toEqual([
      [0, 100, 3, 1, 5],
      [0, 101, 1, 4, 4],
      [1, 100, 1, 2, 2],
    ]);
  });

  it('keeps every IP exact when its table fills up and starts over, for dotted quads and other texts', () => {
    const random = new SeededRandom(21);
    const names = Array.from({ length: 2400 }, (_, id) =>
      id % 3 === 0 ? `2001:db8::${id}` : id % 3 === 1 ? `10.0.${id >> 8}.${id & 255}` : `host-${id}`,
    );
    const users = ['', '', 'ann', 'bob', 'cid', 'dee'];
    for (const limit of [100_000, 7]) {
      const counters = new IpCounters(names, clock, limit);
      const reference = new ReferenceIpCounters();
      const rows = new IpMinuteRows(undefined);
      const expectedRows = new IpMinuteRows(undefined);
      let next = 0;
      let time = 1_000 * MINUTE;
      for (let line = 1; line <= 40_000; line++) {
        const isNew = next === 0 || (next < names.length && random.int(0, 9) === 0);
        const id = isNew ? next++ : random.int(0, next - 1);
        time += random.pick([0, 0, 1000, 7000, -90_000, 3_600_000]);
        const user = random.pick(users);
        const status = random.pick([200, 200, 404, 500]);
        count(counters, rows, id, time, line, user, status);
        const minute = Math.floor(time / MINUTE);
        reference.count(
          id,
          time,
          status >= 400,
          Math.floor(minute / 60) % 24,
          user,
          minute,
          line,
          expectedRows,
        );
      }
      const columns = finish(counters, rows, names.slice(0, counters.size));
      reference.flushAll(expectedRows);
      expect(columns.values.length).toBe(reference.ips.length);
      ipTallies(columns).forEach((tally, id) => {
        const ip = reference.ips[id];
        expect(tally, `IP ${id}, limit ${limit}`).toEqual({
          ip: names[id],
          requests: ip.requests,
          errors: ip.errors,
          lastSeen: ip.lastSeen,
          user: ip.user,
          hourMask: ip.hourMask,
        });
      });
      expect(new Set(counters.users)).toEqual(reference.users);
      expect(rowTable(rows, [])).toEqual(rowTable(expectedRows, []));
    }
  });
});

describe('the accumulator through the compiled scanner', () => {
  // A part from `lines` in report offset `offset`: through the scanner with IP tables of `ipLimit`, or through the TypeScript parser alone.
  function part(lines: readonly string[], offset: string, ipLimit?: number) {
    const accumulator = new Accumulator({
      config: { ...defaultLogsConfig(), report_utc_offset: offset },
      date: '2024-01-17',
      file: 'a.log',
      ipLimit,
    });
    const bytes = Buffer.from(lines.join('\n'));
    const reader =
      ipLimit === undefined
        ? new LineSplitter((line) => accumulator.line(line))
        : new WasmLines(accumulator, accumulator.parser.ips, accumulator.ipCounters);
    for (let at = 0; at < bytes.length; at += 4096) reader.push(bytes.subarray(at, at + 4096));
    reader.end();
    return accumulator.finish();
  }

  it('counts every IP as the TypeScript path does, in any report offset, also when its IP tables start over', () => {
    const random = new SeededRandom(4);
    const shuffled = exampleLines.filter(() => random.int(0, 3) === 0);
    const lines = [...exampleLines, ...tricky, ...mutations(exampleLines, 3000), ...shuffled];
    // Lines of three days: those outside the report day take the scanner's wrap-around hour too.
    for (const offset of ['+00:00', '-03:30']) {
      const expected = part(lines, offset);
      for (const ipLimit of [100_000, 5])
        expect(part(lines, offset, ipLimit), `offset ${offset}, limit ${ipLimit}`).toEqual(expected);
    }
  });

  it('counts an IP in line order when JavaScript must count one of its lines first (new request line or user)', () => {
    const ip = '10.9.9.9';
    const lines = [
      logLine({ ip, path: '/known', at: '08:00:01' }),
      logLine({ ip: '10.9.9.8', path: '/known', at: '08:00:02' }),
      logLine({ ip, path: '/new-1', at: '08:00:03' }),
      logLine({ ip, path: '/known', at: '08:00:04' }),
      logLine({ ip, path: '/known', at: '08:00:05', user: 'zed' }),
      logLine({ ip, path: '/known', at: '08:00:06' }),
      logLine({ ip, path: '/known', at: '08:01:00' }),
      logLine({ ip, path: 'bad', at: '08:01:01' }).replace('"GET bad HTTP/1.1"', '"bad"'),
      logLine({ ip, path: '/known', at: '08:01:02' }),
    ];
    const expected = part(lines, '+00:00');
    const scanned = part(lines, '+00:00', 100_000);
    expect(scanned).toEqual(expected);
    expect(scanned.ipMinutes.rows).toEqual(expected.ipMinutes.rows);
    expect(expected.ipMinutes.rows.length).toBeGreaterThan(0);
  });

  it('keeps the counts of an IP whose lines wait for JavaScript while a new IP grows the table', () => {
    // 512 IPs fill the first table to half; the 513th makes it grow (moving every block) in the
    // same scan as two waiting lines of the first IP.
    const ips = Array.from({ length: 513 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);
    const lines = ips.slice(0, 512).map((ip) => logLine({ ip, path: '/known', at: '08:00:00' }));
    lines.push(
      logLine({ ip: ips[0], path: '/new', at: '08:00:01' }),
      logLine({ ip: ips[0], path: '/known', at: '08:00:02' }),
      logLine({ ip: ips[512], path: '/known', at: '08:00:03' }),
      logLine({ ip: ips[0], path: '/known', at: '08:00:04' }),
    );
    const expected = part(lines, '+00:00');
    const scanned = part(lines, '+00:00', 100_000);
    expect(ipTallies(scanned.ips)[0]).toMatchObject({ ip: ips[0], requests: 4 });
    expect(scanned).toEqual(expected);
  });
});
