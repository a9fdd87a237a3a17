// Per-(IP, minute) request runs of one scan part, collected as IpCounters flushes them: five numbers
// a row in one Float64Array (the layout of IpMinuteCounts.rows) instead of five growing JavaScript arrays. While the scan goes on, rows
// that no merge can need (at or below the burst threshold, away from the part's first minutes and
// well behind its current minute) are dropped, so the buffer stays small; `finish` builds the
// part's IpMinuteCounts. Applies no threshold except for that dropping.

import { PAIR_COUNT, PAIR_FIELDS, PAIR_FIRST_LINE, PAIR_IP, PAIR_LAST_LINE, PAIR_MINUTE } from './partial.js';
import type { IpMinuteCounts } from './partial.js';
import { consolidateRepeats, EDGE_MINUTES, emptyIpMinutes, trimToEdges } from './ip-minutes.js';

/** Rows more than this many minutes (plus EDGE_MINUTES) behind the current line's minute may be dropped. */
export const SLACK_MINUTES = 30;
const CAPACITY = 256 * 1024;

/** Collects a part's IP-minute rows; call `advance` when the line's minute changes, `add` per run. */
export class IpMinuteRows {
  private rows: Float64Array;
  private length = 0;
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
    this.rows = new Float64Array(capacity * PAIR_FIELDS);
  }

  /** The current line is in `minute` (the first call marks the part's first minute). */
  advance(minute: number): void {
    if (this.now === -Infinity) this.keepUpTo = minute + EDGE_MINUTES;
    this.now = minute;
  }

  /** One run of `count` requests from IP `ip` in `minute`; `repeat` when the IP had a row for this minute or a later one. */
  add(ip: number, minute: number, count: number, firstLine: number, lastLine: number, repeat: boolean): void {
    if (repeat) {
      this.repeatMinutes.add(minute);
      if (minute > this.keepUpTo && minute < this.prunedBelow) this.lost = true;
    }
    if (this.length * PAIR_FIELDS === this.rows.length) this.makeRoom();
    const at = this.length++ * PAIR_FIELDS;
    const rows = this.rows;
    rows[at + PAIR_IP] = ip;
    rows[at + PAIR_MINUTE] = minute;
    rows[at + PAIR_COUNT] = count;
    rows[at + PAIR_FIRST_LINE] = firstLine;
    rows[at + PAIR_LAST_LINE] = lastLine;
  }

  /**
   * The part's counts: repeats consolidated and, when a threshold was given and the part had lines,
   * trimmed to the rows a merge can need (`lastMinute` is the part's last line's minute).
   */
  finish(minutesSeen: number[], lastMinute: number | undefined): IpMinuteCounts {
    const threshold = this.threshold;
    const trim = threshold !== undefined && lastMinute !== undefined;
    // What trimToEdges below would drop anyway, dropped before the rows are consolidated.
    if (trim) this.drop(threshold, lastMinute - EDGE_MINUTES);
    const counts = emptyIpMinutes();
    let length = this.length;
    if (this.repeatMinutes.size > 0) length = consolidateRepeats(this.rows, length, this.repeatMinutes);
    counts.lostRepeats = this.lost;
    counts.minutesSeen = minutesSeen;
    if (trim)
      length = trimToEdges(
        counts,
        this.rows,
        length,
        threshold,
        this.keepUpTo - EDGE_MINUTES,
        lastMinute,
        this.prunedBelow,
      );
    counts.rows = this.rows.slice(0, length * PAIR_FIELDS);
    return counts;
  }

  // Drop the rows no merge can need; grow when that frees less than half the buffer.
  private makeRoom(): void {
    const bound = this.now - EDGE_MINUTES - SLACK_MINUTES;
    if (this.threshold !== undefined && bound > this.keepUpTo + 1) {
      this.drop(this.threshold, bound);
      this.prunedBelow = Math.max(this.prunedBelow, bound);
    }
    if (this.length * PAIR_FIELDS * 2 > this.rows.length) {
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
    for (let at = 0; at < this.length * PAIR_FIELDS; at += PAIR_FIELDS) {
      const minute = rows[at + PAIR_MINUTE];
      const droppable = rows[at + PAIR_COUNT] <= threshold && minute > this.keepUpTo && minute < bound;
      if (droppable && (repeats === undefined || !repeats.has(minute))) continue;
      if (out !== at) for (let field = 0; field < PAIR_FIELDS; field++) rows[out + field] = rows[at + field];
      out += PAIR_FIELDS;
    }
    this.length = out / PAIR_FIELDS;
  }
}
