// The day's client IPs, merged from the parts' IP columns into one set of columns: IPs found through
// the parser's IP numbering (dotted quads by their 32-bit value, no string hashing), an IpTally made
// only for an IP that is asked for (the top list), not for each of tens of thousands. No ranking here.

import { IpNumbering, NEW_IP } from './ip-numbering.js';
import { IP_ERRORS, IP_FIELDS, IP_HOUR_MASK, IP_LAST_SEEN, IP_REQUESTS, ipTally } from './partial.js';
import type { IpColumns, IpTally } from './partial.js';

/** Every client IP of the day with its merged totals, numbered in order of first appearance. */
export class DayIps {
  private readonly numbering = new IpNumbering();
  private readonly users: string[] = [];
  private numbers = new Float64Array(1024 * IP_FIELDS);

  /** How many distinct IPs there are. */
  get size(): number {
    return this.users.length;
  }

  /**
   * Add a part's IPs (parts in input order): requests, errors and hours add up; the user is the one
   * of the latest request, or any non-empty one when the latest had none.
   */
  add(from: IpColumns): void {
    const source = from.numbers;
    this.reserve(this.size + from.names.length);
    const numbers = this.numbers;
    // A part's IPs are distinct, so the first part's are all new.
    const first = this.size === 0;
    for (let id = 0; id < from.names.length; id++) {
      const name = from.names[id];
      const user = from.users[id];
      const at = id * IP_FIELDS;
      let number = first ? NEW_IP : this.numbering.findValid(name);
      if (number === NEW_IP) {
        number = this.numbering.add(name, false);
        this.users.push(user);
        const to = number * IP_FIELDS;
        for (let field = 0; field < IP_FIELDS; field++) numbers[to + field] = source[at + field];
        continue;
      }
      const to = number * IP_FIELDS;
      numbers[to + IP_REQUESTS] += source[at + IP_REQUESTS];
      numbers[to + IP_ERRORS] += source[at + IP_ERRORS];
      numbers[to + IP_HOUR_MASK] = numbers[to + IP_HOUR_MASK] | source[at + IP_HOUR_MASK];
      if (source[at + IP_LAST_SEEN] >= numbers[to + IP_LAST_SEEN]) {
        numbers[to + IP_LAST_SEEN] = source[at + IP_LAST_SEEN];
        if (user !== '') this.users[number] = user;
      } else if (this.users[number] === '') this.users[number] = user;
    }
  }

  /** Every IP's number, in order of first appearance. */
  *ids(): IterableIterator<number> {
    for (let number = 0; number < this.size; number++) yield number;
  }

  /** IP `number`'s address. */
  name(number: number): string {
    return this.numbering.names[number];
  }

  /** IP `number`'s requests. */
  requests(number: number): number {
    return this.numbers[number * IP_FIELDS + IP_REQUESTS];
  }

  /** IP `number`'s totals. */
  tally(number: number): IpTally {
    return ipTally({ names: this.numbering.names, users: this.users, numbers: this.numbers }, number);
  }

  /** The totals of address `ip`, if it made a request. */
  get(ip: string): IpTally | undefined {
    const number = this.numbering.find(ip);
    return number >= 0 ? this.tally(number) : undefined;
  }

  /** How many IPs made a request in each report hour (0-23). */
  perHour(): number[] {
    const counts = new Array<number>(24).fill(0);
    for (let at = IP_HOUR_MASK; at < this.size * IP_FIELDS; at += IP_FIELDS) {
      const mask = this.numbers[at];
      for (let h = 0; h < 24; h++) if (mask & (1 << h)) counts[h]++;
    }
    return counts;
  }

  private reserve(count: number): void {
    if (count * IP_FIELDS <= this.numbers.length) return;
    const grown = new Float64Array(Math.max(this.numbers.length * 2, count * IP_FIELDS));
    grown.set(this.numbers);
    this.numbers = grown;
  }
}
