// Per-IP counters of one scan part: requests, errors, last seen with its user, active hours and the
// current per-minute run. They live in the compiled scanner's memory, in a block beside each IP's
// table slot (wasm/ip-block.ts), where the scanner counts most lines itself while it scans; this
// class counts the other lines through the same code, numbers users, takes the counters out when
// an IP table is full (and gives them back when the IP returns), hands on the IP-minute rows the
// scanner closed on the lines it counted entirely, and builds the part's IP columns and last
// IP-minute rows. Judges nothing.

import { JobError } from '../core/errors.js';
import { detach } from './detach.js';
import type { IpMinuteRows } from './ip-minute-rows.js';
import type { LogRecord } from './parse-line.js';
import { USER_BY_TEXT } from './parse-line.js';
import { IP_ERRORS, IP_FIELDS, IP_HOUR_MASK, IP_LAST_SEEN, IP_REQUESTS } from './partial.js';
import type { IpColumns } from './partial.js';
import {
  BLOCK_ERRORS,
  BLOCK_FLUSHED_MINUTE_SLOT,
  BLOCK_HOUR_MASK,
  BLOCK_LAST_SEEN_SLOT,
  BLOCK_LAST_USER,
  BLOCK_REQUESTS,
  BLOCK_RUN_COUNT,
  BLOCK_RUN_FIRST_LINE,
  BLOCK_RUN_LAST_LINE,
  BLOCK_RUN_MINUTE_SLOT,
  BLOCK_TAG,
  DOTTED_QUADS_FULL,
  IP_LIMIT,
  newScanner,
  OTHER_IPS_FULL,
  ROW_COUNT,
  ROW_FIRST_LINE,
  ROW_IP,
  ROW_LAST_LINE,
  ROW_LINE,
  ROW_MINUTE_SLOT,
  ROW_REPEAT,
  ROW_WORDS,
} from './wasm-module.js';
import type { ScannerClock, ScannerExports } from './wasm-module.js';

// The scanner's input area when nothing scans through it (formats other than Combined).
const INPUT_SIZE = 128 * 1024;
// Part line numbers and counts are 32-bit in the scanner's blocks.
const MAX_LINE = 0xffffffff;
// An IP's counters while its block is out of the scanner (an IP table filled up) and at the end: 64-bit
// floats per IP in the scanner's saved area, as its saveBlocks writes them (wasm/ip-tables.ts).
const REQUESTS = 0;
const ERRORS = 1;
const LAST_SEEN = 2;
const HOUR_MASK = 3;
const LAST_USER = 4;
const RUN_MINUTE = 5;
const RUN_COUNT = 6;
const RUN_FIRST_LINE = 7;
const RUN_LAST_LINE = 8;
const FLUSHED_MINUTE = 9;
const SAVED = 10;
const FIELDS = 11;

/** Counters for IPs numbered densely 0, 1, 2... (the parser's numbering), in a compiled scanner's memory. */
export class IpCounters {
  /** The scanner whose tables hold the blocks (WasmLines scans with it). */
  readonly scanner: ScannerExports;
  /** Every distinct non-empty user counted, by number (in order of first appearance). */
  readonly users: string[] = [];
  private readonly userNumbers = new Map<string, number>();
  private ipCount = 0;
  // The saved area (index into `floats`) and how many IPs it holds.
  private savedAt = 0;
  private savedCapacity = 0;
  private buffer: ArrayBuffer | undefined;
  private words = new Int32Array(0);
  private unsigned = new Uint32Array(0);
  private floats = new Float64Array(0);
  // The rows the last scan kept for its plain lines (first word, count) and how many are handed on.
  private rowsAt = 0;
  private rowTotal = 0;
  private rowsTaken = 0;

  /**
   * @param names the IP text of each number (the parser's numbering).
   * @param clock places a line's minute and hour for the scanner, as the accumulator does.
   * @param ipLimit IPs per scanner IP table (tests make it small).
   */
  constructor(
    private readonly names: readonly string[],
    clock: ScannerClock,
    ipLimit = IP_LIMIT,
  ) {
    if (!(ipLimit >= 1)) throw new RangeError(`an IP table must hold at least one IP, not ${ipLimit}`);
    this.scanner = newScanner(INPUT_SIZE, clock, ipLimit);
  }

