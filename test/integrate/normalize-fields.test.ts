import { describe, expect, it } from 'vitest';
import {
  normalizeDate,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeStatus,
} from '../../src/integrate/normalize-fields.js';

describe('normalizeEmail', () => {
  it.each([
    ['JANE.DOE@EMAIL.COM', 'jane.doe@email.com'],
    ['  john@x.io ', 'john@x.io'],
    ['', 'N/A'],
    ['   ', 'N/A'],
    [undefined, 'N/A'],
    ['not-an-email', null],
    ['a@b', null],
  ])('%j -> %j', (raw, expected) => expect(normalizeEmail(raw)).toBe(expected));
});

describe('normalizeEmail equals trimming, lowercasing and the address regex', () => {
  const reference = (raw: string) => {
    if (raw.trim() === '') return 'N/A';
    const email = raw.trim().toLowerCase();
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
  };
  it.each([
    'a@b.c',
    '@b.c',
    'a@.c',
    'a@b.',
    'a@b..c',
    'a@b.c.',
    'a@@b.c',
    'a@b@c.d',
    'A@B.C',
    '\u0000@b.c',
    'a.b@c',
  ])('%j', (raw) => expect(normalizeEmail(raw)).toBe(reference(raw)));

  it('on 20000 random texts over letters of both cases, @, dots and spaces', () => {
    const alphabet = 'aZ@.@. \t1É';
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let valid = 0;
    for (let n = 0; n < 20000; n++) {
      let raw = '';
      const length = 1 + Math.floor(next() * 8);
      for (let i = 0; i < length; i++) raw += alphabet[Math.floor(next() * alphabet.length)];
      const email = normalizeEmail(raw);
      expect(email, JSON.stringify(raw)).toBe(reference(raw));
      if (email !== null) valid++;
    }
    expect(valid).toBeGreaterThan(500);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+1-555-0101', '5550101'],
    ['555.0102', '5550102'],
    ['5550101', '5550101'],
    ['(555) 010-1234', '5550101234'],
    ['+1 (555) 010-1234', '5550101234'],
    ['+44 20 7946 0958', '442079460958'],
    ['1-555-0101', '15550101'],
    ['', 'N/A'],
    [undefined, 'N/A'],
    ['ext', null],
    ['+1', null],
    ['0123', '0123'],
    ['  5550101 ', '5550101'],
    ['123', null],
    ['\u0661\u0662\u0663\u0664', null],
  ])('%j -> %j (home code 1)', (raw, expected) => expect(normalizePhone(raw, '1')).toBe(expected));

  it('drops a configured home code other than 1', () => {
    expect(normalizePhone('+44 20 7946 0958', '44')).toBe('2079460958');
  });
});

describe('normalizeName', () => {
  it.each([
    ['john smith', 'John Smith'],
    ['JOHN   SMITH', 'John Smith'],
    ["o'neil", "O'Neil"],
    ['mary-jane watson', 'Mary-Jane Watson'],
    ['  ÉMILE zola ', 'Émile Zola'],
    ['', 'N/A'],
    ['123', null],
  ])('%j -> %j', (raw, expected) => expect(normalizeName(raw)).toBe(expected));
});

describe('normalizeDate', () => {
  it.each([
    ['2023-01-15', '2023-01-15'],
    ['2023/1/5', '2023-01-05'],
    ['20230115', '2023-01-15'],
    ['2023-01-15T10:30:00Z', '2023-01-15'],
    ['2023-01-15T23:30:00-05:00', '2023-01-16'],
    ['2023-01-16T01:00:00+0200', '2023-01-15'],
    ['2023-01-15 10:30', '2023-01-15'],
    ['15 Jan 2023', '2023-01-15'],
    ['January 15, 2023', '2023-01-15'],
    ['Sept 3 2023', '2023-09-03'],
    ['25/12/2023', '2023-12-25'],
    ['12/25/2023', '2023-12-25'],
    ['2024-02-29', '2024-02-29'],
    ['', 'N/A'],
    ['2023-02-29', null],
    ['2024-01-32', null],
    ['01/02/2023', null],
    ['15 Foo 2023', null],
    ['yesterday', null],
  ])('%j -> %j', (raw, expected) => expect(normalizeDate(raw)).toBe(expected));
});

describe('normalizeStatus', () => {
  it.each([
    [' Active ', 'active'],
    ['', 'N/A'],
    [undefined, 'N/A'],
  ])('%j -> %j', (raw, expected) => expect(normalizeStatus(raw)).toBe(expected));
});

