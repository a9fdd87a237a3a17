// The day's client IPs and users, merged from the parts' IP columns into one set of columns. A dotted
// quad is matched by its 32-bit value in a typed-array hash table (no text at all: its address is
// written out only for the IPs a report prints), other addresses by their text; an IpTally is made
// only for an IP that is asked for (the top list). No ranking here.

import { ipv4Value } from './ip-numbering.js';
import { IP_ERRORS, IP_FIELDS, IP_HOUR_MASK, IP_LAST_SEEN, IP_REQUESTS } from './partial.js';
import type { IpColumns, IpTally } from './partial.js';

/** The text of dotted-quad value `value` (0 to 2^32 - 1), as `ipv4Value` reads it back. */
export function ipv4Text(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Every IP's address in `columns`, by the part's number (tests and small inputs). */
export function ipNames(columns: IpColumns): string[] {
  let other = 0;
  return Array.from(columns.values, (value) => (value >= 0 ? ipv4Text(value) : columns.others[other++]));
}

/** Every IP's IpTally in `columns`, by the part's number (tests). */
export function ipTallies(columns: IpColumns): IpTally[] {
  return ipNames(columns).map((ip, id) => {
    const at = id * IP_FIELDS;
    const user = columns.users[id];
    return {
      ip,
      requests: columns.numbers[at + IP_REQUESTS],
      errors: columns.numbers[at + IP_ERRORS],
      lastSeen: columns.numbers[at + IP_LAST_SEEN],
      user: user < 0 ? '' : columns.userNames[user],
      hourMask: columns.numbers[at + IP_HOUR_MASK],
    };
  });
}

/** Every client IP of the day with its merged totals, and every user, numbered as they come. */
export class DayIps {
  // Open addressing over dotted-quad values, two ints per slot: the value's bits and the number + 1.
  private slots = new Int32Array(2 * 1024);
  private shift = 22;
  // Each IP's dotted-quad value, or -1 with its text in `otherNames`.
  private values = new Float64Array(1024);
  private readonly otherNames = new Map<number, string>();
  private readonly otherNumbers = new Map<string, number>();
  private numbers = new Float64Array(1024 * IP_FIELDS);
  // Each IP's user (its number in `userNames`), or -1.
  private users = new Int32Array(1024);
  private count = 0;
  private dottedQuads = 0;
  private readonly userNames: string[] = [];
  private readonly userNumbers = new Map<string, number>();

  /** How many distinct IPs there are. */
  get size(): number {
    return this.count;
  }

  /** How many distinct non-empty users there are. */
  get userCount(): number {
    return this.userNames.length;
  }

  /**
   * Add a part's IPs (parts in input order): requests, errors and hours add up; the user is the one
   * of the latest request, or any non-empty one when the latest had none. Returns each of the part's
   * IPs' number here.
   */
  add(from: IpColumns): Int32Array {
    const userOf = this.numberUsers(from.userNames);
    const fromValues = from.values;
    const fromUsers = from.users;
    const source = from.numbers;
    const total = fromValues.length;
    this.reserve(this.count + total);
    // Sized for the larger of the two sets, so a part much like the ones before never grows it midway.
    this.grow(Math.max(this.dottedQuads, total - from.others.length));
    const numberOf = new Int32Array(total);
    const numbers = this.numbers;
    const users = this.users;
    let slots = this.slots;
    let mask = slots.length / 2 - 1;
    let other = 0;
    for (let id = 0; id < total; id++) {
      const value = fromValues[id];
      const userAt = fromUsers[id];
      const user = userAt < 0 ? -1 : userOf[userAt];
      let number: number;
      let slot = -1;
      if (value >= 0) {
        const key = value | 0;
        slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
        while (slots[2 * slot + 1] !== 0 && slots[2 * slot] !== key) slot = (slot + 1) & mask;
        number = slots[2 * slot + 1] - 1;
      } else number = this.otherNumbers.get(from.others[other]) ?? -1;
      const at = id * IP_FIELDS;
      if (number < 0) {
        number = this.count++;
        if (slot >= 0) {
          slots[2 * slot] = value | 0;
          slots[2 * slot + 1] = number + 1;
          if (++this.dottedQuads * 4 > slots.length) {
            this.grow(this.dottedQuads);
            slots = this.slots;
            mask = slots.length / 2 - 1;
          }
        } else {
          this.otherNames.set(number, from.others[other]);
          this.otherNumbers.set(from.others[other], number);
        }
        this.values[number] = value;
        users[number] = user;
        const to = number * IP_FIELDS;
        for (let field = 0; field < IP_FIELDS; field++) numbers[to + field] = source[at + field];
      } else {
        const to = number * IP_FIELDS;
        numbers[to + IP_REQUESTS] += source[at + IP_REQUESTS];
        numbers[to + IP_ERRORS] += source[at + IP_ERRORS];
        numbers[to + IP_HOUR_MASK] = numbers[to + IP_HOUR_MASK] | source[at + IP_HOUR_MASK];
        if (source[at + IP_LAST_SEEN] >= numbers[to + IP_LAST_SEEN]) {
          numbers[to + IP_LAST_SEEN] = source[at + IP_LAST_SEEN];
          if (user >= 0) users[number] = user;
        } else if (users[number] < 0) users[number] = user;
      }
      if (value < 0) other++;
      numberOf[id] = number;
    }
    return numberOf;
  }

  /** Every IP's number, in order of first appearance. */
  *ids(): IterableIterator<number> {
    for (let number = 0; number < this.count; number++) yield number;
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
      user: user < 0 ? '' : this.userNames[user],
      hourMask: this.numbers[at + IP_HOUR_MASK],
    };
  }

  /** The totals of address `ip`, if it made a request. */
  get(ip: string): IpTally | undefined {
    const value = ipv4Value(ip);
    if (value < 0) {
      const number = this.otherNumbers.get(ip);
      return number === undefined ? undefined : this.tally(number);
    }
    const key = value | 0;
    const mask = this.slots.length / 2 - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const id = this.slots[2 * slot + 1];
      if (id === 0) return undefined;
      if (this.slots[2 * slot] === key) return this.tally(id - 1);
    }
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

  // The day's number of each of a part's users, numbering the new ones.
  private numberUsers(names: readonly string[]): Int32Array {
    const numberOf = new Int32Array(names.length);
    for (let k = 0; k < names.length; k++) {
      let number = this.userNumbers.get(names[k]);
      if (number === undefined) {
        number = this.userNames.length;
        this.userNames.push(names[k]);
        this.userNumbers.set(names[k], number);
      }
      numberOf[k] = number;
    }
    return numberOf;
  }

  // Room for the numbers of `count` IPs.
  private reserve(count: number): void {
    if (count <= this.values.length) return;
    const size = Math.max(this.values.length * 2, count);
    const values = new Float64Array(size);
    values.set(this.values);
    this.values = values;
    const users = new Int32Array(size);
    users.set(this.users);
    this.users = users;
    const numbers = new Float64Array(size * IP_FIELDS);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }

  // Make the dotted-quad table hold `count` values at most a quarter full (two ints per slot, half the slots).
  private grow(count: number): void {
    const old = this.slots;
    let length = old.length;
    while (count * 4 > length) length *= 2;
    if (length === old.length) return;
    const slots = new Int32Array(length);
    const mask = length / 2 - 1;
    this.shift = 32 - Math.log2(length / 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === 0) continue;
      let slot = Math.imul(old[at], 0x9e3779b1) >>> this.shift;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[at];
      slots[2 * slot + 1] = old[at + 1];
    }
    this.slots = slots;
  }
}