  /** How many IPs have been counted. */
  get size(): number {
    return this.ipCount;
  }

  /** The number of user `user` ('' : -1), numbering it when new. */
  userNumber(user: string): number {
    if (user === '') return -1;
    let number = this.userNumbers.get(user);
    if (number === undefined) {
      number = this.users.length;
      this.users.push(detach(user));
      this.userNumbers.set(this.users[number], number);
    }
    return number;
  }

  /** IPs 0 to `count` - 1 are numbered (the scanner tagged the blocks of those it numbered itself). */
  numbered(count: number): void {
    if (count > this.ipCount) this.ipCount = count;
  }

  /** Give the block at byte address `block` to IP `id`, with its counters if it had some before. */
  claim(block: number, id: number): void {
    this.views();
    const word = block >> 2;
    this.words[word + BLOCK_TAG] = id;
    if (id >= this.ipCount) this.ipCount = id + 1;
    const saved = this.floats;
    const at = this.savedAt + id * FIELDS;
    if (id >= this.savedCapacity || saved[at + SAVED] === 0) return;
    const slot = block >> 3;
    this.unsigned[word + BLOCK_REQUESTS] = saved[at + REQUESTS];
    this.unsigned[word + BLOCK_ERRORS] = saved[at + ERRORS];
    this.floats[slot + BLOCK_LAST_SEEN_SLOT] = saved[at + LAST_SEEN];
    this.words[word + BLOCK_HOUR_MASK] = saved[at + HOUR_MASK];
    this.words[word + BLOCK_LAST_USER] = saved[at + LAST_USER];
    this.floats[slot + BLOCK_RUN_MINUTE_SLOT] = saved[at + RUN_MINUTE];
    this.unsigned[word + BLOCK_RUN_COUNT] = saved[at + RUN_COUNT];
    this.unsigned[word + BLOCK_RUN_FIRST_LINE] = saved[at + RUN_FIRST_LINE];
    this.unsigned[word + BLOCK_RUN_LAST_LINE] = saved[at + RUN_LAST_LINE];
    this.floats[slot + BLOCK_FLUSHED_MINUTE_SLOT] = saved[at + FLUSHED_MINUTE];
    saved[at + SAVED] = 0;
  }

  /**
   * Count `record` (input line `line`, report-time `minute` and `hour`) for its IP, unless the scanner
   * already has; a per-minute run the IP closes goes to `rows`.
   */
  count(record: LogRecord, hour: number, minute: number, line: number, rows: IpMinuteRows): void {
    const id = record.ipId;
    if (record.ipCounted) {
      if (record.ipRow >= 0) this.addRow(id, record.ipRow, rows);
      return;
    }
    if (line > MAX_LINE) throw new JobError(`more than ${MAX_LINE} lines in one part of the log`);
    const block = record.ipBlock >= 0 ? record.ipBlock : this.blockOf(id);
    const user = record.userNumber === USER_BY_TEXT ? this.userNumber(record.user) : record.userNumber;
    const isError = record.status >= 400;
    if (this.scanner.countAt(block, record.time, isError, hour, user, minute, line))
      this.addRow(id, this.scanner.rowAddress(), rows);
  }

  /** A scan has ended: its plain lines' rows are to be handed on (the views must be current). */
  scanRows(): void {
    this.rowTotal = this.scanner.rowCount();
    this.rowsAt = this.scanner.rowsAddress() >> 2;
    this.rowsTaken = 0;
  }

  /** Add the rows the scanner closed on plain lines before part line `line` to `rows`, in line order. */
  takeRows(line: number, rows: IpMinuteRows): void {
    const words = this.unsigned;
    while (this.rowsTaken < this.rowTotal) {
      const at = this.rowsAt + this.rowsTaken * ROW_WORDS;
      if (words[at + ROW_LINE] >= line) return;
      this.addRow(this.words[at + ROW_IP], at * 4, rows);
      this.rowsTaken++;
    }
  }

