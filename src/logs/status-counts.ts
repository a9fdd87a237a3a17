// Requests per HTTP status code for a few numbered keys (a part, or its endpoint tallies by index),
// counted in one Float64Array. Status codes used as keys of a plain object are sparse integer keys,
// which V8 keeps in a slow dictionary: two such increments per line cost more than all of a line's
// other endpoint counting. Builds the same plain objects at the end; judges nothing.

const FIRST_STATUS = 100;
const STATUS_RANGE = 500;

/** Typed status counters for keys 0 .. maxKeys-1; `add` says when a key or status is not covered. */
export class StatusCounts {
  private counts = new Float64Array(STATUS_RANGE);

  /** @param maxKeys keys counted here (each takes 4 KB once used). */
  constructor(private readonly maxKeys: number) {}

  /** Count one response with `status` under `key`; false (nothing counted) when either is not covered. */
  add(key: number, status: number): boolean {
    const slot = status - FIRST_STATUS;
    if (key >= this.maxKeys || slot < 0 || slot >= STATUS_RANGE) return false;
    const at = key * STATUS_RANGE + slot;
    if (at >= this.counts.length) this.grow(key);
    this.counts[at]++;
    return true;
  }

  /** Add `key`'s counts into `into` (status code -> requests). */
  addInto(key: number, into: Record<string, number>): void {
    const start = key * STATUS_RANGE;
    if (key >= this.maxKeys || start >= this.counts.length) return;
    addStatusCounts(this.counts, start, into);
  }

  private grow(key: number): void {
    const grown = new Float64Array(Math.max((key + 1) * STATUS_RANGE, this.counts.length * 2));
    grown.set(this.counts);
    this.counts = grown;
  }
}

/**
 * Add the counts of statuses 100-599 held in `counts` from index `start` (one per status, in order)
 * into `into` (status code -> requests); the compiled scanner keeps its counts the same way.
 */
export function addStatusCounts(counts: Float64Array, start: number, into: Record<string, number>): void {
  for (let slot = 0; slot < STATUS_RANGE; slot++) {
    const count = counts[start + slot];
    if (count > 0) into[slot + FIRST_STATUS] = (into[slot + FIRST_STATUS] ?? 0) + count;
  }
}
