import { describe, expect, it } from 'vitest';
import { DayIps } from '../../src/logs/day-ips.js';
import type { DayMetrics } from '../../src/logs/merge.js';
import { topIps } from '../../src/logs/top-lists.js';
import { IpNumbering, ipv4Text, ipv4Value } from '../../src/logs/ip-numbering.js';
import { IP_FIELDS } from '../../src/logs/partial.js';
import type { IpColumns, IpTally } from '../../src/logs/partial.js';

/** IP columns from tallies (the shape a part carries). */
function columns(tallies: readonly IpTally[]): IpColumns {
  const numbers = new Float64Array(tallies.length * IP_FIELDS);
  tallies.forEach((t, id) => numbers.set([t.requests, t.errors, t.lastSeen, t.hourMask], id * IP_FIELDS));
  const userNames = [...new Set(tallies.map((t) => t.user).filter((user) => user !== ''))];
  const numbering = new IpNumbering();
  for (const t of tallies) numbering.add(t.ip);
  return {
    values: numbering.dottedQuadValues(),
    others: new Map(tallies.flatMap((t, id) => (ipv4Value(t.ip) < 0 ? [[id, t.ip]] : []))),
    table: numbering.dottedQuadTable,
    users: new Int32Array(tallies.map((t) => userNames.indexOf(t.user))),
    userNames,
    numbers,
  };
}

const tally = (ip: string, requests: number, lastSeen: number, user = '', hourMask = 1): IpTally => ({
  ip,
  requests,
  errors: requests - 1,
  lastSeen,
  user,
  hourMask,
});

describe('ipv4Text', () => {
  it('writes back the text ipv4Value read, across the whole range', () => {
    const texts = ['0.0.0.0', '255.255.255.255', '10.0.0.1', '128.0.0.0', '1.2.3.4', '192.168.100.254'];
    for (let i = 0; i < 2000; i++) texts.push([i * 7, i * 13, i * 31, i * 97].map((n) => n % 256).join('.'));
    for (const text of texts) expect(ipv4Text(ipv4Value(text))).toBe(text);
  });
});

describe('DayIps', () => {
  it('adds up the same IP across parts and keeps first-appearance order', () => {
    const ips = new DayIps();
    ips.add(columns([tally('10.0.0.1', 2, 100, 'ann', 1 << 3), tally('2001:db8::1', 1, 50)]));
    ips.add(columns([tally('10.0.0.9', 4, 70), tally('10.0.0.1', 3, 200, 'bob', 1 << 5)]));
    expect(ips.size).toBe(3);
    expect([0, 1, 2].map((n) => ips.name(n))).toEqual(['10.0.0.1', '2001:db8::1', '10.0.0.9']);
    expect(ips.get('10.0.0.1')).toEqual({
      ip: '10.0.0.1',
      requests: 5,
      errors: 3,
      lastSeen: 200,
      user: 'bob',
      hourMask: (1 << 3) | (1 << 5),
    });
    expect(ips.get('2001:db8::1')?.requests).toBe(1);
  });

  it("numbers a later part's new IPs in that part's order, dotted quads and other addresses alike", () => {
    const ips = new DayIps();
    ips.add(columns([tally('10.0.0.1', 1, 10), tally('2001:db8::1', 2, 20, 'ann')]));
    const numbers = ips.add(
      columns([
        tally('10.0.0.5', 1, 30),
        tally('2001:db8::1', 3, 40),
        tally('2001:db8::7', 1, 50, 'bob'),
        tally('10.0.0.1', 4, 5, 'cid'),
        tally('10.0.0.6', 1, 60),
      ]),
    );
    expect([...numbers]).toEqual([2, 1, 3, 0, 4]);
    expect([0, 1, 2, 3, 4].map((n) => ips.name(n))).toEqual([
      '10.0.0.1',
      '2001:db8::1',
      '10.0.0.5',
      '2001:db8::7',
      '10.0.0.6',
    ]);
    expect(ips.get('2001:db8::1')).toMatchObject({ requests: 5, lastSeen: 40, user: 'ann' });
    expect(ips.get('2001:db8::7')).toMatchObject({ requests: 1, lastSeen: 50, user: 'bob' });
    expect(ips.get('10.0.0.1')).toMatchObject({ requests: 5, lastSeen: 10, user: 'cid' });
  });

  it('keeps the user of the latest request, or any user when the latest had none', () => {
    const ips = new DayIps();
    ips.add(columns([tally('10.0.0.1', 1, 300, 'ann'), tally('10.0.0.2', 1, 100)]));
    ips.add(columns([tally('10.0.0.1', 1, 200, 'bob'), tally('10.0.0.2', 1, 50, 'cid')]));
    ips.add(columns([tally('10.0.0.1', 1, 400)]));
    expect(ips.get('10.0.0.1')?.user).toBe('ann');
    expect(ips.get('10.0.0.1')?.lastSeen).toBe(400);
    expect(ips.get('10.0.0.2')?.user).toBe('cid');
    expect(ips.get('10.0.0.2')?.lastSeen).toBe(100);
  });

  it('counts the IPs active in each hour and knows nothing of unseen addresses', () => {
    const ips = new DayIps();
    ips.add(columns([tally('10.0.0.1', 1, 1, '', (1 << 0) | (1 << 23)), tally('10.0.0.2', 1, 1, '', 1 << 23)]));
    const perHour = ips.perHour();
    expect(perHour).toHaveLength(24);
    expect(perHour[0]).toBe(1);
    expect(perHour[23]).toBe(2);
    expect(perHour.slice(1, 23).every((n) => n === 0)).toBe(true);
    expect(ips.get('10.0.0.3')).toBeUndefined();
    expect(ips.get('not an ip')).toBeUndefined();
  });

  it('grows past its first thousand IPs', () => {
    const ips = new DayIps();
    const many = Array.from({ length: 3000 }, (_, i) => tally(`10.0.${i >> 8}.${i & 255}`, 1, i));
    ips.add(columns(many));
    ips.add(columns(many));
    expect(ips.size).toBe(3000);
    expect(ips.get('10.0.11.183')).toMatchObject({ requests: 2, lastSeen: 2999 });
  });

  it('names every IP that a top list can hold, ties with the last place included', () => {
    const ips = new DayIps();
    const requests = [5, 9, 2, 9, 7, 5, 5, 1, 9, 3];
    ips.add(columns(requests.map((r, i) => tally(`10.0.0.${i}`, r, i))));
    expect(ips.busiest(0)).toEqual([]);
    expect(ips.busiest(2)).toEqual([1, 3, 8]);
    expect(ips.busiest(4)).toEqual([1, 3, 4, 8]);
    expect(ips.busiest(5)).toEqual([0, 1, 3, 4, 5, 6, 8]);
    expect(ips.busiest(50)).toEqual(requests.map((_, i) => i));
    // The top list from them is the one a sort of every IP gives.
    const day = { ips } as unknown as DayMetrics;
    const all = requests
      .map((_, i) => ips.tally(i))
      .sort((a, b) => b.requests - a.requests || (a.ip < b.ip ? -1 : 1));
    for (const n of [1, 2, 3, 4, 5, 6, 10]) expect(topIps(day, n)).toEqual(all.slice(0, n));
  });
});