  /**
   * Take every IP's counters out of the scanner, close the open runs into `rows` (in IP order) and
   * return the columns; `values` holds each IP's dotted-quad value or -1 and `table` numbers them
   * by value (IpNumbering.dottedQuadValues and dottedQuadTable).
   */
  finish(rows: IpMinuteRows, values: Float64Array, table: Int32Array): IpColumns {
    if (values.length !== this.ipCount)
      throw new Error(`${values.length} IPs numbered, ${this.ipCount} counted`);
    this.saveTable(DOTTED_QUADS_FULL);
    this.saveTable(OTHER_IPS_FULL);
    const saved = this.floats;
    const count = this.ipCount;
    const numbers = new Float64Array(count * IP_FIELDS);
    const users = new Int32Array(count);
    const others = new Map<number, string>();
    for (let id = 0; id < count; id++) {
      const at = this.savedAt + id * FIELDS;
      if (saved[at + RUN_COUNT] > 0) {
        const runMinute = saved[at + RUN_MINUTE];
        const repeat = runMinute <= saved[at + FLUSHED_MINUTE];
        rows.add(
          id,
          runMinute,
          saved[at + RUN_COUNT],
          saved[at + RUN_FIRST_LINE],
          saved[at + RUN_LAST_LINE],
          repeat,
        );
      }
      const to = id * IP_FIELDS;
      numbers[to + IP_REQUESTS] = saved[at + REQUESTS];
      numbers[to + IP_ERRORS] = saved[at + ERRORS];
      numbers[to + IP_LAST_SEEN] = saved[at + LAST_SEEN];
      numbers[to + IP_HOUR_MASK] = saved[at + HOUR_MASK];
      users[id] = saved[at + LAST_USER];
      if (values[id] < 0) others.set(id, this.names[id]);
    }
    return { values, others, table, users, userNames: this.users, numbers };
  }

  /** Take the counters out of a full IP table (the scanner said which) and empty it. */
  startOver(): void {
    this.saveTable(this.scanner.ipTableFull());
    this.scanner.clearIpTable();
  }

  // The block of a line the TypeScript parser took, found by the IP's text.
  private blockOf(id: number): number {
    const text = this.names[id];
    const length = Buffer.byteLength(text);
    const scratch = this.scanner.scratchAddress(length);
    let block = this.scanner.ipBlockOf(this.writeScratch(scratch, text));
    if (block === 0) {
      this.startOver();
      block = this.scanner.ipBlockOf(this.writeScratch(scratch, text));
    }
    this.views();
    if (this.words[(block >> 2) + BLOCK_TAG] !== id) this.claim(block, id);
    return block;
  }

  private writeScratch(at: number, text: string): number {
    return Buffer.from(this.scanner.memory.buffer).write(text, at, 'utf8');
  }

  private addRow(id: number, row: number, rows: IpMinuteRows): void {
    const word = row >> 2;
    const u = this.unsigned;
    rows.add(
      id,
      this.floats[(row >> 3) + ROW_MINUTE_SLOT],
      u[word + ROW_COUNT],
      u[word + ROW_FIRST_LINE],
      u[word + ROW_LAST_LINE],
      u[word + ROW_REPEAT] !== 0,
    );
  }

  // Save the counters of every numbered IP in one table (DOTTED_QUADS_FULL or OTHER_IPS_FULL).
  private saveTable(table: number): void {
    if (this.savedCapacity < this.ipCount) {
      // Exact the first time (often only at the end of the part), doubling after that.
      this.savedCapacity =
        this.savedCapacity === 0 ? this.ipCount : Math.max(this.ipCount, this.savedCapacity * 2);
      this.savedAt = this.scanner.savedArea(this.savedCapacity) >> 3;
    }
    this.scanner.saveBlocks(table);
    this.views();
  }

  /**
   * Make the views of the scanner's memory again if it has grown (WasmLines calls this after a scan
   * that grew it; this class's own calls into the scanner check for themselves).
   */
  views(): void {
    const buffer = this.scanner.memory.buffer;
    if (this.buffer === buffer) return;
    this.buffer = buffer;
    this.words = new Int32Array(buffer);
    this.unsigned = new Uint32Array(buffer);
    this.floats = new Float64Array(buffer);
  }
}
