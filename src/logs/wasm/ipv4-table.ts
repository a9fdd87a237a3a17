// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): numbers dotted-quad IPv4 addresses
// by their 32-bit value (one probe of one 64-byte slot, no text compared). The text-to-value rule is
// ipv4Value's (../ip-numbering.ts): exactly the texts net.isIPv4 accepts, one text per value. Each
// slot is one cache line: the value, its number and the IP's counter block (ip-block.ts).

import { BLOCK_SIZE, freshBlock } from './ip-block';

/** Set by `intern`: where the value's counter block is (its first word is the tag), and whether it is new. */
export let ipv4BlockAt: usize = 0;
export let ipv4New = false;

/** Bytes per slot (a power of two): value, number + 1 (0 = empty), then the counter block. */
export const SLOT_SIZE: i32 = 64;
const SLOT_SHIFT = 6;
const BLOCK_AT: usize = 8;

const DOTS = i8x16.splat(46);
const ZEROS = i8x16.splat(48);
const TENS = i8x16.splat(10);

/**
 * The value of the dotted quad in [ptr, ptr + length), or -1 when it is not one (as ipv4Value):
 * the dots and digits are found 16 bytes at once (the 16 bytes at `ptr` must be readable; bytes past
 * `length` are ignored), then each of the four octets is read by its length.
 */
export function ipv4Value(ptr: usize, length: i32): i64 {
  if (length < 7 || length > 15) return -1;
  const bytes = v128.load(ptr);
  const inText = (1 << length) - 1;
  const dots = i8x16.bitmask(i8x16.eq(bytes, DOTS)) & inText;
  const digits = i8x16.bitmask(i8x16.lt_u(i8x16.sub(bytes, ZEROS), TENS)) & inText;
  if ((dots | digits) != inText || popcnt(dots) != 3) return -1;
  const first = ctz(dots);
  const second = ctz(dots & (dots - 1));
  const third = 31 - clz(dots);
  const a = octet(ptr, 0, first);
  const b = octet(ptr, first + 1, second);
  const c = octet(ptr, second + 1, third);
  const d = octet(ptr, third + 1, length);
  if ((a | b | c | d) < 0) return -1;
  return (<i64>a << 24) | (<i64>b << 16) | (<i64>c << 8) | <i64>d;
}

// The digits [start, end) as an octet: 1-3 digits, no leading zero, at most 255; else -1.
function octet(ptr: usize, start: i32, end: i32): i32 {
  const length = end - start;
  const at = ptr + <usize>start;
  const high = <i32>load<u8>(at) - 48;
  if (length == 1) return high;
  if (length < 1 || length > 3 || high == 0) return -1;
  const two = high * 10 + <i32>load<u8>(at, 1) - 48;
  if (length == 2) return two;
  const three = two * 10 + <i32>load<u8>(at, 2) - 48;
  return three > 255 ? -1 : three;
}

/**
 * IPv4 values numbered 0, 1, 2... in order of first insertion, each with a fresh counter block when
 * added. Holds at most `limit` values: a new one beyond that is refused (-1) until `clear`, so the
 * caller can hand the counters on first.
 */
export class Ipv4Table {
  slots: usize = 0;
  // What heap.alloc gave (the slots are that, aligned to a cache line).
  raw: usize = 0;
  mask: u32 = 0;
  count: i32 = 0;
  limit: i32;

  constructor(limit: i32) {
    this.limit = limit;
    this.allocate(1024);
  }

  /**
   * The number of `value`, adding it when new (then `ipv4New`); -1 when new and the table is full,
   * -2 when new and the table would have to grow (moving every block) but `canMove` is false.
   */
  intern(value: u32, canMove: bool = true): i32 {
    const mask = this.mask;
    let slot = (value * 0x9e3779b1) >> 12;
    for (; ; slot++) {
      const at = this.slots + ((<usize>(slot & mask)) << SLOT_SHIFT);
      const id = load<i32>(at, 4) - 1;
      if (id < 0) break;
      if (load<u32>(at) == value) {
        ipv4BlockAt = at + BLOCK_AT;
        ipv4New = false;
        return id;
      }
    }
    if (this.count >= this.limit) return -1;
    if ((this.count + 1) * 2 > <i32>this.mask + 1) {
      if (!canMove) return -2;
      this.grow();
    }
    const id = this.count++;
    const at = this.place(value);
    store<u32>(at, value);
    store<i32>(at, id + 1, 4);
    freshBlock(at + BLOCK_AT);
    ipv4BlockAt = at + BLOCK_AT;
    ipv4New = true;
    return id;
  }

  /** Forget every value (numbers start again at 0). */
  clear(): void {
    memory.fill(this.slots, 0, (<usize>this.mask + 1) << SLOT_SHIFT);
    this.count = 0;
  }

  /** How many slots there are (each SLOT_SIZE bytes from `slots`; an empty one has 0 at byte 4). */
  get capacity(): i32 {
    return <i32>this.mask + 1;
  }

  // The empty slot where `value` goes.
  private place(value: u32): usize {
    const mask = this.mask;
    let slot = (value * 0x9e3779b1) >> 12;
    while (load<i32>(this.slots + ((<usize>(slot & mask)) << SLOT_SHIFT), 4) != 0) slot++;
    return this.slots + ((<usize>(slot & mask)) << SLOT_SHIFT);
  }

  private allocate(count: i32): void {
    const bytes = (<usize>count) << SLOT_SHIFT;
    this.raw = heap.alloc(bytes + <usize>SLOT_SIZE);
    this.slots = (this.raw + <usize>(SLOT_SIZE - 1)) & ~(<usize>(SLOT_SIZE - 1));
    memory.fill(this.slots, 0, bytes);
    this.mask = <u32>(count - 1);
  }

  private grow(): void {
    const old = this.slots;
    const oldRaw = this.raw;
    const oldCount = <i32>this.mask + 1;
    this.allocate(oldCount * 2);
    for (let slot = 0; slot < oldCount; slot++) {
      const at = old + ((<usize>slot) << SLOT_SHIFT);
      if (load<i32>(at, 4) != 0) memory.copy(this.place(load<u32>(at)), at, <usize>(BLOCK_AT + BLOCK_SIZE));
    }
    heap.free(oldRaw);
  }
}
