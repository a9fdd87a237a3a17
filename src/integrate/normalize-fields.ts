// Cleaning of single customer fields: email, phone, name, date and status.
// Each returns the clean value, `N/A` for a missing one, or null when the value is present but unusable.

import { NA } from './types.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const TAB = 9;
const RETURN = 13;
const SPACE = 32;
const AT = 64;
const DOT = 46;
const CAPITAL_A = 65;
const CAPITAL_Z = 90;

const isBlank = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

/** Trim and lowercase; null when it is not shaped like an address. */
export function normalizeEmail(raw: string | undefined): string | null {
  if (isBlank(raw)) return NA;
  const shape = asciiEmailShape(raw);
  if (shape !== NOT_PLAIN_ASCII)
    return shape === LOWER_EMAIL ? raw : shape === EMAIL_WITH_CAPITALS ? raw.toLowerCase() : null;
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) ? email : null;
}

/** What asciiEmailShape found. */
const NOT_PLAIN_ASCII = 0;
const NOT_AN_EMAIL = 1;
const LOWER_EMAIL = 2;
const EMAIL_WITH_CAPITALS = 3;

/**
 * For text of ASCII without whitespace (else NOT_PLAIN_ASCII), whether it matches EMAIL (whose shape no
 * case change alters): one `@` after at least one character, then a `.` with a character on each side;
 * and whether it has capitals to lower.
 */
function asciiEmailShape(text: string): number {
  let at = -1;
  let dotAfterAt = false;
  let capitals = false;
  let valid = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || c === SPACE || (c >= TAB && c <= RETURN)) return NOT_PLAIN_ASCII;
    if (c >= CAPITAL_A && c <= CAPITAL_Z) capitals = true;
    else if (c === AT) {
      if (at >= 0 || i === 0) valid = false;
      at = i;
    } else if (c === DOT && at >= 0 && i > at + 1 && i < text.length - 1) dotAfterAt = true;
  }
  if (!valid || !dotAfterAt) return NOT_AN_EMAIL;
  return capitals ? EMAIL_WITH_CAPITALS : LOWER_EMAIL;
}

/**
 * Digits only, with a leading `+<homeCode>` dropped: `+1-555-0101`, `555.0101` and `5550101` all give
 * `5550101`. Numbers with another country code keep it. Null when fewer than 4 digits remain.
 */
export function normalizePhone(raw: string | undefined, homeCode: string): string | null {
  if (isBlank(raw)) return NA;
  const trimmed = raw.trim();
  if (allDigits(trimmed, 0, trimmed.length)) return trimmed.length >= 4 ? trimmed : null;
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+') && digits.startsWith(homeCode)) digits = digits.slice(homeCode.length);
  return digits.length >= 4 ? digits : null;
}

/**
 * Whitespace collapsed, Title Case, keeping the capital after an apostrophe or hyphen
 * (`o'neil` -> `O'Neil`, `mary-jane` -> `Mary-Jane`). Null when it has no letters.
 */
export function normalizeName(raw: string | undefined): string | null {
  if (isBlank(raw)) return NA;
  if (isTitleCaseAscii(raw)) return raw;
  const collapsed = raw.trim().replace(/\s+/g, ' ').toLowerCase();
  return ASCII.test(collapsed) ? titleCaseAscii(collapsed) : titleCaseUnicode(collapsed);
}

const ASCII = /^\p{ASCII}*$/u;
const CHAR_A = 97;
const CHAR_Z = 122;
const APOSTROPHE = 39;
const HYPHEN = 45;

/**
 * Whether `name` is already what normalizeName makes of it, so it can be kept as it is: ASCII, no
 * whitespace but single spaces between words, and every letter upper case exactly where titleCaseAscii
 * capitalises (at the start or after a space, `'` or `-`), with at least one letter.
 */
function isTitleCaseAscii(name: string): boolean {
  let hasLetter = false;
  let before = SPACE;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80 || (c >= TAB && c <= RETURN) || (c === SPACE && before === SPACE)) return false;
    const lower = c | 0x20;
    if (lower >= CHAR_A && lower <= CHAR_Z) {
      hasLetter = true;
      const starts = before === SPACE || before === APOSTROPHE || before === HYPHEN;
      if (starts !== c < CHAR_A) return false;
    }
    before = c;
  }
  return hasLetter && before !== SPACE;
}

/**
 * The same Title Case as titleCaseUnicode for a lowercased, collapsed ASCII name, without a regex
 * callback per word: a letter is capitalised at the start or after a space, `'` or `-`.
 */
