// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): numbers dotted-quad IPv4 addresses
// by their 32-bit value (one probe of one 8-byte slot, no text compared). The text-to-value rule is
// ipv4Value's (../ip-numbering.ts): exactly the texts net.isIPv4 accepts, one text per value.

/** Set by `intern`: where the value's tag is. */
export let ipv4TagAt: usize = 0;

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
 * IPv4 values numbered 0, 1, 2... in order of first insertion; starts over at `limit`. Each value
 * has a tag word for JavaScript's use, -1 when added.
 */
export class Ipv4Table {
  // (value, number + 1, tag, unused) slots; 0 in the second word = empty.
  slots: usize = 0;
  mask: u32 = 0;
  count: i32 = 0;
  limit: i32;

  constructor(limit: i32) {
    this.limit = limit;
    this.allocate(1024);
  }

  /** The number of `value`, adding it when new (its tag is then -1); sets `ipv4TagAt`. */
  intern(value: u32): i32 {
    const mask = this.mask;
    let slot = (value * 0x9e3779b1) >> 12;
    for (; ; slot++) {
      const at = this.slots + ((<usize>(slot & mask)) << 4);
      const id = load<i32>(at, 4) - 1;
      if (id < 0) break;
      if (load<u32>(at) == value) {
        ipv4TagAt = at + 8;
        return id;
      }
    }
    if (this.count >= this.limit) {
      memory.fill(this.slots, 0, (<usize>this.mask + 1) << 4);
      this.count = 0;
    } else if ((this.count + 1) * 2 > <i32>this.mask + 1) this.grow();
    const id = this.count++;
    this.place(value, id);
    return id;
  }

  private place(value: u32, id: i32): void {
    const mask = this.mask;
    let slot = (value * 0x9e3779b1) >> 12;
    while (load<i32>(this.slots + ((<usize>(slot & mask)) << 4), 4) != 0) slot++;
    const at = this.slots + ((<usize>(slot & mask)) << 4);
    store<u32>(at, value);
    store<i32>(at, id + 1, 4);
    store<i32>(at, -1, 8);
    ipv4TagAt = at + 8;
  }

  private allocate(count: i32): void {
    this.slots = heap.alloc((<usize>count) << 4);
    memory.fill(this.slots, 0, (<usize>count) << 4);
    this.mask = <u32>(count - 1);
  }

  private grow(): void {
    const old = this.slots;
    const oldCount = <i32>this.mask + 1;
    this.allocate(oldCount * 2);
    for (let slot = 0; slot < oldCount; slot++) {
      const at = old + ((<usize>slot) << 4);
      const id = load<i32>(at, 4) - 1;
      if (id >= 0) {
        this.place(load<u32>(at), id);
        store<i32>(ipv4TagAt, load<i32>(at, 8));
      }
    }
    heap.free(old);
  }
}
