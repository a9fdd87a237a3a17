// Loads the compiled Combined-line scanner (wasm/scanner.ts, built by `npm run build` into
// logs-scanner.wasm beside the compiled or bundled JavaScript) and describes its exports and its
// record layout. Holds no scanning logic.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The scanner's exports (see wasm/scanner.ts). */
export interface ScannerExports {
  memory: WebAssembly.Memory;
  setup(
    inputSize: number,
    ipLimit: number,
    offsetMs: number,
    dayStartMinute: number,
    codes: number,
    shaped: boolean,
  ): void;
  inputAddress(): number;
  reserveInput(keep: number, size: number): number;
  recordAddress(): number;
  scanEnd(): number;
  scanLines(): number;
  tablesStartedOver(): number;
  scan(
    start: number,
    end: number,
    final: boolean,
    firstLine: number,
    lastMinute: number,
    firstIp: number,
  ): number;
  numberedIps(): number;
  numberedIpsAddress(): number;
  rowsAddress(): number;
  rowCount(): number;
  partCounts(): number;
  tallyCounts(): number;
  scratchAddress(size: number): number;
  ipBlockOf(length: number): number;
  ipTableFull(): number;
  clearIpTable(): void;
  savedArea(count: number): number;
  saveBlocks(table: number): void;
  countAt(
    block: number,
    time: number,
    isError: boolean,
    hour: number,
    user: number,
    minute: number,
    line: number,
  ): boolean;
  rowAddress(): number;
}

/** Where and how the scanner places a line: report time (see accumulate.ts) and the IP tables' size. */
export interface ScannerClock {
  /** The report's UTC offset in ms. */
  offsetMs: number;
  /** The report day's first minute, in minutes since the epoch. */
  dayStartMinute: number;
  /**
   * How many attack category codes a request tag holds (tag = endpoint tally index * this + code,
   * code 0 for no attack; see accumulate.ts); 1 (the default) when tags are not such memos.
   */
  categoryCodes?: number;
  /**
   * Whether a request tag holds for every plain request line of the same shape (the method, the path
   * with ids as `{id}` and the query's runs of digits as one: see wasm/request-shape.ts), so the
   * scanner may give a new request line its shape's tag. False by default.
   */
  shapeTags?: boolean;
}

/** Record layout: 32-bit words per record and their meaning (wasm/scanner.ts writes them). */
export const RECORD_WORDS = 34;
export const FLAGS = 0;
export const LINE_START = 1;
export const LINE_END = 2;
/** The IP's number in the TypeScript parser's numbering, as JavaScript tagged it (-1 = not yet). */
export const IP_NUMBER = 3;
export const USER_ID = 4;
export const REQUEST_ID = 5;
export const AGENT_ID = 6;
export const STATUS = 7;
export const IP_END = 8;
export const USER_START = 9;
export const USER_END = 10;
export const REQUEST_START = 11;
export const REQUEST_END = 12;
export const AGENT_START = 13;
export const AGENT_END = 14;
/** Byte address of the IP's tag in the scanner's memory (where JavaScript writes its number). */
export const IP_TAG_AT = 15;
/** The request line's tag as JavaScript wrote it (-1 = not yet; see wasm-lines.ts). */
export const REQUEST_TAG = 20;
/** Byte address of the request line's tag in the scanner's memory. */
export const REQUEST_TAG_AT = 21;
/** The user's tag (JavaScript's number for the user, -1 = not yet or no user) and its byte address. */
export const USER_TAG = 22;
export const USER_TAG_AT = 23;
/** Byte offset of a record's flushed run (a row: see ROW_* below), valid with the ROW flag. */
export const RECORD_ROW = 96;
/** The line's number in the part. */
export const LINE = 30;
/** The agent's tag as JavaScript wrote it (-1 = not yet; PLAIN_AGENT for a browser) and its byte address. */
export const AGENT_TAG = 31;
export const AGENT_TAG_AT = 32;
/** Byte address of the tag of the request line's shape, when JavaScript is to set it (0: none). */
export const SHAPE_TAG_AT = 33;
/** The agent tag that lets the scanner count a line entirely itself (wasm/scanner.ts: a browser's agent). */
export const PLAIN_AGENT = 1;
/** 64-bit float slots of a record (its index * RECORD_WORDS / 2 plus these). */
export const TIME_SLOT = 8;
export const BYTES_SLOT = 9;
/** Flag bits of a record's first word. */
export const ACCEPTED = 1;
export const NEW_USER = 2;
export const NEW_REQUEST = 4;
export const NEW_AGENT = 8;
/** The scanner counted the line in its IP's block; with ROW, the IP's previous run is at RECORD_ROW. */
export const COUNTED = 16;
export const ROW = 32;

