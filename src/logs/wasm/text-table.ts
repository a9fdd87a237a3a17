// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): a table of distinct byte strings
// numbered 0, 1, 2... in order of first insertion. Open addressing over a hash of the bytes; the
// bytes are copied into an arena so the input block can be reused. At `limit` texts it starts over
// (numbers restart at 0), so unique texts cannot grow memory without bound; or, for the table of
// IP texts, whose entries hold the IP's counter block (ip-block.ts), refuses new texts until cleared.

import { freshBlock } from './ip-block';

/** Set by `intern`: whether the text was added just now, and where its tag is. */
export let internedNew = false;
export let internedTagAt: usize = 0;

// Hash of [ptr, ptr + length): two independent multiply chains over 16 bytes a step, and the last
// 1-7 bytes as one (overlapping, or masked) 8-byte load instead of a byte at a time. May read up to
// 7 bytes past the text when it is shorter than 8 (the input and scratch areas are padded).
export function hashBytes(ptr: usize, length: i32): u32 {
  let a: u64 = 0x9e3779b97f4a7c15 ^ (<u64>length);
  let b: u64 = 0xc2b2ae3d27d4eb4f;
  let i = 0;
  for (; i + 16 <= length; i += 16) {
    a = (a ^ load<u64>(ptr + <usize>i)) * 0xff51afd7ed558ccd;
    a ^= a >> 29;
    b = (b ^ load<u64>(ptr + <usize>i, 8)) * 0xc4ceb9fe1a85ec53;
    b ^= b >> 31;
  }
  if (i + 8 <= length) {
    a = (a ^ load<u64>(ptr + <usize>i)) * 0xff51afd7ed558ccd;
    a ^= a >> 29;
    i += 8;
  }
  if (i < length) {
    const tail =
      length >= 8
        ? load<u64>(ptr + <usize>(length - 8))
        : load<u64>(ptr) & (((<u64>1) << ((<u64>length) << 3)) - 1);
    b = (b ^ tail) * 0xc4ceb9fe1a85ec53;
    b ^= b >> 31;
  }
  let h = a ^ rotl<u64>(b, 27);
  h ^= h >> 32;
  h *= 0xc4ceb9fe1a85ec53;
  h ^= h >> 29;
  return <u32>(h >> 32);
}

/** Whether the `length` bytes at `a` and `b` are equal (16 bytes a step, the rest as overlapping 8-byte loads). */
export function sameBytes(a: usize, b: usize, length: i32): bool {
  let i = 0;
  for (; i + 16 <= length; i += 16)
    if (v128.any_true(v128.xor(v128.load(a + <usize>i), v128.load(b + <usize>i)))) return false;
  if (i == length) return true;
  if (length >= 8) {
    if (i + 8 <= length && load<u64>(a + <usize>i) != load<u64>(b + <usize>i)) return false;
    const last = <usize>(length - 8);
    return load<u64>(a + last) == load<u64>(b + last);
  }
  for (; i < length; i++) if (load<u8>(a + <usize>i) != load<u8>(b + <usize>i)) return false;
  return true;
}

/**
 * Distinct texts by number. Slots hold (hash, number + 1) pairs, so a probe reads one cache line
 * and compares bytes only when the hash matches; entries hold (arena offset, length, tag, mark),
 * the tag being a word for JavaScript's use, -1 when added, and the mark one for the scanner's, 0. With `withBlocks` an entry is a whole
 * cache line: offset, length, then a counter block whose first word is the tag. The slot array
 * starts small and doubles at half full.
 */
export class TextTable {
  slots: usize;
  mask: u32;
  entries: usize;
  arena: usize;
  arenaSize: i32;
  arenaUsed: i32 = 0;
  count: i32 = 0;
  limit: i32;
  /** log2 of an entry's bytes: 4, or 6 with counter blocks. */
  entryShift: i32;
  // Refuse a new text at `limit` (return -1) instead of starting over.
  refuseWhenFull: bool;
  /** Set when the table starts over (the scanner clears it before each scan). */
  startedOver: bool = false;

