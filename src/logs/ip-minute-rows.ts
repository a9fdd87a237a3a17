// Per-(IP, minute) request runs of one scan part, collected as IpCounters flushes them: five numbers
// a row in one Float64Array instead of five growing JavaScript arrays. While the scan goes on, rows
// that no merge can need (at or below the burst threshold, away from the part's first minutes and
// well behind its current minute) are dropped, so the buffer stays small; `finish` builds the
// part's IpMinuteCounts. Applies no threshold except for that dropping.

import type { IpMinuteCounts } from './partial.js';
import { consolidateRepeats, EDGE_MINUTES, emptyIpMinutes, trimToEdges } from './ip-minutes.js';

/** Rows more than this many minutes (plus EDGE_MINUTES) behind the current line's minute may be dropped. */
export const SLACK_MINUTES = 30;
const IP = 0;
const MINUTE = 1;
const COUNT = 2;
const FIRST_LINE = 3;
const LAST_LINE = 4;
const FIELDS = 5;
const CAPACITY = 256 * 1024;

/** Collects a part's IP-minute rows; call `advance` when the line's minute changes, `add` per run. */
export class IpMinuteRows {
  private rows: Float64Array;
  private length = 0;
  private hasRepeats = false;
  // Minutes at or below this are never dropped (the part's first minutes); set by the first `advance`.
  private keepUpTo = Infinity;
  private now = -Infinity;
  // Rows in (keepUpTo, prunedBelow) at or below the threshold may have been dropped.
  private prunedBelow = -Infinity;
  // A run came back to a minute whose earlier row may have been dropped: counts are not exact.
  private lost = false;
  // Minutes some IP came back to: their rows are never dropped, as only their sum says whether they are a burst.
  private readonly repeatMinutes = new Set<number>();

  /**
   * @param threshold rows at or below it may be dropped; undefined keeps every row.
   * @param capacity rows held before dropping is tried (tests use small ones).
   */
  constructor(
    private readonly threshold: number | undefined,
    capacity = CAPACITY,
  ) {
    this.rows = new Float64Array(capacity * FIELDS);
  }

  /** The current line is in `minute` (the first call marks the part's first minute). */
  advance(minute: number): void {
    if (this.now === -Infinity) this.keepUpTo = minute + EDGE_MINUTES;
    this.now = minute;
  }

  /** One run of `count` requests from IP `ip` in `minute`; `repeat` when the IP had a row for this minute or a later one. */
  add(ip: number, minute: number, count: number, firstLine: number, lastLine: number, repeat: boolean): void {
    if (repeat) {
      this.hasRepeats = true;
      this.repeatMinutes.add(minute);
      if (minute > this.keepUpTo && minute < this.prunedBelow) this.lost = true;
    }
    if (this.length * FIELDS === this.rows.length) this.makeRoom();
    const at = this.length++ * FIELDS;
    const rows = this.rows;
    rows[at + IP] = ip;
    rows[at + MINUTE] = minute;
    rows[at + COUNT] = count;
    rows[at + FIRST_LINE] = firstLine;
    rows[at + LAST_LINE] = lastLine;
  }

  /**
   * The part's counts: repeats consolidated and, when a threshold was given and the part had lines,
   * trimmed to the rows a merge can need (`lastMinute` is the part's last line's minute).
   */
  finish(minutesSeen: number[], lastMinute: number | undefined): IpMinuteCounts {
    const threshold = this.threshold;
    const trim = threshold !== undefined && lastMinute !== undefined;
    // What trimToEdges below would drop anyway, dropped before the rows become arrays.
    if (trim) this.drop(threshold, lastMinute - EDGE_MINUTES);
    const counts = emptyIpMinutes();
    const rows = this.rows;
    for (let at = 0; at < this.length * FIELDS; at += FIELDS) {
      counts.ipIndex.push(rows[at + IP]);
      counts.minute.push(rows[at + MINUTE]);
      counts.count.push(rows[at + COUNT]);
      counts.firstLine.push(rows[at + FIRST_LINE]);
      counts.lastLine.push(rows[at + LAST_LINE]);
    }
    counts.hasRepeats = this.hasRepeats;
    counts.lostRepeats = this.lost;
    consolidateRepeats(counts);
    counts.minutesSeen = minutesSeen;
    if (trim) trimToEdges(counts, threshold, this.keepUpTo - EDGE_MINUTES, lastMinute, this.prunedBelow);
    return counts;
  }

  // Drop the rows no merge can need; grow when that frees less than half the buffer.
  private makeRoom(): void {
    const bound = this.now - EDGE_MINUTES - SLACK_MINUTES;
    if (this.threshold !== undefined && bound > this.keepUpTo + 1) {
      this.drop(this.threshold, bound);
      this.prunedBelow = Math.max(this.prunedBelow, bound);
    }
    if (this.length * FIELDS * 2 > this.rows.length) {
      const grown = new Float64Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
  }

  // Drop rows at or below `threshold` in minutes after keepUpTo and before `bound`, except repeated minutes.
  private drop(threshold: number, bound: number): void {
    const rows = this.rows;
    const repeats = this.repeatMinutes.size > 0 ? this.repeatMinutes : undefined;
    let out = 0;
    for (let at = 0; at < this.length * FIELDS; at += FIELDS) {
      const minute = rows[at + MINUTE];
      const droppable = rows[at + COUNT] <= threshold && minute > this.keepUpTo && minute < bound;
      if (droppable && (repeats === undefined || !repeats.has(minute))) continue;
      if (out !== at) for (let field = 0; field < FIELDS; field++) rows[out + field] = rows[at + field];
      out += FIELDS;
    }
    this.length = out / FIELDS;
  }
}
