// Feeds blocks of a log to the compiled Combined-line scanner (wasm-module.ts) and hands each line on
// in input order: a line the scanner accepted as a parsed record (IP, user, request line and agent
// come as numbers; each distinct text is decoded and judged once here), any other line as text for
// the TypeScript parser, which decides it exactly as before. Numbers IPs and users for the scanner
// (and adopts the new dotted quads the scanner numbered itself), which counts the lines whose
// numbers it has in the IP counters it shares (ip-counters.ts), and
// writes back the sink's request and agent tags, with which the scanner counts plain lines entirely
// (those never reach the sink, which takes their counts at the end); does not count anything itself.

import { JobError } from '../core/errors.js';
import type { IpCounters } from './ip-counters.js';
import { NEW_IP as UNNUMBERED_IP, NOT_AN_IP } from './ip-numbering.js';
import type { IpNumbering } from './ip-numbering.js';
import { emptyRecord, splitRequest, unescapeField } from './parse-line.js';
import type { AgentEntry, LogRecord, RequestEntry } from './parse-line.js';
import {
  ACCEPTED,
  AGENT_END,
  AGENT_ID,
  AGENT_START,
  AGENT_TAG,
  AGENT_TAG_AT,
  BYTES_SLOT,
  COUNTED,
  FLAGS,
  IP_END,
  IP_NUMBER,
  IP_TAG_AT,
  LINE,
  LINE_END,
  LINE_START,
  NEW_AGENT,
  NEW_REQUEST,
  NEW_USER,
  RECORD_ROW,
  RECORD_WORDS,
  REQUEST_END,
  REQUEST_ID,
  REQUEST_START,
  REQUEST_TAG,
  REQUEST_TAG_AT,
  ROW,
  SHAPE_TAG_AT,
  STATUS,
  TIME_SLOT,
  USER_END,
  USER_ID,
  USER_START,
  USER_TAG,
  USER_TAG_AT,
} from './wasm-module.js';
import type { ScannerExports } from './wasm-module.js';

/**
 * Where the lines go: parsed records, or raw text for the TypeScript parser. Line numbers are the
 * part's; lines the scanner counted itself (only when the sink tags agents PLAIN_AGENT) are skipped.
 */
export interface LineSink<RequestMemo, AgentMemo> {
  /** A line the scanner did not accept (without its newline), number `line`. */
  line(text: string, line: number): void;
  /** A line the scanner accepted, number `line`, parsed into `record` (reused for the next line). */
  parsed(record: LogRecord<RequestMemo, AgentMemo>, line: number): void;
  /** Every line up to number `line` has been handed on or counted by the scanner (after each scan). */
  scanned?(line: number): void;
  /** The minute (report time, minutes since the epoch) of the last line the sink counted. */
  readonly lastMinute?: number;
}

// Lines of one part the scanner's 32-bit line numbers (and a scan's lines, at most 4096) can take.
const MAX_LINES = 0xffffffff - 4096;
// An IP tag the scanner has not been given a number for yet.
const UNKNOWN = -1;
// The largest request tag a 32-bit word keeps.
const MAX_TAG = 0x7fffffff;
// tablesStartedOver's bits: the request-line and the agent table.
const REQUESTS_STARTED_OVER = 1;
const AGENTS_STARTED_OVER = 2;
const SHAPES_STARTED_OVER = 4;
// A minute no line is in (a sink that does not say).
const NO_MINUTE = Number.MIN_SAFE_INTEGER;

/** Splits and parses bytes with the compiled scanner; call `push` (or `room`, then `filled`) per block, then `end`. */
export class WasmLines<RequestMemo, AgentMemo> {
  private readonly scanner: ScannerExports;
  private memory = Buffer.alloc(0);
  private words = new Int32Array(0);
  private floats = new Float64Array(0);
  // Bytes of a cut line kept at the start of the input area.
  private pending = 0;
  // By the scanner's numbers: users, request entries (undefined when the request is malformed), agent
  // entries. (IPs are tagged with their number, or NOT_AN_IP, in the scanner's own table; request
  // lines with the sink's requestTag.)
  private readonly users: string[] = [];
  private readonly requests: (RequestEntry<RequestMemo> | undefined)[] = [];
  private readonly agents: AgentEntry<AgentMemo>[] = [];
  private readonly record: LogRecord<RequestMemo, AgentMemo> = emptyRecord();
  // Lines handed on so far (the part's line number of the last one).
  private lines = 0;
  // Whether the scanner numbers new dotted quads itself (until an IP table is first emptied).
  private numbersIps = true;

