// A hash table from dotted-quad IPv4 values to dense numbers, in one Int32Array (open addressing,
// two ints per slot side by side, so a probe reads one cache line: the value's bits and the number
// + 1, 0 for an empty slot). The array is plain data: a part hands its table to the merge, which
// goes on numbering in it. Knows nothing of IP text.

// Slots per table when it starts (a power of two).
const FIRST_SLOTS = 1024;

/** Dotted-quad values (as unsigned 32-bit numbers) to numbers 0, 1, 2... */
export class DottedQuadTable {
  private shift: number;
  private mask: number;

  /**
   * @param slots the ints of a table to go on with (another DottedQuadTable's `slots`), or none for
   * an empty one; `count` says how many values it holds.
   */
  constructor(
    private slots: Int32Array = new Int32Array(2 * FIRST_SLOTS),
    private count = 0,
  ) {
    this.mask = slots.length / 2 - 1;
    this.shift = Math.clz32(slots.length / 2) + 1;
  }

  /** How many values the table holds. */
  get size(): number {
    return this.count;
  }

  /** The ints of the table, to hand on (whoever takes them goes on numbering in them). */
  get ints(): Int32Array {
    return this.slots;
  }

  /** The number of `value`, or -1. */
  find(value: number): number {
    const key = value | 0;
    const slots = this.slots;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & this.mask) {
      const number = slots[2 * slot + 1];
      if (number === 0) return -1;
      if (slots[2 * slot] === key) return number - 1;
    }
  }

  /** Give `value` (not in the table) number `number`. */
  add(value: number, number: number): void {
    if (++this.count * 4 > this.slots.length) this.grow(this.count);
    this.place(value | 0, number + 1);
  }

  /** Make room for `count` values in all without growing again (at most a quarter of the ints used). */
  grow(count: number): void {
    let length = this.slots.length;
    while (count * 4 > length) length *= 2;
    if (length === this.slots.length) return;
    const old = this.slots;
    this.slots = new Int32Array(length);
    this.mask = length / 2 - 1;
    this.shift = Math.clz32(length / 2) + 1;
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== 0) this.place(old[at], old[at + 1]);
  }

  /** Each number's value (unsigned) in an array of `size` numbers, -1 for numbers not in the table. */
  values(size: number): Float64Array {
    const values = new Float64Array(size).fill(-1);
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 2) {
      const number = slots[at + 1] - 1;
      if (number >= 0 && number < size) values[number] = slots[at] >>> 0;
    }
    return values;
  }

  private place(key: number, tagged: number): void {
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = key;
    this.slots[2 * slot + 1] = tagged;
  }
}
