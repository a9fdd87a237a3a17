// Text lines appended as UTF-8 into one growing buffer, remembering where each ends: a hundred thousand
// lines (merged master lines, a job's log) kept this way are not a hundred thousand strings for the
// garbage collector to copy.
// Lines are encoded a batch at a time (one join and one native write per batch, not per line).

/** Lines encoded together: few enough to die young as strings, enough to spare native calls. */
const LINES_PER_BATCH = 256;

/** Lines (each with its own newline) stored one after another as bytes. */
export class LineBytes {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private ends = new Int32Array(1024);
  private lines = 0;
  private size = 0;
  private pending: string[] = [];

  /** How many lines were added. */
  get count(): number {
    return this.lines + this.pending.length;
  }

  /** Append one line. */
  add(line: string): void {
    this.pending.push(line);
    if (this.pending.length === LINES_PER_BATCH) this.flush();
  }

  /** Line `i`'s bytes (a view, valid until the next add). */
  line(i: number): Buffer {
    this.flush();
    return this.bytes.subarray(i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }

  /** All the lines' bytes, in order (a view, valid until the next add). */
  all(): Buffer {
    this.flush();
    return this.bytes.subarray(0, this.size);
  }

  /** Encode the pending lines; an all-ASCII batch has as many bytes per line as characters. */
  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const text = batch.join('');
    const length = Buffer.byteLength(text);
    if (this.size + length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.size + length));
      this.bytes.copy(grown, 0, 0, this.size);
      this.bytes = grown;
    }
    if (this.lines + batch.length > this.ends.length) {
      const grown = new Int32Array(Math.max(this.ends.length * 2, this.lines + batch.length));
      grown.set(this.ends);
      this.ends = grown;
    }
    const ascii = length === text.length;
    let end = this.size;
    for (const line of batch) {
      end += ascii ? line.length : Buffer.byteLength(line);
      this.ends[this.lines++] = end;
    }
    this.size += this.bytes.write(text, this.size);
  }
}