  constructor(limit: i32, arenaSize: i32, withBlocks: bool = false) {
    this.limit = limit;
    this.mask = 0;
    this.slots = 0;
    this.entryShift = withBlocks ? 6 : 4;
    this.refuseWhenFull = withBlocks;
    this.allocateSlots(1024);
    const raw = heap.alloc(((<usize>limit) << (<usize>this.entryShift)) + 64);
    this.entries = (raw + 63) & ~(<usize>63);
    this.arena = heap.alloc(<usize>arenaSize);
    this.arenaSize = arenaSize;
  }

  /**
   * The number of the `length` bytes at `ptr`, adding them when new (then `internedNew` is true);
   * -1 when new and a table that refuses when full is full; -2 when new and the table would start
   * over but `canStartOver` is false.
   */
  intern(ptr: usize, length: i32, canStartOver: bool = true): i32 {
    const hash = hashBytes(ptr, length);
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const at = this.slots + ((<usize>slot) << 3);
      const id = load<i32>(at, 4) - 1;
      if (id < 0) break;
      if (load<u32>(at) == hash) {
        const entry = this.entries + ((<usize>id) << (<usize>this.entryShift));
        if (load<i32>(entry, 4) == length && sameBytes(this.arena + <usize>load<i32>(entry), ptr, length)) {
          internedNew = false;
          internedTagAt = entry + 8;
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (this.count >= this.limit) {
      if (this.refuseWhenFull) return -1;
      if (!canStartOver) return -2;
      this.clear();
    } else if ((this.count + 1) * 2 > <i32>this.mask + 1) this.growSlots();
    if (this.arenaUsed + length > this.arenaSize) this.growArena(length);
    internedNew = true;
    const id = this.count++;
    const entry = this.entries + ((<usize>id) << (<usize>this.entryShift));
    memory.copy(this.arena + <usize>this.arenaUsed, ptr, <usize>length);
    store<i32>(entry, this.arenaUsed);
    store<i32>(entry, length, 4);
    if (this.entryShift == 6) freshBlock(entry + 8);
    else {
      store<i32>(entry, -1, 8);
      store<i32>(entry, 0, 12);
    }
    internedTagAt = entry + 8;
    this.arenaUsed += length;
    this.place(hash, id);
    return id;
  }

  /** Forget every text (numbers start again at 0). */
  clear(): void {
    this.startedOver = true;
    memory.fill(this.slots, 0, (<usize>this.mask + 1) << 3);
    this.count = 0;
    this.arenaUsed = 0;
  }

  private place(hash: u32, id: i32): void {
    const mask = this.mask;
    let slot = hash & mask;
    while (load<i32>(this.slots + ((<usize>slot) << 3), 4) != 0) slot = (slot + 1) & mask;
    const at = this.slots + ((<usize>slot) << 3);
    store<u32>(at, hash);
    store<i32>(at, id + 1, 4);
  }

  private allocateSlots(count: i32): void {
    this.slots = heap.alloc((<usize>count) << 3);
    memory.fill(this.slots, 0, (<usize>count) << 3);
    this.mask = <u32>(count - 1);
  }

  private growSlots(): void {
    const old = this.slots;
    const oldCount = <i32>this.mask + 1;
    this.allocateSlots(oldCount * 2);
    for (let slot = 0; slot < oldCount; slot++) {
      const at = old + ((<usize>slot) << 3);
      const id = load<i32>(at, 4) - 1;
      if (id >= 0) this.place(load<u32>(at), id);
    }
    heap.free(old);
  }

  private growArena(length: i32): void {
    let size = this.arenaSize * 2;
    while (size < this.arenaUsed + length) size *= 2;
    const grown = heap.alloc(<usize>size);
    memory.copy(grown, this.arena, <usize>this.arenaUsed);
    heap.free(this.arena);
    this.arena = grown;
    this.arenaSize = size;
  }
}
