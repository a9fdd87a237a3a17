// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): the counts of the lines the scanner
// counts entirely itself (plain lines, see scanner.ts), which JavaScript never sees: the part's
// requests, bytes and lines outside the report day, per hour requests, errors and bytes, per minute
// of the day requests, per status code requests; the same per endpoint tally (the first TALLIES);
// and the IP-minute rows those lines close, in line order, which JavaScript takes after each scan.
// JavaScript adds these counts to its own (for the lines it counted) at the end of the part.

/** Endpoint tallies counted here (by the tally index JavaScript puts in a request line's tag). */
export const TALLIES: i32 = 256;
/** Status codes counted: 100 .. 100 + STATUSES - 1 (all the scanner accepts). */
const FIRST_STATUS: i32 = 100;
const STATUSES: i32 = 500;

// The part's counters, as f64 slots.
const PART_REQUESTS: i32 = 0;
const PART_BYTES: i32 = 1;
const PART_OUTSIDE_DAY: i32 = 2;
const HOUR_REQUESTS: i32 = 3;
const HOUR_ERRORS: i32 = HOUR_REQUESTS + 24;
const HOUR_BYTES: i32 = HOUR_ERRORS + 24;
const MINUTE_REQUESTS: i32 = HOUR_BYTES + 24;
const PART_STATUSES: i32 = MINUTE_REQUESTS + 1440;
const PART_SLOTS: i32 = PART_STATUSES + STATUSES;

// A tally's counters, as f64 slots; EVIDENCE_FULL is set by JavaScript once the tally's first error
// lines are all kept (before that, its error lines go to JavaScript, which records their numbers).
const TALLY_REQUESTS: i32 = 0;
const TALLY_BYTES: i32 = 1;
const TALLY_ERRORS: i32 = 2;
const TALLY_EVIDENCE_FULL: i32 = 3;
const TALLY_STATUSES: i32 = 4;
const TALLY_SLOTS: i32 = TALLY_STATUSES + STATUSES;

/** Bytes per IP-minute row (ip-block.ts's row, then the IP's number and the closing line). */
export const ROW_BYTES: i32 = 32;
const ROW_IP: i32 = 24;
const ROW_LINE: i32 = 28;

let part: usize = 0;
let tallies: usize = 0;
let rows: usize = 0;
let rowTotal: i32 = 0;

/** Allocate the counters (zero) and room for `maxRows` rows per scan. */
export function setupLineCounts(maxRows: i32): void {
  part = heap.alloc(<usize>(PART_SLOTS << 3));
  memory.fill(part, 0, <usize>(PART_SLOTS << 3));
  tallies = heap.alloc(<usize>((TALLIES * TALLY_SLOTS) << 3));
  memory.fill(tallies, 0, <usize>((TALLIES * TALLY_SLOTS) << 3));
  rows = heap.alloc(<usize>(maxRows * ROW_BYTES));
}

/** Whether a plain line of tally `tally` may be counted here: `isError` lines only once its evidence is full. */
export function tallyTakes(tally: i32, isError: bool): bool {
  if (tally >= TALLIES) return false;
  return !isError || load<f64>(tallies + <usize>((tally * TALLY_SLOTS + TALLY_EVIDENCE_FULL) << 3)) != 0;
}

function add(at: usize, slot: i32, value: f64): void {
  const address = at + <usize>(slot << 3);
  store<f64>(address, load<f64>(address) + value);
}

/** Count one plain line of tally `tally`: `hour` and `minuteOfDay` in report time, `outside` the report day. */
export function countLine(
  tally: i32,
  hour: i32,
  minuteOfDay: i32,
  outside: bool,
  status: i32,
  bytes: f64,
  isError: bool,
): void {
  add(part, PART_REQUESTS, 1);
  add(part, PART_BYTES, bytes);
  if (outside) add(part, PART_OUTSIDE_DAY, 1);
  add(part, HOUR_REQUESTS + hour, 1);
  add(part, HOUR_BYTES + hour, bytes);
  add(part, MINUTE_REQUESTS + minuteOfDay, 1);
  if (isError) add(part, HOUR_ERRORS + hour, 1);
  add(part, PART_STATUSES + status - FIRST_STATUS, 1);
  const at = tallies + <usize>((tally * TALLY_SLOTS) << 3);
  add(at, TALLY_REQUESTS, 1);
  add(at, TALLY_BYTES, bytes);
  if (isError) add(at, TALLY_ERRORS, 1);
  add(at, TALLY_STATUSES + status - FIRST_STATUS, 1);
}

/** Forget the rows of the previous scan (JavaScript has taken them). */
export function startRows(): void {
  rowTotal = 0;
}

/** Where countIp may write the next row. */
export function nextRow(): usize {
  return rows + <usize>(rowTotal * ROW_BYTES);
}

/** Keep the row just written at nextRow(): IP number `ip`, closed on part line `line`. */
export function keepRow(ip: i32, line: u32): void {
  const row = nextRow();
  store<i32>(row, ip, ROW_IP);
  store<u32>(row, line, ROW_LINE);
  rowTotal++;
}

/** Where the rows of the last scan are. */
export function rowsAddress(): usize {
  return rows;
}

/** How many rows the last scan kept. */
export function rowCount(): i32 {
  return rowTotal;
}

/** Where the part's counters are (f64 slots, see above). */
export function partCounts(): usize {
  return part;
}

/** Where the tallies' counters are (TALLY_SLOTS f64 slots each). */
export function tallyCounts(): usize {
  return tallies;
}