  /**
   * @param ips the numbering the TypeScript parser uses too, so both give an IP the same number.
   * @param counters the IP counters (and the scanner they live in) the sink counts lines into.
   */
  constructor(
    private readonly sink: LineSink<RequestMemo, AgentMemo>,
    private readonly ips: IpNumbering,
    private readonly counters: IpCounters,
  ) {
    this.scanner = counters.scanner;
  }

  /** Feed the next bytes; `block` may be reused by the caller afterwards. */
  push(block: Buffer): void {
    block.copy(this.room(block.length));
    this.filled(block.length);
  }

  /** Where to read the next bytes (at most `size`) into: the scanner's input area, after a cut line. */
  room(size: number): Buffer {
    const input = this.scanner.reserveInput(this.pending, this.pending + size);
    this.views();
    return this.memory.subarray(input + this.pending, input + this.pending + size);
  }

  /** The first `length` bytes of the last room are the next bytes. */
  filled(length: number): void {
    this.run(this.scanner.inputAddress(), this.pending + length, false);
  }

  /** Flush a last line that had no newline. */
  end(): void {
    this.run(this.scanner.inputAddress(), this.pending, true);
  }

  private run(input: number, end: number, final: boolean): void {
    let start = 0;
    while (start < end) {
      if (this.lines > MAX_LINES) throw new JobError(`more than ${MAX_LINES} lines in one part of the log`);
      const scanner = this.scanner;
      const firstIp = this.numbersIps ? this.ips.names.length : -1;
      const count = scanner.scan(
        start,
        end,
        final,
        this.lines + 1,
        this.sink.lastMinute ?? NO_MINUTE,
        firstIp,
      );
      const lines = scanner.scanLines();
      if (lines > 0) {
        this.views();
        this.adoptIps(firstIp);
        this.counters.scanRows();
        if (count > 0) {
          this.take(input, count);
          // The last record's line, if the TypeScript parser took it, may have grown the memory.
          this.views();
        }
        this.lines += lines;
        this.sink.scanned?.(this.lines);
      }
      const next = scanner.scanEnd();
      // An IP table was full at the next line: its counters go out, and the line is scanned again.
      if (scanner.ipTableFull() !== 0) {
        this.counters.startOver();
        // An IP that comes back now must get its old number, which only the numbering here knows.
        this.numbersIps = false;
      } else if (next === start) break;
      start = next;
    }
    // A line the TypeScript parser took may have grown the memory (its IP's counters, ip-counters.ts).
    this.views();
    this.memory.copyWithin(input, input + start, input + end);
    this.pending = end - start;
  }

  // Give the IPs the last scan numbered itself (from `firstIp` on) their numbers here too, before
  // any of its records is read.
  private adoptIps(firstIp: number): void {
    const count = this.scanner.numberedIps();
    const at = this.scanner.numberedIpsAddress() >> 2;
    for (let k = 0; k < count; k++)
      if (this.ips.addV4(this.words[at + k] >>> 0) !== firstIp + k)
        throw new JobError("the scanner and the IP numbering disagree on a new IP's number");
    if (count > 0) this.counters.numbered(firstIp + count);
  }

  // Views of the scanner's memory, made again when it has grown (growing detaches the old ones).
  private views(): void {
    const buffer = this.scanner.memory.buffer;
    if (this.memory.buffer === buffer) return;
    this.memory = Buffer.from(buffer);
    this.words = new Int32Array(buffer);
    this.floats = new Float64Array(buffer);
    this.counters.views();
  }

