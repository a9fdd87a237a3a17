// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): the scanner's two IP tables
// (dotted quads by value, other texts by bytes), whose slots hold each IP's counter block
// (ip-block.ts), and what JavaScript calls to count a line the TypeScript parser took, to take the
// counters out, and to empty a full table. Gives no IP its number itself (scanner.ts may).

import { countIp, HOUR_MASK, PENDING } from './ip-block';
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

/** Where the dotted-quad table's slots are (SLOT_SIZE bytes each, the block at byte 8; empty: 0 at byte 4). */
export function ipv4Slots(): usize {
  return ipv4s.slots;
}

/** How many slots the dotted-quad table has. */
export function ipv4Capacity(): i32 {
  return ipv4s.capacity;
}

/** Where the other IP texts' entries are (64 bytes each, the block at byte 8). */
export function ipEntries(): usize {
  return ips.entries;
}

/** How many other IP texts the table holds. */
export function ipEntryCount(): i32 {
  return ips.count;
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
