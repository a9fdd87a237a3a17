// Text lines appended as UTF-8 into one growing buffer, remembering where each ends: a hundred thousand
// merged lines kept this way are not a hundred thousand strings for the garbage collector to copy.

/** Lines (each with its own newline) stored one after another as bytes. */
export class LineBytes {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private ends = new Int32Array(1024);
  private lines = 0;
  private size = 0;

  /** How many lines were added. */
  get count(): number {
    return this.lines;
  }

  /** Append one line. */
  add(line: string): void {
    const length = Buffer.byteLength(line);
    if (this.size + length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.size + length));
      this.bytes.copy(grown, 0, 0, this.size);
      this.bytes = grown;
    }
    if (this.lines === this.ends.length) {
      const grown = new Int32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.size += this.bytes.write(line, this.size);
    this.ends[this.lines++] = this.size;
  }

  /** Copy line `i` into `target` at `at`; returns how many bytes that was. */
  copyLine(i: number, target: Buffer, at: number): number {
    return this.bytes.copy(target, at, i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }

  /** All the lines' bytes, in order (a view, valid until the next add). */
  all(): Buffer {
    return this.bytes.subarray(0, this.size);
  }
}
