// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): the shape of a plain request line,
// `METHOD`, its path with every id segment as `{id}` exactly as endpointPath (../normalize-path.ts)
// writes it, and its query with each run of digits as one `{`; and a table of shapes each with a
// tag JavaScript sets. The tag is the request memo JavaScript gave the first line of that shape (its
// endpoint tally and attack category), which every plain line of the shape shares
// (AttackClassifier.classifiesByEndpoint in ../attack-patterns.ts), so a new request line of a known
// shape needs no JavaScript. A request line is plain when its path has no fragment, no `{` and none
// of the bytes or pairs that send a path through the attack decoder.

import { internedTagAt, TextTable } from './text-table';
import { isRequestLine, methodLength, pathEnd, pathStart } from './request-line';

// Distinct shapes the table holds before it starts over.
const MAX_SHAPES: i32 = 100_000;
// Request lines longer than this are not shaped (the scratch area holds four times as much).
const MAX_SHAPED: i32 = 1024;
// "{id}" as a little-endian word.
const ID_TEXT: u32 = 0x7d64697b;
const UUID_LENGTH: i32 = 36;

let shapes!: TextTable;
let scratch: usize = 0;
let shaping = false;

/** Set by `shapeTag`: the address of the shape's tag, 0 when the line has no shape. */
export let shapeTagAt: usize = 0;

/** Allocate the shape table when `on` (request tags are shared by a shape); otherwise no line is shaped. */
export function setupShapes(on: bool): void {
  shaping = on;
  if (!on) return;
  shapes = new TextTable(MAX_SHAPES, 1 << 16);
  scratch = heap.alloc(<usize>(4 * MAX_SHAPED + 64));
}

/** Forget that the shape table started over (before each scan). */
export function startShapes(): void {
  if (shaping) shapes.startedOver = false;
}

/** Whether the shape table started over since `startShapes`. */
export function shapesStartedOver(): bool {
  return shaping && shapes.startedOver;
}

// Whether byte `c` may be in a plain path: printable ASCII other than the bytes attack decoding or
// injection need (NEEDS_DECODING in ../attack-patterns.ts), a fragment's `#` and the `{` shapes
// write (so no literal text has the shape of an id).
function isPlainByte(c: u32): bool {
  if (c <= 32 || c >= 127) return false;
  // % \ < > ' " ` + * ( & ; # {
  return !(
    c == 37 ||
    c == 92 ||
    c == 60 ||
    c == 62 ||
    c == 39 ||
    c == 34 ||
    c == 96 ||
    c == 43 ||
    c == 42 ||
    c == 40 ||
    c == 38 ||
    c == 59 ||
    c == 35 ||
    c == 123
  );
}

function isDigit(c: u32): bool {
  return c - 48 < 10;
}

function isHexDigit(c: u32): bool {
  return isDigit(c) || (c | 32) - 97 < 6;
}

// Whether [from, to) of the text at `ptr` is an id segment: digits, or a UUID (isIdRange).
function isId(ptr: usize, from: i32, to: i32): bool {
  if (to == from) return false;
  let digits = true;
  for (let i = from; i < to && digits; i++) digits = isDigit(load<u8>(ptr + <usize>i));
  if (digits) return true;
  if (to - from != UUID_LENGTH) return false;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const c = <u32>load<u8>(ptr + <usize>(from + i));
    const dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != 45 : !isHexDigit(c)) return false;
  }
  return true;
}

/**
 * The tag of the shape of the `length`-byte request line at `ptr`: -1 when the shape is new or not
 * tagged yet, or when the line is not a plain request line (then `shapeTagAt` is 0).
 */
export function shapeTag(ptr: usize, length: i32): i32 {
  shapeTagAt = 0;
  if (!shaping || length > MAX_SHAPED || !isRequestLine(ptr, length)) return -1;
  // Whether the path before the query has a digit (only then are ids replaced).
  let hasDigit = false;
  let query = pathEnd;
  let previous: u32 = 0;
  for (let i = pathStart; i < pathEnd; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (!isPlainByte(c) || (c == previous && (c == 46 || c == 45))) return -1; // ".." or "--"
    if (c == 63 && query == pathEnd) query = i;
    if (isDigit(c) && query == pathEnd) hasDigit = true;
    previous = c;
  }
  // A path that is only a query is the endpoint `/`.
  if (query == pathStart) return -1;
  memory.copy(scratch, ptr, <usize>(methodLength + 1));
  let out = methodLength + 1;
  for (let start = pathStart; start <= query;) {
    let end = start;
    while (end < query && load<u8>(ptr + <usize>end) != 47) end++;
    if (hasDigit && isId(ptr, start, end)) {
      store<u32>(scratch + <usize>out, ID_TEXT);
      out += 4;
    } else {
      memory.copy(scratch + <usize>out, ptr + <usize>start, <usize>(end - start));
      out += end - start;
    }
    if (end < query) {
      store<u8>(scratch + <usize>out, 47);
      out++;
    }
    start = end + 1;
  }
  for (let i = query; i < pathEnd; i++) {
    const c = load<u8>(ptr + <usize>i);
    const digit = isDigit(c);
    // A run of digits is one `{` (the byte before the first is the `?`, not a digit).
    if (digit && isDigit(load<u8>(ptr + <usize>(i - 1)))) continue;
    store<u8>(scratch + <usize>out, digit ? 123 : c);
    out++;
  }
  shapes.intern(scratch, out);
  shapeTagAt = internedTagAt;
  return load<i32>(shapeTagAt);
}
