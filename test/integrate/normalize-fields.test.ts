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
