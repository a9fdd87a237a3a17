// The scan's shared work list, in memory every scanning thread sees (a SharedArrayBuffer): the queue
// of tasks, and the byte ranges of plain files being scanned, handed out block by block. A thread
// whose queue is empty takes the back half of the range with the most bytes left (work stealing),
// so both cores stay busy to the end however unevenly they run. Holds no file or scanning logic.

/** A byte range a thread scans: [start, end) of task `task`'s file, both at line starts. */
export interface StolenRange {
  task: number;
  start: number;
  end: number;
  /** The board's slot, to claim the range's blocks from. */
  slot: number;
}

// Int32 words: the next task to take, the number of slots in use, the lock.
const NEXT_TASK = 0;
const SLOTS_USED = 1;
const LOCK = 2;
const HEADER_BYTES = 16;
// Float64 words per slot: the next byte to read, the end (a thief may lower it), the task.
const NEXT = 0;
const LIMIT = 1;
const TASK = 2;
const SLOT_WORDS = 3;

/** A shared list of tasks and byte ranges; `create` it in the main thread, `attach` to it in workers. */
export class RangeBoard {
  private readonly words: Int32Array;
  private readonly slots: Float64Array;

  private constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.slots = new Float64Array(buffer, HEADER_BYTES);
  }

  /**
   * A board for `tasks` (slot k is task k: a plain range, or an empty one for a .gz file) with room
   * for `spare` stolen ranges.
   */
  static create(tasks: readonly { start: number; end: number; gzip: boolean }[], spare: number): RangeBoard {
    const capacity = tasks.length + spare;
    const board = new RangeBoard(new SharedArrayBuffer(HEADER_BYTES + capacity * SLOT_WORDS * 8));
    tasks.forEach((task, k) => board.setSlot(k, task.gzip ? 0 : task.start, task.gzip ? 0 : task.end, k));
    board.words[SLOTS_USED] = tasks.length;
    return board;
  }

  /** The board another thread created. */
  static attach(buffer: SharedArrayBuffer): RangeBoard {
    return new RangeBoard(buffer);
  }

  /** The next task nobody has taken (its index; at or past the task count when none is left). */
  takeTask(): number {
    return Atomics.add(this.words, NEXT_TASK, 1);
  }

  /**
   * The next block of slot `slot`'s range, at most `size` bytes: [start, end), or undefined when
   * the range is done (read to its end, or to where a thief cut it).
   */
  claim(slot: number, size: number): { start: number; end: number } | undefined {
    this.lock();
    const at = slot * SLOT_WORDS;
    const start = this.slots[at + NEXT];
    const limit = this.slots[at + LIMIT];
    const end = Math.min(start + size, limit);
    if (end > start) this.slots[at + NEXT] = end;
    this.unlock();
    return end > start ? { start, end } : undefined;
  }

  /**
   * Take the back part of the range with the most bytes left, when that is worth it: a new part
   * starts slowly (its texts and IPs are all new to it), about as slowly as scanning `coldBytes`
   * more, so a range is cut only when it has more than twice that left, and where both threads
   * then finish together (the owner keeps half of what is left plus half of `coldBytes`).
   * `cutAt(task, position, end)` gives the first line start at or after `position` (or `end`).
   * Returns the taken range (a new slot, which another thread may cut in turn), or undefined.
   */
  steal(
    coldBytes: number,
    cutAt: (task: number, position: number, end: number) => number,
  ): StolenRange | undefined {
    for (;;) {
      // Choose and cut outside the lock (the cut reads the file), then check the range under it.
      const seen = this.largestRemaining();
      const left = seen === undefined ? 0 : seen.end - seen.next;
      if (seen === undefined || left <= 2 * coldBytes) return undefined;
      const task = this.slots[seen.slot * SLOT_WORDS + TASK];
      const cut = cutAt(task, seen.next + Math.floor((left + coldBytes) / 2), seen.end);
      this.lock();
      const at = seen.slot * SLOT_WORDS;
      const next = this.slots[at + NEXT];
      const limit = this.slots[at + LIMIT];
      const used = this.words[SLOTS_USED];
      const fits = limit === seen.end && cut > next && cut < limit;
      if (fits && used * SLOT_WORDS < this.slots.length) {
        this.slots[at + LIMIT] = cut;
        this.setSlot(used, cut, limit, task);
        this.words[SLOTS_USED] = used + 1;
        this.unlock();
        return { task, start: cut, end: limit, slot: used };
      }
      this.unlock();
      // No room for another slot, or a line longer than half the range: nothing to take.
      if (fits || (limit === seen.end && cut >= limit)) return undefined;
      // The owner moved past the cut, or another thief cut the range first: look again.
    }
  }

  private largestRemaining(): { slot: number; next: number; end: number } | undefined {
    this.lock();
    let best: { slot: number; next: number; end: number } | undefined;
    for (let slot = 0; slot < this.words[SLOTS_USED]; slot++) {
      const next = this.slots[slot * SLOT_WORDS + NEXT];
      const end = this.slots[slot * SLOT_WORDS + LIMIT];
      if (best === undefined || end - next > best.end - best.next) best = { slot, next, end };
    }
    this.unlock();
    return best;
  }

  private setSlot(slot: number, next: number, limit: number, task: number): void {
    const at = slot * SLOT_WORDS;
    this.slots[at + NEXT] = next;
    this.slots[at + LIMIT] = limit;
    this.slots[at + TASK] = task;
  }

  // A spin lock: held only for a few reads and writes, never across I/O.
  private lock(): void {
    while (Atomics.compareExchange(this.words, LOCK, 0, 1) !== 0);
  }

  private unlock(): void {
    Atomics.store(this.words, LOCK, 0);
  }
}
