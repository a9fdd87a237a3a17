// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): splits a block of log bytes into
// lines and, for each all-ASCII line of Apache's Combined shape, finds the fields exactly as
// scanCombined (../combined-scan.ts) does, reads the time, status and bytes, and numbers the IP,
// user, request line and user agent texts (text-table.ts). It writes one fixed-size record per line
// for JavaScript (../wasm-lines.ts) to read; a line it does not accept is marked for the TypeScript
// parser, which decides it as before. It creates no strings and judges no request.

import { internedNew, internedTagAt, TextTable } from './text-table';
import { readClfTime } from './clf-time';
import { ipv4TagAt, ipv4Value, Ipv4Table } from './ipv4-table';

// Record layout, in 32-bit words (the time and bytes are f64 at RECORD_TIME and RECORD_BYTES bytes;
// the request line's tag and the tag's address follow them).
const RECORD_SIZE: i32 = 88;
const RECORD_TIME: i32 = 64;
const RECORD_BYTE_COUNT: i32 = 72;
const RECORD_REQUEST_TAG: i32 = 80;
/** Flags of a record's first word. */
const ACCEPTED: i32 = 1;
const NEW_USER: i32 = 2;
const NEW_REQUEST: i32 = 4;
const NEW_AGENT: i32 = 8;
/** Records per `scan` call, at most. */
const MAX_RECORDS: i32 = 1024;
// Distinct texts each table holds before it starts over (as the TypeScript parser's TextTable).
const MAX_TEXTS: i32 = 100_000;

const SPACE: u8 = 32;
const QUOTE: u8 = 34;
const BACKSLASH: u8 = 92;

let ipv4s!: Ipv4Table;
let ips!: TextTable;
let users!: TextTable;
let requests!: TextTable;
let agents!: TextTable;
let input: usize = 0;
let inputSize: i32 = 0;
let records: usize = 0;
let scannedTo: i32 = 0;

/** Allocate the tables, an input area of `size` bytes and the record area. */
export function setup(size: i32): void {
  ipv4s = new Ipv4Table(MAX_TEXTS);
  ips = new TextTable(MAX_TEXTS, 1 << 16);
  users = new TextTable(MAX_TEXTS, 1 << 12);
  requests = new TextTable(MAX_TEXTS, 1 << 20);
  agents = new TextTable(MAX_TEXTS, 1 << 20);
  input = heap.alloc(<usize>size + 16);
  inputSize = size;
  records = heap.alloc(<usize>(MAX_RECORDS * RECORD_SIZE));
}

/** Where JavaScript writes input bytes. */
export function inputAddress(): usize {
  return input;
}

/** Make the input area at least `size` bytes, keeping its first `keep`; returns its address. */
export function reserveInput(keep: i32, size: i32): usize {
  if (size <= inputSize) return input;
  // At least doubled: a long line arriving block by block grows it a few times, not once per block
  // (the stub runtime's `free` reclaims only the most recent allocation).
  const grownSize = max(size, inputSize * 2);
  const grown = heap.alloc(<usize>grownSize + 16);
  memory.copy(grown, input, <usize>keep);
  heap.free(input);
  input = grown;
  inputSize = grownSize;
  return input;
}

/** Where the records of the last `scan` are. */
export function recordAddress(): usize {
  return records;
}

/** Where the last `scan` stopped: the first byte of the next line it did not take. */
export function scanEnd(): i32 {
  return scannedTo;
}

// The first `byte` in [from, to) of the input, or -1 (16 bytes at a time; the input area has 16
// bytes of padding, so reading past `to` is safe).
function find(byte: u8, from: i32, to: i32): i32 {
  const wanted = i8x16.splat(byte);
  for (let i = from; i < to; i += 16) {
    const hits = i8x16.bitmask(i8x16.eq(v128.load(input + <usize>i), wanted));
    if (hits != 0) {
      const found = i + ctz(hits);
      return found < to ? found : -1;
    }
  }
  return -1;
}

function at(i: i32): u8 {
  return load<u8>(input + <usize>i);
}

