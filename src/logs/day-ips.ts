// The day's client IPs and users, merged from the parts' IP columns: the first part's columns are
// taken over as they are, a later part's dotted quads are matched by their 32-bit value in a
// typed-array hash table (no text: an address is written out only for the IPs a report prints), other
// addresses by their text. An IpTally is made only for an IP that is asked for (the top list).

import { DottedQuadTable } from './dotted-quad-table.js';
import { ipv4Text, ipv4Value } from './ip-numbering.js';
import { IP_ERRORS, IP_FIELDS, IP_HOUR_MASK, IP_LAST_SEEN, IP_REQUESTS } from './partial.js';
import type { IpColumns, IpTally } from './partial.js';

/** Every client IP of the day with its merged totals, numbered as they come. */
export class DayIps {
  // The first part's columns, taken over as they are and extended by later parts' new IPs.
  private dottedQuads = new DottedQuadTable();
  // Each IP's dotted-quad value, or -1 with its text in `otherNames`.
  private values: Float64Array = new Float64Array(0);
  private otherNames = new Map<number, string>();
  // The other way round, made when first needed.
  private otherNumbers: Map<string, number> | undefined;
  private numbers: Float64Array = new Float64Array(0);
  // Each IP's user: an index into the user list of part `userParts[number]`, or -1.
  private users: Int32Array = new Int32Array(0);
  private userParts = new Int32Array(0);
  private readonly userLists: string[][] = [];
  private count = 0;

  /** How many distinct IPs there are. */
  get size(): number {
    return this.count;
  }

  /** How many distinct non-empty users there are. */
  get userCount(): number {
    // A part's users are distinct: the first part's count as they are, later ones when not seen before.
    const [first, ...rest] = this.userLists;
    if (rest.length === 0) return first?.length ?? 0;
    const seen = new Set(first);
    for (const list of rest) for (const user of list) seen.add(user);
    return seen.size;
  }

  /**
   * Add a part's IPs (parts in input order; the part's columns are taken over, not copied): requests,
   * errors and hours add up; the user is the one of the latest request, or any non-empty one when the
   * latest had none. Returns each of the part's IPs' number here.
   */
  add(from: IpColumns): Int32Array {
    const part = this.userLists.length;
    this.userLists.push(from.userNames);
    if (part === 0) return this.takeOver(from);
    const fromValues = from.values;
    const fromUsers = from.users;
    const source = from.numbers;
    const total = fromValues.length;
    // Sized for the larger of the two sets, so a part much like the ones before never grows it midway.
    this.dottedQuads.grow(Math.max(this.dottedQuads.size, total - from.others.size));
    // Three plain loops rather than one with a branch per case: each stays simple for V8 to compile
    // (this runs once per part, mostly before its code is optimized). First every IP's number here,
    // -1 for a new one (addresses that are not dotted quads looked up by their text).
    const numberOf = new Int32Array(total);
    const table = this.dottedQuads;
    for (let id = 0; id < total; id++) {
      const value = fromValues[id];
      numberOf[id] = value >= 0 ? table.find(value) : -1;
    }
    for (const [id, text] of from.others) numberOf[id] = this.otherNumber(text);
    // The counters of the IPs seen before add up.
    const numbers = this.numbers;
    for (let id = 0; id < total; id++) {
      const number = numberOf[id];
      if (number < 0) continue;
      const at = id * IP_FIELDS;
      const to = number * IP_FIELDS;
      numbers[to + IP_REQUESTS] += source[at + IP_REQUESTS];
      numbers[to + IP_ERRORS] += source[at + IP_ERRORS];
      numbers[to + IP_HOUR_MASK] = numbers[to + IP_HOUR_MASK] | source[at + IP_HOUR_MASK];
      const latest = source[at + IP_LAST_SEEN] >= numbers[to + IP_LAST_SEEN];
      if (latest) numbers[to + IP_LAST_SEEN] = source[at + IP_LAST_SEEN];
      const user = fromUsers[id];
      if (user >= 0 && (latest || this.users[number] < 0)) {
        this.users[number] = user;
        this.userParts[number] = part;
      }
    }
    // The new IPs get the next numbers, in the part's order, with their counters as they are.
    for (let id = 0; id < total; id++) {
      if (numberOf[id] >= 0) continue;
      const value = fromValues[id];
      const number = this.newIp(value, value >= 0 ? '' : (from.others.get(id) ?? ''));
      const at = id * IP_FIELDS;
      const to = number * IP_FIELDS;
      for (let field = 0; field < IP_FIELDS; field++) this.numbers[to + field] = source[at + field];
      this.users[number] = fromUsers[id];
      this.userParts[number] = part;
      numberOf[id] = number;
    }
    return numberOf;
  }

