// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): splits a block of log bytes into
// lines and, for each all-ASCII line of Apache's Combined shape, finds the fields exactly as
// scanCombined (../combined-scan.ts) does, reads the time, status and bytes, and numbers the IP,
// user, request line and user agent texts (text-table.ts). It writes one fixed-size record per line
// for JavaScript (../wasm-lines.ts); a line it does not accept goes to the TypeScript parser. A new
// dotted quad on a line whose request line JavaScript has accepted, or will (request-line.ts), gets
// here the number JavaScript would give it next (new-ips.ts). A new request line of an endpoint
// shape JavaScript has tagged gets the shape's tag (request-shape.ts). A line whose IP, user and
// request line have numbers is counted in the IP's counter block (ip-block.ts); one whose request
// line is also tagged as an attack-free early endpoint tally, whose agent is a browser and whose
// minute is that of the line counted before it is plain: counted entirely here (line-counts.ts),
// with no record. It creates no strings and judges no request.

import {
  at,
  checkAscii,
  closingQuote,
  digits,
  find,
  input,
  nextNewline,
  nonAscii,
  setupInput,
} from './input-area';
import { internedNew, internedTagAt, TextTable } from './text-table';
import { readClfTime } from './clf-time';
import { isRequestLine } from './request-line';
import { setupShapes, shapesStartedOver, shapeTag, shapeTagAt, startShapes } from './request-shape';
import { countIp, HOUR_MASK, PENDING } from './ip-block';
import { ipBlock, ipv4Of, setupIpTables } from './ip-tables';
import { countLine, keepRow, nextRow, setupLineCounts, startRows, tallyTakes } from './line-counts';
import { numberingIps, numberNewIp, setupNewIps, startNewIps } from './new-ips';
import {
  ACCEPTED,
  COUNTED,
  NEW_AGENT,
  NEW_REQUEST,
  NEW_USER,
  NOT_NOW,
  PLAIN,
  PLAIN_AGENT,
  RECORD_AGENT_TAG,
  RECORD_BYTE_COUNT,
  RECORD_LINE,
  RECORD_REQUEST_TAG,
  RECORD_ROW,
  RECORD_SHAPE_TAG_AT,
  RECORD_SIZE,
  RECORD_TIME,
  RECORD_USER_TAG,
  ROW,
  UNNUMBERED_IP,
} from './record-layout';

export {
  clearIpTable,
  countAt,
  ipBlockOf,
  ipTableFull,
  rowAddress,
  savedArea,
  saveBlocks,
  scratchAddress,
} from './ip-tables';
export { inputAddress, reserveInput } from './input-area';
export { partCounts, rowCount, rowsAddress, tallyCounts } from './line-counts';
export { numberedIps, numberedIpsAddress } from './new-ips';

/** Records and lines per `scan` call, at most. */
const MAX_RECORDS: i32 = 1024;
const MAX_LINES: i32 = 4096;
// Distinct texts each table holds before it starts over (as the TypeScript parser's TextTable).
const MAX_TEXTS: i32 = 100_000;
const MINUTE: f64 = 60_000;

const SPACE: u8 = 32;
const QUOTE: u8 = 34;

let users!: TextTable;
let requests!: TextTable;
let agents!: TextTable;
let records: usize = 0;
let scannedTo: i32 = 0;
// Report time: the UTC offset in ms and the report day's first minute (as accumulate.ts).
let offsetMs: f64 = 0;
let dayStartMinute: f64 = 0;
// A request tag is an endpoint tally's index * categoryCodes + the attack category's code (0: none).
let categoryCodes: i32 = 1;
// The minute of the last line counted (by JavaScript or here) before the line being scanned; NaN
// while unknown (a line JavaScript may reject changed it).
let lastMinute: f64 = NaN;
let scannedLines: i32 = 0;

/**
 * Allocate the tables (at most `ipLimit` IPs in each IP table before JavaScript must take their
 * counters and clear it), an input area of `size` bytes and the record area; `offset` (ms) and
 * `dayStart` (minutes since the epoch) place a line's minute and hour as the accumulator does;
 * `codes` is the request tags' number of attack category codes; with `shaped`, a request line's tag
 * may come from its endpoint shape (request-shape.ts).
 */
