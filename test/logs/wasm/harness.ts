// AssemblyScript test harness (compiled by test/logs/wasm-tables.test.ts with asc): exposes the
// scanner's hash tables and timestamp reader to the tests. Not part of the shipped scanner.

import { internedNew, internedTagAt, sameBytes, TextTable } from '../../../src/logs/wasm/text-table';
import { ipv4BlockAt, ipv4New, ipv4Value, Ipv4Table } from '../../../src/logs/wasm/ipv4-table';
import { readClfTime } from '../../../src/logs/wasm/clf-time';

let texts!: TextTable;
let ipTexts!: TextTable;
let values!: Ipv4Table;
let scratch: usize = 0;

/** Fresh tables that start over at `limit` entries; returns a 64 KB scratch area for texts. */
export function reset(limit: i32): usize {
  texts = new TextTable(limit, 16);
  ipTexts = new TextTable(limit, 16, true);
  values = new Ipv4Table(limit);
  if (scratch == 0) scratch = heap.alloc(65536);
  return scratch;
}

/**
 * TextTable.intern of the scratch area's first `length` bytes; -1 - number when it was new (which
 * its tag must tell too: -1, then set to 0 here).
 */
export function internText(length: i32): i32 {
  const id = texts.intern(scratch, length);
  if (internedNew != (load<i32>(internedTagAt) == -1)) return -1_000_000;
  store<i32>(internedTagAt, 0);
  return internedNew ? -1 - id : id;
}

/**
 * TextTable.intern of the scratch area's first `length` bytes in a table with counter blocks, which
 * refuses new texts when full: then it is cleared (as JavaScript does) and the text interned again.
 * -1 - number when it was new (its block's tag must be -1, then set to 0 here).
 */
export function internIpText(length: i32): i32 {
  let id = ipTexts.intern(scratch, length);
  if (id < 0) {
    ipTexts.clear();
    id = ipTexts.intern(scratch, length);
  }
  if (internedNew != (load<i32>(internedTagAt) == -1)) return -1_000_000;
  store<i32>(internedTagAt, 0);
  return internedNew ? -1 - id : id;
}

/**
 * Ipv4Table.intern of `value`, clearing the table first when it refuses a new value; -1 - number
 * when it was new (its block's tag -1, then set to 0 here).
 */
export function internValue(value: u32): i32 {
  let id = values.intern(value);
  if (id < 0) {
    values.clear();
    id = values.intern(value);
  }
  if (ipv4New != (load<i32>(ipv4BlockAt) == -1)) return -1_000_000;
  store<i32>(ipv4BlockAt, 0);
  return ipv4New ? -1 - id : id;
}

/** ipv4Value of the scratch area's first `length` bytes. */
export function dottedQuad(length: i32): f64 {
  return <f64>ipv4Value(scratch, length);
}

/** readClfTime of the scratch area's first `length` bytes. */
export function clfTime(length: i32): f64 {
  return readClfTime(scratch, length);
}

/** sameBytes of the scratch area's first `length` bytes and the `length` bytes 32 KB into it. */
export function same(length: i32): bool {
  return sameBytes(scratch, scratch + 32768, length);
}

/** TextTable.intern of the scratch area's first `length` bytes, not letting the table start over (-2 then). */
export function internTextHeld(length: i32): i32 {
  return texts.intern(scratch, length, false);
}
