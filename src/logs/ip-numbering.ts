// Numbers client IPs 0, 1, 2... in order of first appearance and validates them. Dotted-quad IPv4
// text is keyed by its 32-bit value in a flat typed-array table (no string hashing per line); IPv6
// and anything else goes through a TextTable (recent-text cache + Map) and net.isIP. Does not
// count requests.

import { isIP } from 'node:net';
import { detach } from './detach.js';
import { DottedQuadTable } from './dotted-quad-table.js';
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

/** The text of dotted-quad value `value` (0 to 2^32 - 1), as `ipv4Value` reads it back. */
export function ipv4Text(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Dense numbering of the IPs one parser has accepted. */
export class IpNumbering {
  /** The IP text of each number. */
  readonly names: string[] = [];
  // Dotted quads by their value.
  private readonly dottedQuads = new DottedQuadTable();
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

  private findOther(line: string, start: number, end: number): number {
    const id = this.others.get(line, start, end);
    if (id !== undefined) return id;
    return isIP(line.slice(start, end)) === 0 ? NOT_AN_IP : NEW_IP;
  }

  private findV4(v4: number): number {
    const number = this.dottedQuads.find(v4);
    return number < 0 ? NEW_IP : number;
  }

  /**
   * Number a valid IP that `find` called NEW_IP; returns its number. The text is copied first (see
   * detach.ts) unless `copy` is false (a text that was not cut out of a block).
   */
  add(text: string, copy = true): number {
    const v4 = ipv4Value(text);
    // A dotted quad's own text, written from its value, shares no memory with a block.
    if (v4 >= 0) return this.addV4(v4, copy ? ipv4Text(v4) : text);
    const id = this.names.length;
    this.names.push(copy ? detach(text) : text);
    this.others.set(this.names[id], id);
    return id;
  }

  /**
   * Number the dotted quad of value `value` (one `find` called NEW_IP); its text is written from
   * the value, which gives the text back exactly (ipv4Value takes no other spelling).
   */
  addV4(value: number, text = ipv4Text(value)): number {
    const id = this.names.length;
    this.names.push(text);
    this.dottedQuads.add(value, id);
    return id;
  }

  /** Each number's dotted-quad value (unsigned), or -1 for an IP that is not a dotted quad. */
  dottedQuadValues(): Float64Array {
    return this.dottedQuads.values(this.names.length);
  }

  /** The dotted quads' table (see dotted-quad-table.ts), for a part to hand to the merge once the scan is done. */
  get dottedQuadTable(): Int32Array {
    return this.dottedQuads.ints;
  }
}