export function setup(size: i32, ipLimit: i32, offset: f64, dayStart: f64, codes: i32, shaped: bool): void {
  offsetMs = offset;
  dayStartMinute = dayStart;
  categoryCodes = codes;
  setupLineCounts(MAX_LINES);
  setupIpTables(ipLimit);
  users = new TextTable(MAX_TEXTS, 1 << 12);
  requests = new TextTable(MAX_TEXTS, 1 << 20);
  agents = new TextTable(MAX_TEXTS, 1 << 20);
  setupInput(size);
  records = heap.alloc(<usize>(MAX_RECORDS * RECORD_SIZE));
  setupNewIps(MAX_LINES);
  setupShapes(shaped);
}

/** Where the records of the last `scan` are. */
export function recordAddress(): usize {
  return records;
}

/** Where the last `scan` stopped: the first byte of the next line it did not take. */
export function scanEnd(): i32 {
  return scannedTo;
}

/** How many lines the last `scan` took (records and plain lines). */
export function scanLines(): i32 {
  return scannedLines;
}

/**
 * Which tables started over in the last `scan` (1: request lines, 2: agents, 4: shapes): earlier
 * records' tag addresses may now be another text's, so JavaScript writes no tags of that scan into them.
 */
export function tablesStartedOver(): i32 {
  return (requests.startedOver ? 1 : 0) | (agents.startedOver ? 2 : 0) | (shapesStartedOver() ? 4 : 0);
}

/**
 * Split [start, end) of the input into lines (LF or CRLF) and write a record for each line that is
 * not plain, at most MAX_RECORDS records and MAX_LINES lines. A last line without a newline is taken
 * only when `final`. `firstLine` is the first line's number in the part, `minute` the minute of the
 * last line JavaScript counted. `firstIp` (-1: none) is the number JavaScript would give the next new
 * IP: a new dotted quad on a line JavaScript will surely accept gets its number here, in line order,
 * instead of stopping the scan (see numberedIps). Returns the number of records; `scanEnd` tells
 * where the next call should start, `scanLines` how many lines were taken.
 */
export function scan(start: i32, end: i32, final: bool, firstLine: f64, minute: f64, firstIp: i32): i32 {
  lastMinute = minute;
  startNewIps(firstIp);
  requests.startedOver = false;
  agents.startedOver = false;
  startShapes();
  startRows();
  let pos = start;
  let count = 0;
  let lines = 0;
  while (count < MAX_RECORDS && lines < MAX_LINES && pos < end) {
    let newline = nextNewline(pos, end);
    if (newline < 0) {
      if (!final) break;
      // Bytes past `end` were not checked; recheck the tail as ASCII.
      checkAscii(pos, end);
      newline = end;
    }
    let lineEnd = newline;
    if (lineEnd > pos && at(lineEnd - 1) == 13) lineEnd--;
    const record = records + <usize>(count * RECORD_SIZE);
    const line = <u32>(firstLine + <f64>lines);
    const flags = nonAscii ? 0 : scanLine(pos, lineEnd, record, line, count == 0);
    if (flags == NOT_NOW) break;
    lines++;
    if (flags == PLAIN) {
      pos = newline + 1;
      continue;
    }
    store<i32>(record, flags, 0);
    store<i32>(record, pos, 4);
    store<i32>(record, lineEnd, 8);
    store<u32>(record, line, RECORD_LINE);
    count++;
    pos = newline + 1;
    // JavaScript decides this line (and gives the IP its number) before any later line is scanned.
    if (flags == 0 || (flags & UNNUMBERED_IP) != 0) break;
  }
  scannedTo = pos > end ? end : pos;
  scannedLines = lines;
  return count;
}

// A line handed to JavaScript in `minute`: JavaScript's last minute becomes `minute` when it surely
// counts the line (`surely`: its request line is tagged or well formed), or may (unknown).
function handedOn(minute: f64, surely: bool): void {
  if (minute != lastMinute) lastMinute = surely ? minute : NaN;
}

