// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): one IP's counters for a scan part,
// kept in the 56 bytes that follow its key in the IP tables (ipv4-table.ts slots, text-table.ts
// entries), so counting a line touches the cache line its lookup just read. The rules are those
// the TypeScript IpCounters kept per IP: requests, errors, last seen with its user, active hours
// and the current per-minute run, flushed as an IP-minute row when the IP moves to another minute.

// Byte offsets within a block (the block starts at the IP's tag: its number in the TypeScript
// parser's numbering, -1 while JavaScript has not given it, -2 when the text is not an IP).
export const TAG: i32 = 0;
export const HOUR_MASK: i32 = 4;
/** A bit of the hour-mask word: a line of the IP waits for JavaScript to count it (see scanner.ts). */
export const PENDING: i32 = 1 << 31;
/** The JavaScript number of the IP's latest user, -1 for none. */
export const LAST_USER: i32 = 8;
export const RUN_COUNT: i32 = 12;
export const REQUESTS: i32 = 16;
export const ERRORS: i32 = 20;
export const RUN_FIRST_LINE: i32 = 24;
export const RUN_LAST_LINE: i32 = 28;
export const LAST_SEEN: i32 = 32;
export const RUN_MINUTE: i32 = 40;
export const FLUSHED_MINUTE: i32 = 48;
export const BLOCK_SIZE: i32 = 56;

// Byte offsets of a flushed run (an IP-minute row) where `countIp` writes it.
export const ROW_MINUTE: i32 = 0;
export const ROW_COUNT: i32 = 8;
export const ROW_FIRST_LINE: i32 = 12;
export const ROW_LAST_LINE: i32 = 16;
export const ROW_REPEAT: i32 = 20;

/** No minute yet (Number.MIN_SAFE_INTEGER, as the TypeScript counters used). */
const NO_MINUTE: f64 = -9007199254740991;

/** A new IP's block: tag -1 (not numbered yet), no requests, no user, no run. */
export function freshBlock(block: usize): void {
  memory.fill(block, 0, <usize>BLOCK_SIZE);
  store<i32>(block, -1, TAG);
  store<i32>(block, -1, LAST_USER);
  store<f64>(block, NO_MINUTE, RUN_MINUTE);
  store<f64>(block, NO_MINUTE, FLUSHED_MINUTE);
}

/**
 * Count one request of the block's IP at `time` (epoch ms) in report-time `minute` and `hour`, from
 * user number `user` (-1 for none), on part line `line`. When the IP moves to another minute, its
 * previous run is written at `row`; returns whether it was.
 */
export function countIp(
  block: usize,
  time: f64,
  isError: bool,
  hour: i32,
  user: i32,
  minute: f64,
  line: u32,
  row: usize,
): bool {
  const requests = load<u32>(block, REQUESTS);
  // The first request sets the last-seen time, whatever it is (as IpCounters.add did).
  if (requests == 0) store<f64>(block, time, LAST_SEEN);
  store<u32>(block, requests + 1, REQUESTS);
  if (isError) store<u32>(block, load<u32>(block, ERRORS) + 1, ERRORS);
  if (time >= load<f64>(block, LAST_SEEN)) {
    store<f64>(block, time, LAST_SEEN);
    if (user >= 0) store<i32>(block, user, LAST_USER);
  } else if (user >= 0 && load<i32>(block, LAST_USER) < 0) {
    store<i32>(block, user, LAST_USER);
  }
  store<i32>(block, load<i32>(block, HOUR_MASK) | (1 << hour), HOUR_MASK);
  if (load<f64>(block, RUN_MINUTE) == minute) {
    store<u32>(block, load<u32>(block, RUN_COUNT) + 1, RUN_COUNT);
    store<u32>(block, line, RUN_LAST_LINE);
    return false;
  }
  const flushed = flushRun(block, row);
  store<f64>(block, minute, RUN_MINUTE);
  store<u32>(block, 1, RUN_COUNT);
  store<u32>(block, line, RUN_FIRST_LINE);
  store<u32>(block, line, RUN_LAST_LINE);
  return flushed;
}

/** Write the block's open run at `row` and close it; false when it has none. */
export function flushRun(block: usize, row: usize): bool {
  const count = load<u32>(block, RUN_COUNT);
  if (count == 0) return false;
  const minute = load<f64>(block, RUN_MINUTE);
  const repeat = minute <= load<f64>(block, FLUSHED_MINUTE);
  if (!repeat) store<f64>(block, minute, FLUSHED_MINUTE);
  store<f64>(row, minute, ROW_MINUTE);
  store<u32>(row, count, ROW_COUNT);
  store<u32>(row, load<u32>(block, RUN_FIRST_LINE), ROW_FIRST_LINE);
  store<u32>(row, load<u32>(block, RUN_LAST_LINE), ROW_LAST_LINE);
  store<i32>(row, repeat ? 1 : 0, ROW_REPEAT);
  store<u32>(block, 0, RUN_COUNT);
  return true;
}
