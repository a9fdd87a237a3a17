// A string-keyed table looked up by a [start, end) part of a line: a small direct-mapped cache
// of recent keys (one string comparison, no hashing of the whole text) in front of a Map.
// Holds the parser's distinct request lines and user agents; does not decide what an entry holds.

import { detach } from './detach.js';

/**
 * A cheap hash of `text`'s [start, end) part: its length, eight evenly spaced characters and the
 * four that end ten before its end (where a request line's id sits before ` HTTP/1.1`). Texts that
 * share it only share a cache slot; correctness never depends on it.
 */
export function sampleHash(text: string, start: number, end: number): number {
  const length = end - start;
  let hash = Math.imul(length, 0x9e3779b1);
  const step = (length >> 3) + 1;
  for (let i = start; i < end; i += step) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  for (let i = Math.max(start, end - 13); i < end - 9; i++)
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash ^ (hash >>> 15);
}

/** Distinct texts mapped to entries, at most `limit` of them (then it starts over). */
export class TextTable<Entry> {
  // Each held text's number; its detached text and entry by number.
  private readonly numbers = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly entries: Entry[] = [];
  // Cache slot -> number + 1 of a recently used text (0 = empty).
  private readonly recent: Int32Array;
  private readonly mask: number;

  /**
   * @param cacheSlots size of the recent-text cache, a power of two.
   * @param limit texts held before the table is emptied, so unique texts cannot grow it without bound.
   */
  constructor(
    cacheSlots: number,
    private readonly limit: number,
  ) {
    this.recent = new Int32Array(cacheSlots);
    this.mask = cacheSlots - 1;
  }

  /** The entry of `line`'s [start, end) part, or undefined when that text is not held. */
  get(line: string, start: number, end: number): Entry | undefined {
    const slot = sampleHash(line, start, end) & this.mask;
    const cached = this.recent[slot] - 1;
    // A cut-out text compared with === costs far less than hashing it for the map (or `startsWith`
    // at an offset, which V8 runs slowly).
    const text = line.slice(start, end);
    if (cached >= 0 && this.keys[cached] === text) return this.entries[cached];
    const number = this.numbers.get(text);
    if (number === undefined) return undefined;
    this.recent[slot] = number + 1;
    return this.entries[number];
  }

  /** Hold `entry` for `text` (a text `get` did not find). */
  set(text: string, entry: Entry): void {
    if (this.keys.length >= this.limit) this.clear();
    const key = detach(text);
    const number = this.keys.length;
    this.numbers.set(key, number);
    this.keys.push(key);
    this.entries.push(entry);
    this.recent[sampleHash(key, 0, key.length) & this.mask] = number + 1;
  }

  private clear(): void {
    this.numbers.clear();
    this.keys.length = 0;
    this.entries.length = 0;
    this.recent.fill(0);
  }
}
