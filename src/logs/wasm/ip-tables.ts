// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): the scanner's two IP tables
// (dotted quads by value, other texts by bytes), whose slots hold each IP's counter block
// (ip-block.ts), and what JavaScript calls to count a line the TypeScript parser took, to take the
// counters out, and to empty a full table. Gives no IP its number (new-ips.ts does, for scanner.ts).

import {
  countIp,
  ERRORS,
  FLUSHED_MINUTE,
  HOUR_MASK,
  LAST_SEEN,
  LAST_USER,
  PENDING,
  REQUESTS,
  RUN_COUNT,
  RUN_FIRST_LINE,
  RUN_LAST_LINE,
  RUN_MINUTE,
  TAG,
} from './ip-block';
import { ipv4BlockAt, ipv4Value, Ipv4Table } from './ipv4-table';
import { internedTagAt, TextTable } from './text-table';

let ipv4s!: Ipv4Table;
let ips!: TextTable;
// Which IP table refused a new IP (1 dotted quads, 2 other texts), 0 when none.
let fullTable: i32 = 0;
let scratch: usize = 0;
let scratchSize: i32 = 0;
let row: usize = 0;
/** Set by `ipBlock`: the IP's value when it is a dotted quad, else -1. */
export let ipv4Of: i64 = -1;
// Where saveBlocks writes (SAVED_BYTES per IP) and how many IPs it holds.
const SAVED_BYTES: usize = 88;
// The hour bits of a block's hour-mask word.
const HOURS: i32 = 0xffffff;
let saved: usize = 0;
let savedCapacity: i32 = 0;

/** Allocate both tables, each holding at most `limit` IPs before JavaScript must clear it. */
export function setupIpTables(limit: i32): void {
  ipv4s = new Ipv4Table(limit);
  ips = new TextTable(limit, 1 << 16, true);
  row = heap.alloc(32);
}

/**
 * The counter block of the IP text [ptr, ptr + length) (a new one when the IP is new), or 0 when
 * it is new and its table is full (see ipTableFull), or when adding it would move the dotted quads'
 * blocks and `canMove` is false (records of the current scan still point at them).
 */
export function ipBlock(ptr: usize, length: i32, canMove: bool): usize {
  const v4 = ipv4Value(ptr, length);
  ipv4Of = v4;
  if (v4 >= 0) {
    const id = ipv4s.intern(<u32>v4, canMove);
    if (id >= 0) return ipv4BlockAt;
    if (id == -1) fullTable = 1;
    return 0;
  }
  if (ips.intern(ptr, length) >= 0) return internedTagAt;
  fullTable = 2;
  return 0;
}

/** A scratch area of at least `size` bytes for JavaScript to write an IP's text into. */
export function scratchAddress(size: i32): usize {
  if (size > scratchSize) {
    scratchSize = max(size, 64);
    scratch = heap.alloc(<usize>scratchSize);
  }
  return scratch;
}

/** `ipBlock` of the first `length` bytes of the scratch area, for a line the TypeScript parser took. */
export function ipBlockOf(length: i32): usize {
  return ipBlock(scratch, length, true);
}

/** Which IP table is full (1 dotted quads, 2 other texts; 0 none): JavaScript takes its counters, then clears it. */
export function ipTableFull(): i32 {
  return fullTable;
}

/** Empty a full IP table (see ipTableFull). */
export function clearIpTable(): void {
  if (fullTable == 1) ipv4s.clear();
  else if (fullTable == 2) ips.clear();
  fullTable = 0;
}

/**
 * The saved area (SAVED_FIELDS 64-bit floats per IP, by its JavaScript number: see ip-counters.ts),
 * made to hold `count` IPs when it holds fewer (contents kept, new room zeroed); its address. May
 * grow the memory.
 */
export function savedArea(count: i32): usize {
  if (count > savedCapacity) {
    const area = heap.alloc(<usize>count * SAVED_BYTES);
    const kept = <usize>savedCapacity * SAVED_BYTES;
    if (kept > 0) memory.copy(area, saved, kept);
    memory.fill(area + kept, 0, <usize>count * SAVED_BYTES - kept);
    if (saved != 0) heap.free(saved);
    saved = area;
    savedCapacity = count;
  }
  return saved;
}

/** Copy the counters of every numbered IP of table `table` (1 dotted quads, 2 other texts) into the saved area. */
export function saveBlocks(table: i32): void {
  if (table == 1) {
    const capacity = ipv4s.capacity;
    for (let k = 0; k < capacity; k++) {
      const slot = ipv4s.slots + ((<usize>k) << 6);
      if (load<i32>(slot, 4) != 0) saveBlock(slot + 8);
    }
  } else {
    for (let k = 0; k < ips.count; k++) saveBlock(ips.entries + ((<usize>k) << 6) + 8);
  }
}

// Save one block's counters, marked as saved (the last field), unless it has no number yet.
function saveBlock(block: usize): void {
  const id = load<i32>(block, TAG);
  if (id < 0 || id >= savedCapacity) return;
  const at = saved + <usize>id * SAVED_BYTES;
  store<f64>(at, <f64>load<u32>(block, REQUESTS), 0);
  store<f64>(at, <f64>load<u32>(block, ERRORS), 8);
  store<f64>(at, load<f64>(block, LAST_SEEN), 16);
  store<f64>(at, <f64>(load<i32>(block, HOUR_MASK) & HOURS), 24);
  store<f64>(at, <f64>load<i32>(block, LAST_USER), 32);
  store<f64>(at, load<f64>(block, RUN_MINUTE), 40);
  store<f64>(at, <f64>load<u32>(block, RUN_COUNT), 48);
  store<f64>(at, <f64>load<u32>(block, RUN_FIRST_LINE), 56);
  store<f64>(at, <f64>load<u32>(block, RUN_LAST_LINE), 64);
  store<f64>(at, load<f64>(block, FLUSHED_MINUTE), 72);
  store<f64>(at, 1, 80);
}

/**
 * Count a line JavaScript took (countIp's rules) in `block`, which the scanner may count in again;
 * returns whether the IP's previous run was flushed to `rowAddress`.
 */
export function countAt(
  block: usize,
  time: f64,
  isError: bool,
  hour: i32,
  user: i32,
  minute: f64,
  line: f64,
): bool {
  store<i32>(block, load<i32>(block, HOUR_MASK) & ~PENDING, HOUR_MASK);
  return countIp(block, time, isError, hour, user, minute, <u32>line, row);
}

/** Where countAt writes a flushed run. */
export function rowAddress(): usize {
  return row;
}