// The first `"` at or after `from` (before `to`) not escaped by an odd run of backslashes that
// starts at or after `from`, or -1 (closingQuote in log-format.ts).
function closingQuote(from: i32, to: i32): i32 {
  let q = find(QUOTE, from, to);
  while (q >= 0) {
    let backslashes = 0;
    while (q - backslashes - 1 >= from && at(q - backslashes - 1) == BACKSLASH) backslashes++;
    if ((backslashes & 1) == 0) return q;
    q = find(QUOTE, q + 1, to);
  }
  return -1;
}

// Digits in [from, to) as a number (1-15 digits), or -1.
function digits(from: i32, to: i32): f64 {
  if (to <= from || to - from > 15) return -1;
  let value: i64 = 0;
  for (let i = from; i < to; i++) {
    const d = <i32>at(i) - 48;
    if (<u32>d > 9) return -1;
    value = value * 10 + d;
  }
  return <f64>value;
}

// Where the next newline at or after `from` is (before `to`), or -1; sets `nonAscii` when a byte
// before it is 0x80 or above.
let nonAscii = false;
const NEWLINES = i8x16.splat(10);
function nextNewline(from: i32, to: i32): i32 {
  let high = 0;
  for (let i = from; i < to; i += 16) {
    const v = v128.load(input + <usize>i);
    const newlines = i8x16.bitmask(i8x16.eq(v, NEWLINES));
    const tops = i8x16.bitmask(v);
    if (newlines != 0) {
      const n = i + ctz(newlines);
      if (n >= to) break;
      high |= tops & ((newlines & -newlines) - 1);
      nonAscii = high != 0;
      return n;
    }
    high |= tops;
  }
  nonAscii = high != 0;
  return -1;
}

/**
 * Split [start, end) of the input into lines (LF or CRLF) and write a record for each, at most
 * MAX_RECORDS. A last line without a newline is taken only when `final`. Returns the number of
 * records; `scanEnd` tells where the next call should start.
 */
export function scan(start: i32, end: i32, final: bool): i32 {
  let pos = start;
  let count = 0;
  while (count < MAX_RECORDS && pos < end) {
    let newline = nextNewline(pos, end);
    if (newline < 0) {
      if (!final) break;
      // Bytes past `end` were not checked; recheck the tail as ASCII.
      nonAscii = false;
      for (let i = pos; i < end; i++) if (at(i) >= 0x80) nonAscii = true;
      newline = end;
    }
    let lineEnd = newline;
    if (lineEnd > pos && at(lineEnd - 1) == 13) lineEnd--;
    const record = records + <usize>(count * RECORD_SIZE);
    store<i32>(record, nonAscii ? 0 : scanLine(pos, lineEnd, record));
    store<i32>(record, pos, 4);
    store<i32>(record, lineEnd, 8);
    count++;
    pos = newline + 1;
  }
  scannedTo = pos > end ? end : pos;
  return count;
}

// Fields of one ASCII line [start, end) into `record`; returns its flags (0 = not accepted).
function scanLine(start: i32, end: i32, record: usize): i32 {
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
  const v4 = ipv4Value(input + <usize>start, ipEnd - start);
  // The IP's tag: its number in the TypeScript parser's numbering once JavaScript has set it.
  let ipTagAt: usize;
  if (v4 >= 0) {
    ipv4s.intern(<u32>v4);
    ipTagAt = ipv4TagAt;
  } else {
    ips.intern(input + <usize>start, ipEnd - start);
    ipTagAt = internedTagAt;
  }
  let user = -1;
  if (!(userEnd - identEnd == 2 && at(identEnd + 1) == 45)) {
    user = users.intern(input + <usize>(identEnd + 1), userEnd - identEnd - 1);
    if (internedNew) flags |= NEW_USER;
  }
  const request = requests.intern(input + <usize>requestStart, requestEnd - requestStart);
  if (internedNew) flags |= NEW_REQUEST;
  // The request line's tag: what JavaScript wrote for this text (the entry was just read, so free).
  const requestTagAt = internedTagAt;
  const agent = agents.intern(input + <usize>agentStart, agentEnd - agentStart);
  if (internedNew) flags |= NEW_AGENT;

  store<i32>(record, load<i32>(ipTagAt), 12);
  store<i32>(record, <i32>ipTagAt, 60);
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
  store<i32>(record, load<i32>(requestTagAt), RECORD_REQUEST_TAG);
  store<i32>(record, <i32>requestTagAt, RECORD_REQUEST_TAG + 4);
  return flags;
}
