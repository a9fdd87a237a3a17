// Numbers client IPs 0, 1, 2... in order of first appearance and validates them. Dotted-quad IPv4
// text is keyed by its 32-bit value in a flat typed-array table (no string hashing per line); IPv6
// and anything else goes through a TextTable (recent-text cache + Map) and net.isIP. Does not
// count requests.

import { isIP } from 'node:net';
import { detach } from './detach.js';
import { TextTable } from './text-table.js';

/** `find` result for a valid IP not numbered yet. */
export const NEW_IP = -1;
/** `find` result for text that is not an IP address. */
export const NOT_AN_IP = -2;

// Slots of the cache of recently seen IPv6 (and other non-dotted-quad) texts.
const OTHER_CACHE_SLOTS = 4096;

/**
 * The 32-bit value of `text` (or of its [start, end) part) when it is a dotted-quad IPv4 address
 * exactly as `net.isIPv4` accepts it (four decimal octets 0-255, no leading zeros), else -1. Such
 * text and its value map one to one.
 */
export function ipv4Value(text: string, start = 0, end = text.length): number {
  if (end - start < 7 || end - start > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      dots++;
      octet = 0;
      digits = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || (digits === 1 && octet === 0)) return -1;
    octet = octet * 10 + d;
    digits++;
    if (octet > 255) return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** Dense numbering of the IPs one parser has accepted. */
export class IpNumbering {
  /** The IP text of each number. */
  readonly names: string[] = [];
  // Open addressing over IPv4 values, two ints per slot side by side (one cache line per probe):
  // the value (as int32 bits) and the number + 1 (0 = empty).
  private slots = new Int32Array(2 * 1024);
  private shift = 22;
  private v4Count = 0;
  // Never emptied: every IP keeps its number for the whole scan.
  private readonly others = new TextTable<number>(OTHER_CACHE_SLOTS, Number.POSITIVE_INFINITY);

  /** The number of `text`, NEW_IP when it is a valid IP not seen yet, or NOT_AN_IP. */
  find(text: string): number {
    return this.findIn(text, 0, text.length);
  }

  /** `find` for the [start, end) part of `line`, without cutting it out when it is IPv4. */
  findIn(line: string, start: number, end: number): number {
    const v4 = ipv4Value(line, start, end);
    return v4 < 0 ? this.findOther(line, start, end) : this.findV4(v4);
  }

  /** `find` for text known to be an IP (one a numbering accepted): NEW_IP or its number, never checked. */
  findValid(text: string): number {
    const v4 = ipv4Value(text);
    if (v4 >= 0) return this.findV4(v4);
    return this.others.get(text, 0, text.length) ?? NEW_IP;
  }

  private findOther(line: string, start: number, end: number): number {
    const id = this.others.get(line, start, end);
    if (id !== undefined) return id;
    return isIP(line.slice(start, end)) === 0 ? NOT_AN_IP : NEW_IP;
  }

  private findV4(v4: number): number {
    const key = v4 | 0;
    const slots = this.slots;
    const mask = slots.length / 2 - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const id = slots[2 * slot + 1];
      if (id === 0) return NEW_IP;
      if (slots[2 * slot] === key) return id - 1;
    }
  }

  /**
   * Number a valid IP that `find` called NEW_IP; returns its number. The text is copied first (see
   * detach.ts) unless `copy` is false (a text that was not cut out of a block).
   */
  add(text: string, copy = true): number {
    const id = this.names.length;
    this.names.push(copy ? detach(text) : text);
    const v4 = ipv4Value(text);
    if (v4 < 0) this.others.set(this.names[id], id);
    else {
      if (++this.v4Count * 4 > this.slots.length) this.grow();
      this.place(v4 | 0, id);
    }
    return id;
  }

  /** Each number's dotted-quad value (unsigned), or -1 for an IP that is not a dotted quad. */
  dottedQuadValues(): Float64Array {
    const values = new Float64Array(this.names.length).fill(-1);
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 2) if (slots[at + 1] !== 0) values[slots[at + 1] - 1] = slots[at] >>> 0;
    return values;
  }

  private place(key: number, id: number): void {
    const mask = this.slots.length / 2 - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    this.slots[2 * slot] = key;
    this.slots[2 * slot + 1] = id + 1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.shift--;
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== 0) this.place(old[at], old[at + 1] - 1);
  }
}