// Fields of one ASCII line [start, end), part line `line`, into `record`; returns its flags (0 = not
// accepted), PLAIN (counted, no record) or NOT_NOW. Only the `first` record of a scan may move the
// IP blocks.
function scanLine(start: i32, end: i32, record: usize, line: u32, first: bool): i32 {
  if (end == start || at(start) <= SPACE) return 0;
  const ipEnd = find(SPACE, start, end);
  if (ipEnd <= start) return 0;
  const identEnd = find(SPACE, ipEnd + 1, end);
  if (identEnd <= ipEnd + 1) return 0;
  const userEnd = find(SPACE, identEnd + 1, end);
  if (userEnd <= identEnd + 1) return 0;
  const timeStart = userEnd + 1;
  if (timeStart >= end || at(timeStart) != 91) return 0;
  const bracket = find(93, timeStart, end);
  if (bracket < 0) return 0;
  const timeEnd = bracket + 1;
  if (timeEnd + 1 >= end || at(timeEnd) != SPACE || at(timeEnd + 1) != QUOTE) return 0;
  const requestStart = timeEnd + 2;
  const requestEnd = closingQuote(requestStart, end);
  if (requestEnd < 0 || requestEnd + 1 >= end || at(requestEnd + 1) != SPACE) return 0;
  const statusStart = requestEnd + 2;
  const statusEnd = find(SPACE, statusStart, end);
  if (statusEnd <= statusStart) return 0;
  const bytesStart = statusEnd + 1;
  let bytesEnd = find(SPACE, bytesStart, end);
  while (bytesEnd >= 0 && (bytesEnd + 1 >= end || at(bytesEnd + 1) != QUOTE))
    bytesEnd = find(SPACE, bytesEnd + 1, end);
  if (bytesEnd <= bytesStart) return 0;
  const refererEnd = closingQuote(bytesEnd + 2, end);
  if (refererEnd < 0 || refererEnd + 2 >= end || at(refererEnd + 1) != SPACE || at(refererEnd + 2) != QUOTE)
    return 0;
  const agentStart = refererEnd + 3;
  const agentEnd = closingQuote(agentStart, end);
  if (agentEnd != end - 1) return 0;

  const time = readClfTime(input + <usize>timeStart, timeEnd - timeStart);
  if (isNaN(time)) return 0;
  const status = digits(statusStart, statusEnd);
  if (status < 100 || status > 599) return 0;
  const dash = bytesEnd - bytesStart == 1 && at(bytesStart) == 45;
  const bytes = dash ? 0 : digits(bytesStart, bytesEnd);
  if (bytes < 0) return 0;

  let flags = ACCEPTED;
  // The IP's block; its tag is its number in the TypeScript parser's numbering once JavaScript has set it.
  const block = ipBlock(input + <usize>start, ipEnd - start, first);
  if (block == 0) return NOT_NOW;
  let user = -1;
  let userTagAt: usize = 0;
  if (!(userEnd - identEnd == 2 && at(identEnd + 1) == 45)) {
    // A waiting line's user tag is written by address: the table may start over on a first line only.
    user = users.intern(input + <usize>(identEnd + 1), userEnd - identEnd - 1, first);
    if (user == -2) return NOT_NOW;
    if (internedNew) flags |= NEW_USER;
    userTagAt = internedTagAt;
  }
  const requestAt = input + <usize>requestStart;
  const request = requests.intern(requestAt, requestEnd - requestStart);
  // The request line's tag: what JavaScript wrote for this text (the entry was just read, so free),
  // else its shape's; a shape JavaScript has not tagged yet is tagged with this line's tag.
  const requestTagAt = internedTagAt;
  let requestTag = load<i32>(requestTagAt);
  let shapeAt: usize = 0;
  if (requestTag < 0) {
    requestTag = shapeTag(requestAt, requestEnd - requestStart);
    if (requestTag >= 0) store<i32>(requestTagAt, requestTag);
    else shapeAt = shapeTagAt;
  }
  const agent = agents.intern(input + <usize>agentStart, agentEnd - agentStart);
  if (internedNew) flags |= NEW_AGENT;
  const agentTagAt = internedTagAt;

  let ipTag = load<i32>(block);
  // Whether JavaScript surely accepts this line: it has tagged the request line, or will accept it.
  const sure = requestTag >= 0 || isRequestLine(requestAt, requestEnd - requestStart);
  if (ipTag == -1 && numberingIps() && sure && ipv4Of >= 0) {
    // JavaScript will accept this line, so number its new IP now, as JavaScript would on this line.
    ipTag = numberNewIp(<u32>ipv4Of);
    store<i32>(block, ipTag);
  }
  // The user's tag: its number in JavaScript's numbering of users, once set.
  const userTag = user < 0 ? -1 : load<i32>(userTagAt);
  const agentTag = load<i32>(agentTagAt);
  const isError = status >= 400;
  if (ipTag < 0) {
    flags |= UNNUMBERED_IP;
  } else {
    const minute = Math.floor((time + offsetMs) / MINUTE);
    // A line JavaScript counts makes the IP's later lines in this scan wait for it (until countAt).
    const hours = load<i32>(block, HOUR_MASK);
    if (requestTag < 0 || (user >= 0 && userTag < 0) || (hours & PENDING) != 0) {
      store<i32>(block, hours | PENDING, HOUR_MASK);
      handedOn(minute, sure);
    } else {
      let minuteOfDay = minute - dayStartMinute;
      const outside = minuteOfDay < 0 || minuteOfDay >= 1440;
      if (outside) minuteOfDay = ((minuteOfDay % 1440) + 1440) % 1440;
      const hour = <i32>(minuteOfDay / 60);
      const tally = requestTag / categoryCodes;
      if (
        minute == lastMinute &&
        agentTag == PLAIN_AGENT &&
        requestTag % categoryCodes == 0 &&
        tallyTakes(tally, isError)
      ) {
        if (countIp(block, time, isError, hour, userTag, minute, line, nextRow())) keepRow(ipTag, line);
        countLine(tally, hour, <i32>minuteOfDay, outside, <i32>status, bytes, isError);
        return PLAIN;
      }
      handedOn(minute, true);
      if (countIp(block, time, isError, hour, userTag, minute, line, record + <usize>RECORD_ROW))
        flags |= ROW;
      flags |= COUNTED;
    }
  }

  // The request line's mark: whether JavaScript was handed it (a line of a known shape may be counted
  // here without), so the first record of the text brings it.
  if (load<i32>(requestTagAt, 4) == 0) {
    flags |= NEW_REQUEST;
    store<i32>(requestTagAt, 1, 4);
  }
  store<i32>(record, ipTag, 12);
  store<i32>(record, <i32>block, 60);
  store<i32>(record, user, 16);
  store<i32>(record, request, 20);
  store<i32>(record, agent, 24);
  store<i32>(record, <i32>status, 28);
  store<i32>(record, ipEnd, 32);
  store<i32>(record, identEnd + 1, 36);
  store<i32>(record, userEnd, 40);
  store<i32>(record, requestStart, 44);
  store<i32>(record, requestEnd, 48);
  store<i32>(record, agentStart, 52);
  store<i32>(record, agentEnd, 56);
  store<f64>(record, time, RECORD_TIME);
  store<f64>(record, bytes, RECORD_BYTE_COUNT);
  store<i32>(record, requestTag, RECORD_REQUEST_TAG);
  store<i32>(record, <i32>requestTagAt, RECORD_REQUEST_TAG + 4);
  store<i32>(record, userTag, RECORD_USER_TAG);
  store<i32>(record, <i32>userTagAt, RECORD_USER_TAG + 4);
  store<i32>(record, agentTag, RECORD_AGENT_TAG);
  store<i32>(record, <i32>agentTagAt, RECORD_AGENT_TAG + 4);
  store<i32>(record, <i32>shapeAt, RECORD_SHAPE_TAG_AT);
  return flags;
}
