// Per-IP counters of one scan part, packed in one Float64Array (an IP's numbers share a cache line
// or two instead of living in separate objects and arrays): requests, errors, last seen, active
// hours and the current per-minute run. Builds the part's IP columns and IP-minute rows; judges nothing.

import { detach } from './detach.js';
import type { IpMinuteRows } from './ip-minute-rows.js';
import { IP_ERRORS, IP_FIELDS, IP_HOUR_MASK, IP_LAST_SEEN, IP_REQUESTS } from './partial.js';
import type { IpColumns } from './partial.js';

const NO_MINUTE = Number.MIN_SAFE_INTEGER;
// Field offsets within an IP's slot.
const REQUESTS = 0;
const ERRORS = 1;
const LAST_SEEN = 2;
const HOUR_MASK = 3;
const RUN_MINUTE = 4;
const RUN_COUNT = 5;
const RUN_FIRST_LINE = 6;
const RUN_LAST_LINE = 7;
const FLUSHED_MINUTE = 8;
const FIELDS = 9;

/** Counters for IPs numbered densely 0, 1, 2... (the parser's numbering). */
export class IpCounters {
  private data = new Float64Array(1024 * FIELDS);
  private count = 0;
  // The most recent non-empty user per IP, or ''.
  private readonly lastUsers: string[] = [];

  /**
   * @param users receives every distinct non-empty user seen.
   * @param names the IP text of each number (the parser's numbering, read only when the part is finished).
   */
  constructor(
    private readonly users: Set<string>,
    private readonly names: readonly string[],
  ) {}

  /** How many IPs have been counted. */
  get size(): number {
    return this.count;
  }

  /**
   * Count one request from IP `id` (a new IP must be the next number). The IP's user becomes
   * `user` when the request is its latest so far, or when it had none.
   */
  countRequest(id: number, time: number, isError: boolean, hour: number, user: string): void {
    if (id === this.count) this.add(time);
    const data = this.data;
    const at = id * FIELDS;
    // An IP's current user is already in the set; only a different one needs the lookup. (Compared
    // once: the user is a fresh cut-out string, so === reads both texts.)
    const otherUser = user !== '' && user !== this.lastUsers[id];
    if (otherUser && !this.users.has(user)) this.users.add(detach(user));
    data[at + REQUESTS]++;
    if (isError) data[at + ERRORS]++;
    if (time >= data[at + LAST_SEEN]) {
      data[at + LAST_SEEN] = time;
      if (otherUser) this.lastUsers[id] = detach(user);
    } else if (this.lastUsers[id] === '' && user !== '') {
      this.lastUsers[id] = detach(user);
    }
    data[at + HOUR_MASK] = data[at + HOUR_MASK] | (1 << hour);
  }

  // A run of requests from one IP in one minute is flushed when the IP moves to another minute.
  // Logs are nearly time-ordered, so this is one slot update per line instead of a map lookup.
  /** Count one request from IP `id` in `minute` on input line `line`. */
  countMinute(id: number, minute: number, line: number, into: IpMinuteRows): void {
    const data = this.data;
    const at = id * FIELDS;
    if (data[at + RUN_MINUTE] === minute) {
      data[at + RUN_COUNT]++;
      data[at + RUN_LAST_LINE] = line;
      return;
    }
    this.flush(id, into);
    data[at + RUN_MINUTE] = minute;
    data[at + RUN_COUNT] = 1;
    data[at + RUN_FIRST_LINE] = line;
    data[at + RUN_LAST_LINE] = line;
  }

  /** Append every IP's open run to `into`. */
  flushAll(into: IpMinuteRows): void {
    for (let id = 0; id < this.count; id++) this.flush(id, into);
  }

  /** Every IP's totals, in number order (the columns keep this object's users array). */
  tallies(): IpColumns {
    const data = this.data;
    const numbers = new Float64Array(this.count * IP_FIELDS);
    for (let id = 0; id < this.count; id++) {
      const at = id * FIELDS;
      const to = id * IP_FIELDS;
      numbers[to + IP_REQUESTS] = data[at + REQUESTS];
      numbers[to + IP_ERRORS] = data[at + ERRORS];
      numbers[to + IP_LAST_SEEN] = data[at + LAST_SEEN];
      numbers[to + IP_HOUR_MASK] = data[at + HOUR_MASK];
    }
    return { names: this.names.slice(0, this.count), users: this.lastUsers, numbers };
  }

  private add(time: number): void {
    const id = this.count++;
    if ((id + 1) * FIELDS > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.lastUsers.push('');
    const at = id * FIELDS;
    this.data[at + LAST_SEEN] = time;
    this.data[at + RUN_MINUTE] = NO_MINUTE;
    this.data[at + FLUSHED_MINUTE] = NO_MINUTE;
  }

  private flush(id: number, into: IpMinuteRows): void {
    const data = this.data;
    const at = id * FIELDS;
    if (data[at + RUN_COUNT] === 0) return;
    const minute = data[at + RUN_MINUTE];
    const repeat = minute <= data[at + FLUSHED_MINUTE];
    if (!repeat) data[at + FLUSHED_MINUTE] = minute;
    into.add(id, minute, data[at + RUN_COUNT], data[at + RUN_FIRST_LINE], data[at + RUN_LAST_LINE], repeat);
    data[at + RUN_COUNT] = 0;
  }
}