  private take(input: number, count: number): void {
    const words = this.words;
    const first = this.scanner.recordAddress() >> 2;
    // A table that started over in this scan may have given an earlier record's tag to another text.
    const startedOver = this.scanner.tablesStartedOver();
    for (let k = 0; k < count; k++) {
      const at = first + k * RECORD_WORDS;
      const flags = words[at + FLAGS];
      const line = words[at + LINE] >>> 0;
      if ((flags & ACCEPTED) !== 0 && this.fill(input, at, flags)) {
        this.sink.parsed(this.record, line);
        // Keep the sink's numbers for this request line and agent in the scanner, so later lines bring them.
        const tag = this.record.requestTag;
        if (tag >= 0 && tag <= MAX_TAG && tag !== words[at + REQUEST_TAG]) {
          if ((startedOver & REQUESTS_STARTED_OVER) === 0) words[words[at + REQUEST_TAG_AT] >> 2] = tag;
          // The first line of a request line's shape tags the shape, for the shape's later request lines.
          const shapeTagAt = words[at + SHAPE_TAG_AT];
          if (shapeTagAt !== 0 && (startedOver & SHAPES_STARTED_OVER) === 0) words[shapeTagAt >> 2] = tag;
        }
        const agentTag = this.record.agentTag;
        if (agentTag >= 0 && agentTag <= MAX_TAG && agentTag !== words[at + AGENT_TAG])
          if ((startedOver & AGENTS_STARTED_OVER) === 0) words[words[at + AGENT_TAG_AT] >> 2] = agentTag;
      } else {
        const text = this.memory.toString(
          'utf8',
          input + words[at + LINE_START],
          input + words[at + LINE_END],
        );
        this.sink.line(text, line);
      }
    }
  }

  // The ASCII text [start, end) of the input.
  private text(input: number, at: number, start: number, end: number): string {
    return this.memory.toString('latin1', input + this.words[at + start], input + this.words[at + end]);
  }

  /**
   * Fill the record from an accepted line's numbers (learning the texts first seen on it). Returns
   * false when the IP or the request line is one the TypeScript parser rejects.
   */
  private fill(input: number, at: number, flags: number): boolean {
    const words = this.words;
    if ((flags & NEW_USER) !== 0)
      this.users[words[at + USER_ID]] = this.text(input, at, USER_START, USER_END);
    if ((flags & NEW_REQUEST) !== 0) {
      // The request line is decoded alone, so its parts are kept without copies.
      const split = splitRequest<RequestMemo>(this.text(input, at, REQUEST_START, REQUEST_END), true);
      this.requests[words[at + REQUEST_ID]] = typeof split === 'string' ? undefined : split;
    }
    if ((flags & NEW_AGENT) !== 0) {
      const agent = unescapeField(this.text(input, at, AGENT_START, AGENT_END));
      this.agents[words[at + AGENT_ID]] = { agent, memo: undefined };
    }
    // Only the entry's address is read here: the sink reads the entry itself when it needs to.
    const request = this.requests[words[at + REQUEST_ID]];
    if (request === undefined) return false;
    let ipId = words[at + IP_NUMBER];
    if (ipId === UNKNOWN) ipId = this.numberIp(input, at);
    if (ipId === NOT_AN_IP) return false;
    const record = this.record;
    const agent = this.agents[words[at + AGENT_ID]];
    const floats = at >> 1;
    record.ipId = ipId;
    record.ipBlock = words[at + IP_TAG_AT];
    record.ipCounted = (flags & COUNTED) !== 0;
    record.ipRow = (flags & ROW) !== 0 ? at * 4 + RECORD_ROW : -1;
    let user = -1;
    if (words[at + USER_ID] >= 0) {
      user = words[at + USER_TAG];
      if (user === UNKNOWN) user = this.numberUser(at);
    }
    record.userNumber = user;
    record.time = this.floats[floats + TIME_SLOT];
    record.status = words[at + STATUS];
    record.bytes = this.floats[floats + BYTES_SLOT];
    record.userAgent = agent.agent;
    record.request = request;
    record.requestTag = words[at + REQUEST_TAG];
    record.agentTag = words[at + AGENT_TAG];
    record.agent = agent;
    return true;
  }

  // Number the IP of an accepted line (NOT_AN_IP when it is not one) and tag it in the scanner.
  private numberIp(input: number, at: number): number {
    const text = this.text(input, at, LINE_START, IP_END);
    let number = this.ips.find(text);
    // The text was decoded on its own, so it is kept without a copy.
    if (number === UNNUMBERED_IP) number = this.ips.add(text, false);
    if (number === NOT_AN_IP) this.words[this.words[at + IP_TAG_AT] >> 2] = number;
    else this.counters.claim(this.words[at + IP_TAG_AT], number);
    return number;
  }

  // Number the user of a line about to be counted and tag it in the scanner.
  private numberUser(at: number): number {
    const number = this.counters.userNumber(this.users[this.words[at + USER_ID]]);
    this.words[this.words[at + USER_TAG_AT] >> 2] = number;
    return number;
  }
}