function titleCaseAscii(collapsed: string): string | null {
  let out = '';
  let copied = 0;
  let hasLetter = false;
  for (let i = 0; i < collapsed.length; i++) {
    const c = collapsed.charCodeAt(i);
    if (c < CHAR_A || c > CHAR_Z) continue;
    hasLetter = true;
    const before = i === 0 ? SPACE : collapsed.charCodeAt(i - 1);
    if (before !== SPACE && before !== APOSTROPHE && before !== HYPHEN) continue;
    out += collapsed.slice(copied, i) + String.fromCharCode(c - 32);
    copied = i + 1;
  }
  return hasLetter ? out + collapsed.slice(copied) : null;
}

function titleCaseUnicode(collapsed: string): string | null {
  if (!/\p{L}/u.test(collapsed)) return null;
  return collapsed.replace(
    /(^|[\s'’-])(\p{L})/gu,
    (_, before: string, letter: string) => before + letter.toUpperCase(),
  );
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const pad2 = (n: number) => String(n).padStart(2, '0');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` when year (1000 or later), month and day are integers naming a real calendar day. */
function calendarDate(year: number, month: number, day: number): string | null {
  return isCalendarDay(year, month, day) ? `${year}-${pad2(month)}-${pad2(day)}` : null;
}

/** Whether year (1000-9999), month and day are integers naming a real calendar day. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * `YYYY-MM-DD` from ISO dates, ISO timestamps (with a zone: converted to UTC first), `YYYY/MM/DD`,
 * `YYYYMMDD`, `15 Jan 2023`, `Jan 15, 2023`, and `D/M/YYYY` or `M/D/YYYY` only when the day is above 12.
 * Null for anything else, including ambiguous dates like `01/02/2023`.
 */
export function normalizeDate(raw: string | undefined): string | null {
  if (isBlank(raw)) return NA;
  const text = raw.trim();
  const iso = isoDate(text);
  if (iso !== null) return iso;
  // Fast path for the common `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SSZ`.
  if (
    (text.length === 10 || (text.length === 20 && text[10] === 'T' && text[19] === 'Z')) &&
    text[4] === '-' &&
    text[7] === '-'
  ) {
    const date = calendarDate(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
    if (date && (text.length === 10 || /^\d{2}:\d{2}:\d{2}$/.test(text.slice(11, 19)))) return date;
  }
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    text,
  );
  if (m) {
    if (!calendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
    if (!m[7]) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
    const zone = m[7].toUpperCase() === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`;
    const instant = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
    return Number.isNaN(instant.getTime()) ? null : instant.toISOString().slice(0, 10);
  }
  m = /^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i.exec(text);
  if (m) return monthNamed(Number(m[3]), m[2], Number(m[1]));
  m = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(text);
  if (m) return monthNamed(Number(m[3]), m[1], Number(m[2]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a > 12 && b <= 12) return calendarDate(year, b, a);
    if (b > 12 && a <= 12) return calendarDate(year, a, b);
  }
  return null;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COLON = 58;
const CAPITAL_T = 84;

/** Whether text[from, to) is all ASCII digits (true when empty). */
function allDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) return false;
  }
  return true;
}

/** The number written by the ASCII digits text[from, to). */
function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - DIGIT_0;
  return value;
}

/**
 * normalizeDate's answer, without making a new string, for `YYYY-MM-DD` written with digits naming a
 * real day, alone (the text itself) or followed by `THH:MM:SSZ` with digits (its first ten characters);
 * null for any other text, which the general rules then read.
 */
function isoDate(text: string): string | null {
  if (text.length !== 10 && text.length !== 20) return null;
  if (text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN || !allDigits(text, 0, 4)) return null;
  if (!allDigits(text, 5, 7) || !allDigits(text, 8, 10)) return null;
  if (!isCalendarDay(digitsValue(text, 0, 4), digitsValue(text, 5, 7), digitsValue(text, 8, 10))) return null;
  if (text.length === 10) return text;
  const time =
    text.charCodeAt(10) === CAPITAL_T &&
    text.charCodeAt(13) === COLON &&
    text.charCodeAt(16) === COLON &&
    text.charCodeAt(19) === CAPITAL_Z &&
    allDigits(text, 11, 13) &&
    allDigits(text, 14, 16) &&
    allDigits(text, 17, 19);
  return time ? text.slice(0, 10) : null;
}

/** A date whose month is written as a name or an abbreviation of at least three letters. */
function monthNamed(year: number, monthName: string, day: number): string | null {
  const name = monthName.toLowerCase();
  const month = MONTH_NAMES.findIndex((full) => full.startsWith(name)) + 1;
  return month > 0 ? calendarDate(year, month, day) : null;
}

/** Trimmed and lowercased; `N/A` when missing. */
export function normalizeStatus(raw: string | undefined): string {
  return isBlank(raw) ? NA : raw.trim().toLowerCase();
}