/** The regex Title Case the ASCII fast path replaced, kept as the reference it must equal. */
function referenceName(raw: string): string | null {
  if (raw.trim() === '') return 'N/A';
  const collapsed = raw.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!/\p{L}/u.test(collapsed)) return null;
  return collapsed.replace(
    /(^|[\s'’-])(\p{L})/gu,
    (_, before: string, letter: string) => before + letter.toUpperCase(),
  );
}

/** The Date-based calendar check the arithmetic replaced. */
function referenceCalendarDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('normalizeName equals the regex Title Case it replaced', () => {
  it.each([
    "o'neil-smith",
    "-a 'b c-",
    "a''b--c 'd -e",
    'x\t\ny\u000bz\fw\rv',
    '  mIxEd   CaSe  ',
    '1st 2nd',
    '1st Place',
    'John Smith',
    'John  Smith',
    ' John',
    'John ',
    'JOhn',
    "Mary-Jane O'Neil",
    'Mary-jane',
    'A',
    'X\u00a0Y',
    'John\tSmith',
    'a1b c_d e.f g/h',
    "j.r.r. tolkien o'",
    '@#$',
    "d'artagnan mcdonald",
    'élan vital',
    'zoë o’brien',
  ])('%j', (raw) => expect(normalizeName(raw)).toBe(referenceName(raw)));

  it('on 5000 random names over letters, separators and punctuation', () => {
    const alphabet = "aZ -'\t.1_é’ß";
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 5000; n++) {
      let raw = '';
      const length = Math.floor(next() * 12);
      for (let i = 0; i < length; i++) raw += alphabet[Math.floor(next() * alphabet.length)];
      expect(normalizeName(raw)).toBe(referenceName(raw));
    }
  });
});

describe('normalizeName keeps a name already in Title Case as it is', () => {
  it('on 20000 random names over a few letters of both cases and separators', () => {
    const alphabet = "AaZz -'1\t";
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let kept = 0;
    for (let n = 0; n < 20000; n++) {
      let raw = '';
      const length = 1 + Math.floor(next() * 6);
      for (let i = 0; i < length; i++) raw += alphabet[Math.floor(next() * alphabet.length)];
      const name = normalizeName(raw);
      expect(name, JSON.stringify(raw)).toBe(referenceName(raw));
      if (name === raw) kept++;
    }
    expect(kept).toBeGreaterThan(500);
  });
});

describe('normalizeDate reads YYYY-MM-DD digits as the general rules do', () => {
  const twoDigits = Array.from({ length: 34 }, (_, n) => String(n).padStart(2, '0'));
  it('for every month 00-33 and day 00-33 of leap, century, plain and out-of-range years', () => {
    for (const year of ['0999', '1000', '1900', '2000', '2023', '2024', '2100', '9999'])
      for (const month of twoDigits)
        for (const day of twoDigits) {
          const date = `${year}-${month}-${day}`;
          const expected = normalizeDate(`${year}/${month}/${day}`);
          expect(normalizeDate(date), date).toBe(expected);
          expect(normalizeDate(`${date}T10:30:59Z`), date).toBe(expected);
        }
  });

  it.each([
    ['2023-01-15T10:30:00z', '2023-01-15'],
    ['2023-01-15X10:30:00Z', null],
    ['2023-01-15T10:3a:00Z', null],
    ['2023-01-15T10-30:00Z', null],
    ['2023-01-15T1:30:00Z', null],
    [' 2023-01-15 ', '2023-01-15'],
    ['2023-1a-15', null],
  ])('%j -> %j', (raw, expected) => expect(normalizeDate(raw)).toBe(expected));
});

describe('normalizeDate equals the Date-based calendar check it replaced', () => {
  it('for every day number 0-32 of every month 0-13 of leap, century and plain years', () => {
    for (const year of [999, 1000, 1900, 2000, 2023, 2024, 2100, 9999])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const text = `${year}/${month}/${day}`;
          expect(normalizeDate(text), text).toBe(referenceCalendarDate(year, month, day));
        }
  });

  // Outputs of the previous, Date-based build on text that reaches the fast path oddly.
  it.each([
    ['2023- 1-05', '2023-01-05'],
    ['2023-1.-05', '2023-01-05'],
    ['2023-.5-05', null],
    ['2023-01-1e', null],
    ['1e03-01-05', '1000-01-05'],
    ['2023-00-10', null],
    ['2023--1-10', null],
    ['2023-02-29T10:00:00Z', null],
    ['2024-02-29T25:00:00Z', '2024-02-29'],
  ])('keeps the fast path on odd text %j -> %j', (raw, expected) =>
    expect(normalizeDate(raw)).toBe(expected),
  );
});