  /** IP `number`'s address. */
  name(number: number): string {
    const value = this.values[number];
    return value >= 0 ? ipv4Text(value) : (this.otherNames.get(number) ?? '');
  }

  /** IP `number`'s requests. */
  requests(number: number): number {
    return this.numbers[number * IP_FIELDS + IP_REQUESTS];
  }

  /** IP `number`'s totals. */
  tally(number: number): IpTally {
    const at = number * IP_FIELDS;
    const user = this.users[number];
    return {
      ip: this.name(number),
      requests: this.numbers[at + IP_REQUESTS],
      errors: this.numbers[at + IP_ERRORS],
      lastSeen: this.numbers[at + IP_LAST_SEEN],
      user: user < 0 ? '' : this.userLists[this.userParts[number]][user],
      hourMask: this.numbers[at + IP_HOUR_MASK],
    };
  }

  /** The totals of address `ip`, if it made a request. */
  get(ip: string): IpTally | undefined {
    const value = ipv4Value(ip);
    const number = value >= 0 ? this.dottedQuads.find(value) : this.otherNumber(ip);
    return number < 0 ? undefined : this.tally(number);
  }

  /**
   * The numbers of the IPs with at least as many requests as the `n`-th busiest (so every IP of a
   * top-`n` list, whatever breaks its ties, is among them), in number order.
   */
  busiest(n: number): number[] {
    if (n <= 0) return [];
    // The n highest request counts, highest first.
    const highest: number[] = [];
    const end = this.count * IP_FIELDS;
    for (let at = IP_REQUESTS; at < end; at += IP_FIELDS) {
      const requests = this.numbers[at];
      if (highest.length === n && requests <= highest[n - 1]) continue;
      let k = highest.length === n ? n - 1 : highest.length;
      for (; k > 0 && highest[k - 1] < requests; k--) highest[k] = highest[k - 1];
      highest[k] = requests;
    }
    const least = highest.length === n ? highest[n - 1] : -Infinity;
    const numbers: number[] = [];
    for (let at = IP_REQUESTS; at < end; at += IP_FIELDS)
      if (this.numbers[at] >= least) numbers.push(at / IP_FIELDS);
    return numbers;
  }

  /** How many IPs made a request in each report hour (0-23). */
  perHour(): number[] {
    const counts = new Array<number>(24).fill(0);
    for (let at = IP_HOUR_MASK; at < this.count * IP_FIELDS; at += IP_FIELDS) {
      // Each set bit, lowest first.
      for (let mask = this.numbers[at]; mask !== 0; mask &= mask - 1) counts[31 - Math.clz32(mask & -mask)]++;
    }
    return counts;
  }

  // The first part: its columns become the day's as they are.
  private takeOver(from: IpColumns): Int32Array {
    this.count = from.values.length;
    this.values = from.values;
    this.numbers = from.numbers;
    this.users = from.users;
    this.userParts = new Int32Array(this.count);
    this.dottedQuads = new DottedQuadTable(from.table, this.count - from.others.size);
    this.otherNames = from.others;
    const numberOf = new Int32Array(this.count);
    for (let number = 0; number < this.count; number++) numberOf[number] = number;
    return numberOf;
  }

  // The number of IP text `text` that is not a dotted quad, or -1.
  private otherNumber(text: string): number {
    if (this.otherNumbers === undefined) {
      this.otherNumbers = new Map();
      for (const [number, name] of this.otherNames) this.otherNumbers.set(name, number);
    }
    return this.otherNumbers.get(text) ?? -1;
  }

  // Number a new IP (its value, or -1 and its text), making room for its columns.
  private newIp(value: number, text: string): number {
    const number = this.count++;
    if (number === this.values.length) this.grow();
    this.values[number] = value;
    if (value >= 0) this.dottedQuads.add(value, number);
    else {
      this.otherNames.set(number, text);
      this.otherNumbers?.set(text, number);
    }
    return number;
  }

  private grow(): void {
    const size = Math.max(1024, this.values.length * 2);
    const values = new Float64Array(size);
    values.set(this.values);
    this.values = values;
    const numbers = new Float64Array(size * IP_FIELDS);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const users = new Int32Array(size);
    users.set(this.users);
    this.users = users;
    const userParts = new Int32Array(size);
    userParts.set(this.userParts);
    this.userParts = userParts;
  }
}
