import { describe, expect, it } from 'vitest';
import { IpCounters } from '../../src/logs/ip-counters.js';
import { IpMinuteRows } from '../../src/logs/ip-minute-rows.js';
import { ipTally } from '../../src/logs/partial.js';
import type { IpColumns } from '../../src/logs/partial.js';

const objects = (columns: IpColumns) => columns.names.map((_, id) => ipTally(columns, id));

const MINUTE = 60_000;

describe('IpCounters', () => {
  it('counts requests, errors, hours and the latest user per IP', () => {
    const users = new Set<string>();
    const counters = new IpCounters(users, ['10.0.0.1', '10.0.0.2']);
    counters.countRequest(0, 5 * MINUTE, false, 8, 'ann');
    counters.countRequest(1, 6 * MINUTE, true, 9, '');
    counters.countRequest(0, 9 * MINUTE, true, 10, 'bob');
    // An earlier request (out of order) does not replace the user of a later one.
    counters.countRequest(0, 7 * MINUTE, false, 8, 'cid');
    // An IP without a user takes the first one it sees, whatever its time.
    counters.countRequest(1, 1 * MINUTE, false, 9, 'dee');
    expect(counters.size).toBe(2);
    expect(objects(counters.tallies())).toEqual([
      {
        ip: '10.0.0.1',
        requests: 3,
        errors: 1,
        lastSeen: 9 * MINUTE,
        user: 'bob',
        hourMask: (1 << 8) | (1 << 10),
      },
      { ip: '10.0.0.2', requests: 2, errors: 1, lastSeen: 6 * MINUTE, user: 'dee', hourMask: 1 << 9 },
    ]);
    expect([...users].sort()).toEqual(['ann', 'bob', 'cid', 'dee']);
  });

  it('turns runs of one IP in one minute into IP-minute rows and notices returns to a minute', () => {
    const counters = new IpCounters(new Set(), ['10.0.0.0', '10.0.0.1']);
    const collected = new IpMinuteRows(undefined);
    const request = (id: number, minute: number, line: number) => {
      counters.countRequest(id, minute * MINUTE, false, 0, '');
      counters.countMinute(id, minute, line, collected);
    };
    request(0, 100, 1);
    request(1, 100, 2);
    request(0, 100, 3);
    request(0, 101, 4);
    request(0, 100, 5);
    counters.flushAll(collected);
    const rows = collected.finish([100, 101], undefined);
    const table = rows.ipIndex.map((ip, i) => [
      ip,
      rows.minute[i],
      rows.count[i],
      rows.firstLine[i],
      rows.lastLine[i],
    ]);
    // IP 0 came back to minute 100: its two runs are added up.
    expect(table).toEqual([
      [0, 100, 3, 1, 5],
      [0, 101, 1, 4, 4],
      [1, 100, 1, 2, 2],
    ]);
  });

  it('grows past its first allocation', () => {
    const names = Array.from({ length: 3000 }, (_, id) => `ip${id}`);
    const counters = new IpCounters(new Set(), names);
    for (let id = 0; id < 3000; id++) counters.countRequest(id, id, false, 1, '');
    counters.countRequest(2999, 5000, true, 2, '');
    const last = objects(counters.tallies())[2999];
    expect(last).toEqual({ ip: 'ip2999', requests: 2, errors: 1, lastSeen: 5000, user: '', hourMask: 6 });
  });
});
