// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): reads `[dd/Mon/yyyy:HH:MM:SS ±hhmm]`
// to epoch milliseconds exactly as parseClfTime (../clf-time.ts) does, for the cases it can decide
// alone. Seconds of 60 and years before 100 (where Date.UTC rolls over or maps to 19xx) are left to
// the TypeScript parser, like any text that is not a real time: the result is then NaN.

// Character positions in the 28-character timestamp.
const TIME_LENGTH = 28;

function digit(ptr: usize, at: i32): i32 {
  return <i32>load<u8>(ptr + <usize>at) - 48;
}

// Two ASCII digits at `at` as a number, or -1000 when either is not a digit.
function twoDigits(ptr: usize, at: i32): i32 {
  const tens = digit(ptr, at);
  const ones = digit(ptr, at + 1);
  return <u32>tens <= 9 && <u32>ones <= 9 ? tens * 10 + ones : -1000;
}

// The month (0-11) of the three letters at `ptr` when they are an English month abbreviation, else -1.
function monthOf(ptr: usize): i32 {
  const key = ((<u32>load<u8>(ptr)) << 16) | ((<u32>load<u8>(ptr + 1)) << 8) | (<u32>load<u8>(ptr + 2));
  switch (key) {
    case 0x4a616e:
      return 0; // Jan
    case 0x466562:
      return 1; // Feb
    case 0x4d6172:
      return 2; // Mar
    case 0x417072:
      return 3; // Apr
    case 0x4d6179:
      return 4; // May
    case 0x4a756e:
      return 5; // Jun
    case 0x4a756c:
      return 6; // Jul
    case 0x417567:
      return 7; // Aug
    case 0x536570:
      return 8; // Sep
    case 0x4f6374:
      return 9; // Oct
    case 0x4e6f76:
      return 10; // Nov
    case 0x446563:
      return 11; // Dec
    default:
      return -1;
  }
}

function isLeap(year: i32): bool {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

function daysInMonth(year: i32, month: i32): i32 {
  if (month == 1) return isLeap(year) ? 29 : 28;
  return month == 3 || month == 5 || month == 8 || month == 10 ? 30 : 31;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (month 0-11). */
export function daysFromCivil(year: i32, month: i32, day: i32): i64 {
  const y: i64 = <i64>(month <= 1 ? year - 1 : year);
  const era: i64 = (y >= 0 ? y : y - 399) / 400;
  const yoe: i64 = y - era * 400;
  const m: i64 = <i64>month + 1;
  const doy: i64 = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + <i64>day - 1;
  const doe: i64 = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The last 28-byte text read (16 + 8 + 4 bytes) and its result: consecutive lines often share a second.
let lastHead: v128 = i64x2.splat(0);
let lastMiddle: u64 = 0;
let lastTail: u32 = 0;
let lastTime: f64 = NaN;

/**
 * Epoch milliseconds of the timestamp in [ptr, ptr + length) (brackets included), or NaN when it is
 * not one this function decides (the TypeScript parser then judges the line). A text equal to the
 * previous one costs one comparison.
 */
export function readClfTime(ptr: usize, length: i32): f64 {
  if (length != TIME_LENGTH) return NaN;
  const head = v128.load(ptr);
  const middle = load<u64>(ptr, 16);
  const tail = load<u32>(ptr, 24);
  if (!v128.any_true(v128.xor(head, lastHead)) && middle == lastMiddle && tail == lastTail) return lastTime;
  lastHead = head;
  lastMiddle = middle;
  lastTail = tail;
  lastTime = parseTime(ptr);
  return lastTime;
}

// readClfTime's rules for a 28-byte text.
function parseTime(ptr: usize): f64 {
  if (
    load<u8>(ptr) != 91 ||
    load<u8>(ptr + 3) != 47 ||
    load<u8>(ptr + 7) != 47 ||
    load<u8>(ptr + 12) != 58 ||
    load<u8>(ptr + 15) != 58 ||
    load<u8>(ptr + 18) != 58 ||
    load<u8>(ptr + 21) != 32 ||
    load<u8>(ptr + 27) != 93
  )
    return NaN;
  const day = twoDigits(ptr, 1);
  const month = monthOf(ptr + 4);
  const century = twoDigits(ptr, 8);
  const yearOfCentury = twoDigits(ptr, 10);
  const year = century * 100 + yearOfCentury;
  const hour = twoDigits(ptr, 13);
  const minute = twoDigits(ptr, 16);
  const second = twoDigits(ptr, 19);
  const sign = load<u8>(ptr + 22);
  const offH = twoDigits(ptr, 23);
  const offM = twoDigits(ptr, 25);
  if (day < 0 || month < 0 || century < 1 || yearOfCentury < 0 || hour < 0 || minute < 0 || second < 0)
    return NaN;
  if (offH < 0 || offM < 0 || (sign != 43 && sign != 45)) return NaN;
  if (hour > 23 || minute > 59 || second > 59 || offH > 14 || offM > 59) return NaN;
  if (day < 1 || day > daysInMonth(year, month)) return NaN;
  const local: i64 =
    daysFromCivil(year, month, day) * 86400000 + <i64>(hour * 3600000 + minute * 60000 + second * 1000);
  const offset: i64 = <i64>((offH * 60 + offM) * 60000);
  return <f64>(sign == 43 ? local - offset : local + offset);
}
