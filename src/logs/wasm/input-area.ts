// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): the scanner's input area, where
// JavaScript writes the bytes of a log, and the byte searches the scanner splits lines and fields
// with (16 bytes at a time where it can).

const QUOTE: u8 = 34;
const BACKSLASH: u8 = 92;

/** The input area's address (it moves when the area grows) and its size in bytes. */
export let input: usize = 0;
let inputSize: i32 = 0;

/** Allocate an input area of `size` bytes (and 16 bytes of padding). */
export function setupInput(size: i32): void {
  input = heap.alloc(<usize>size + 16);
  inputSize = size;
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

// The first `byte` in [from, to) of the input, or -1 (16 bytes at a time; the input area has 16
// bytes of padding, so reading past `to` is safe).
export function find(byte: u8, from: i32, to: i32): i32 {
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

export function at(i: i32): u8 {
  return load<u8>(input + <usize>i);
}

// The first `"` at or after `from` (before `to`) not escaped by an odd run of backslashes that
// starts at or after `from`, or -1 (closingQuote in log-format.ts).
export function closingQuote(from: i32, to: i32): i32 {
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
export function digits(from: i32, to: i32): f64 {
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
export let nonAscii = false;
const NEWLINES = i8x16.splat(10);
export function nextNewline(from: i32, to: i32): i32 {
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

/** Set `nonAscii` when a byte in [from, to) is 0x80 or above (a tail `nextNewline` did not check). */
export function checkAscii(from: i32, to: i32): void {
  nonAscii = false;
  for (let i = from; i < to; i++) if (at(i) >= 0x80) nonAscii = true;
}
