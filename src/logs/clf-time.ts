// Reads Apache `[dd/Mon/yyyy:HH:MM:SS ±hhmm]` timestamps to epoch milliseconds, with a cache for
// the time-ordered lines of a log (same text, or same minute). Does not place times in report hours.

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
const CLF_TIME = /^\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\]$/;

/** Parse `[17/Jan/2024:08:15:23 +0100]` to epoch ms, or undefined when it is not a real time. */
export function parseClfTime(text: string): number | undefined {
  const m = CLF_TIME.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[2]];
  const [day, year, hour, minute, second, offH, offM] = [m[1], m[3], m[4], m[5], m[6], m[8], m[9]].map(
    Number,
  );
  if (month === undefined || hour > 23 || minute > 59 || second > 60 || offH > 14 || offM > 59)
    return undefined;
  const local = Date.UTC(year, month, day, hour, minute, second);
  if (new Date(local).getUTCDate() !== day) return undefined;
  const offset = (offH * 60 + offM) * 60_000;
  return m[7] === '+' ? local - offset : local + offset;
}

// Character positions in a 28-character timestamp: the seconds, and the text after them.
const SECONDS_AT = 19;
const AFTER_SECONDS = 21;
const TIME_LENGTH = 28;

/**
 * Remembers the last timestamp read. The same text costs one comparison; another second of the
 * same minute (same text around the seconds) is the last instant plus the difference, exactly what
 * parseClfTime would compute; anything else is parsed in full.
 */
export class ClfTimeCache {
  private lastText = '';
  private lastTime = 0;
  // Seconds of the last text when 0-59 (else -1), and its text before and after them.
  private lastSecond = -1;
  private minutePrefix = '';
  private offsetSuffix = '';

  /** The instant of `text`'s [start, end) part, or undefined when it is not a real time. */
  read(text: string, start: number, end: number): number | undefined {
    // Cut-out texts compared with === (V8 runs `startsWith` at an offset slowly).
    const own = start === 0 && end === text.length ? text : text.slice(start, end);
    if (own === this.lastText) return this.lastTime;
    const second = this.secondOfSameMinute(own);
    if (second >= 0) {
      this.lastTime += (second - this.lastSecond) * 1000;
      this.lastSecond = second;
      this.lastText = own;
      return this.lastTime;
    }
    const time = parseClfTime(own);
    if (time === undefined) return undefined;
    this.lastText = own;
    this.lastTime = time;
    this.lastSecond = own.length === TIME_LENGTH ? twoDigits(own, SECONDS_AT) : -1;
    this.minutePrefix = own.slice(0, SECONDS_AT);
    this.offsetSuffix = own.slice(AFTER_SECONDS);
    return time;
  }

  private secondOfSameMinute(text: string): number {
    if (this.lastSecond < 0 || text.length !== TIME_LENGTH) return -1;
    if (text.slice(0, SECONDS_AT) !== this.minutePrefix || text.slice(AFTER_SECONDS) !== this.offsetSuffix)
      return -1;
    return twoDigits(text, SECONDS_AT);
  }
}

/** The value of two digits at `at` when it is 00-59, else -1. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 5 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}
