// The per-IP counting rules as plain TypeScript (what IpCounters did before the counters moved into
// the compiled scanner's memory): the reference the tests compare the scanner's counting with.

import type { IpMinuteRows } from '../../../src/logs/ip-minute-rows.js';

const NO_MINUTE = Number.MIN_SAFE_INTEGER;

interface IpState {
  requests: number;
  errors: number;
  lastSeen: number;
  user: string;
  hourMask: number;
  runMinute: number;
  runCount: number;
  runFirstLine: number;
  runLastLine: number;
  flushedMinute: number;
}

/** Counters for IPs numbered densely 0, 1, 2..., one object per IP. */
export class ReferenceIpCounters {
  readonly ips: IpState[] = [];
  readonly users = new Set<string>();

  /** One request from IP `id` (a new IP being the next number). */
  count(
    id: number,
    time: number,
    isError: boolean,
    hour: number,
    user: string,
    minute: number,
    line: number,
    rows: IpMinuteRows,
  ): void {
    if (id === this.ips.length)
      this.ips.push({
        requests: 0,
        errors: 0,
        lastSeen: time,
        user: '',
        hourMask: 0,
        runMinute: NO_MINUTE,
        runCount: 0,
        runFirstLine: 0,
        runLastLine: 0,
        flushedMinute: NO_MINUTE,
      });
    const ip = this.ips[id];
    if (user !== '') this.users.add(user);
    ip.requests++;
    if (isError) ip.errors++;
    if (time >= ip.lastSeen) {
      ip.lastSeen = time;
      if (user !== '') ip.user = user;
    } else if (ip.user === '' && user !== '') ip.user = user;
    ip.hourMask |= 1 << hour;
    if (ip.runMinute === minute) {
      ip.runCount++;
      ip.runLastLine = line;
      return;
    }
    this.flush(id, rows);
    Object.assign(ip, { runMinute: minute, runCount: 1, runFirstLine: line, runLastLine: line });
  }

  /** Close every IP's open run, in IP order. */
  flushAll(rows: IpMinuteRows): void {
    for (let id = 0; id < this.ips.length; id++) this.flush(id, rows);
  }

  private flush(id: number, rows: IpMinuteRows): void {
    const ip = this.ips[id];
    if (ip.runCount === 0) return;
    const repeat = ip.runMinute <= ip.flushedMinute;
    if (!repeat) ip.flushedMinute = ip.runMinute;
    rows.add(id, ip.runMinute, ip.runCount, ip.runFirstLine, ip.runLastLine, repeat);
    ip.runCount = 0;
  }
}