/** A flushed run (wasm/ip-block.ts): 64-bit float slot of its minute, 32-bit words of the rest. */
export const ROW_MINUTE_SLOT = 0;
export const ROW_COUNT = 2;
export const ROW_FIRST_LINE = 3;
export const ROW_LAST_LINE = 4;
export const ROW_REPEAT = 5;
/** A row the scanner kept for a plain line (wasm/line-counts.ts): the words above, then these. */
export const ROW_IP = 6;
export const ROW_LINE = 7;
export const ROW_WORDS = 8;

/**
 * The counts of the lines the scanner counted itself (wasm/line-counts.ts), as 64-bit float slots
 * from partCounts(), and per endpoint tally (the first TALLIES) from tallyCounts().
 */
export const PART_REQUESTS = 0;
export const PART_BYTES = 1;
export const PART_OUTSIDE_DAY = 2;
export const HOUR_REQUESTS = 3;
export const HOUR_ERRORS = HOUR_REQUESTS + 24;
export const HOUR_BYTES = HOUR_ERRORS + 24;
export const MINUTE_REQUESTS = HOUR_BYTES + 24;
export const PART_STATUSES = MINUTE_REQUESTS + 1440;
export const TALLIES = 256;
export const TALLY_REQUESTS = 0;
export const TALLY_BYTES = 1;
export const TALLY_ERRORS = 2;
/** JavaScript sets it to 1 when a tally's first error lines are all kept. */
export const TALLY_EVIDENCE_FULL = 3;
export const TALLY_STATUSES = 4;
export const TALLY_SLOTS = TALLY_STATUSES + 500;
/** The status code of the first status slot. */
export const FIRST_STATUS = 100;

/** An IP's counter block (wasm/ip-block.ts): 32-bit words, then 64-bit float slots, from its address. */
export const BLOCK_TAG = 0;
export const BLOCK_HOUR_MASK = 1;
export const BLOCK_LAST_USER = 2;
export const BLOCK_RUN_COUNT = 3;
export const BLOCK_REQUESTS = 4;
export const BLOCK_ERRORS = 5;
export const BLOCK_RUN_FIRST_LINE = 6;
export const BLOCK_RUN_LAST_LINE = 7;
export const BLOCK_LAST_SEEN_SLOT = 4;
export const BLOCK_RUN_MINUTE_SLOT = 5;
export const BLOCK_FLUSHED_MINUTE_SLOT = 6;
/** What ipTableFull answers. */
export const DOTTED_QUADS_FULL = 1;
export const OTHER_IPS_FULL = 2;
/** IPs each IP table holds before its counters are taken and it is emptied. */
export const IP_LIMIT = 100_000;

const FILE = 'logs-scanner.wasm';
// Beside this module when compiled or bundled; from the TypeScript sources (tests), the compiled copy.
const PLACES = [
  new URL(`./${FILE}`, import.meta.url),
  new URL(`../../dist/src/logs/${FILE}`, import.meta.url),
];

let compiled: WebAssembly.Module | undefined;

/**
 * A fresh scanner instance (its own memory and tables); the module is compiled once per thread.
 * `ipLimit` is the IP tables' size (tests make it small).
 */
export function newScanner(inputSize: number, clock: ScannerClock, ipLimit = IP_LIMIT): ScannerExports {
  if (compiled === undefined) {
    const place = PLACES.find((url) => existsSync(fileURLToPath(url)));
    if (place === undefined) throw new Error(`${FILE} is missing: run \`npm run build\``);
    compiled = new WebAssembly.Module(readFileSync(place));
  }
  const instance = new WebAssembly.Instance(compiled, {
    env: {
      abort: () => {
        throw new Error('the log scanner aborted');
      },
    },
  });
  const scanner = instance.exports as unknown as ScannerExports;
  scanner.setup(
    inputSize,
    ipLimit,
    clock.offsetMs,
    clock.dayStartMinute,
    clock.categoryCodes ?? 1,
    clock.shapeTags ?? false,
  );
  return scanner;
}
