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

/** The value of the dotted quad in [ptr, ptr + length), or -1 when it is not one (as ipv4Value). */
export function ipv4Value(ptr: usize, length: i32): i64 {
  if (length < 7 || length > 15) return -1;
  let value: i64 = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const c = <i32>load<u8>(ptr + <usize>i);
    if (c == 46) {
      if (digits == 0 || dots == 3) return -1;
      value = value * 256 + octet;
      dots++;
      octet = 0;
      digits = 0;
      continue;
    }
    const d = c - 48;
    if (<u32>d > 9 || (digits == 1 && octet == 0)) return -1;
    octet = octet * 10 + d;
    digits++;
    if (octet > 255) return -1;
  }
  if (dots != 3 || digits == 0) return -1;
  return value * 256 + octet;
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
