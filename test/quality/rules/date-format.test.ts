import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../../src/quality/rules/date-format.js';
import { reasonsFor } from './check-rule.js';

describe('date_format rule', () => {
  it.each([
    ['a valid date', '%Y-%m-%d', '2024-01-17', null],
    ['day 32', '%Y-%m-%d', '2024-01-32', 'Invalid date'],
    ['a leap day in a leap year', '%Y-%m-%d', '2024-02-29', null],
    ['a leap day in a common year', '%Y-%m-%d', '2023-02-29', 'Invalid date'],
    ['1900 (not a leap year)', '%Y-%m-%d', '1900-02-29', 'Invalid date'],
    ['2000 (a leap year)', '%Y-%m-%d', '2000-02-29', null],
    ['month 13', '%Y-%m-%d', '2024-13-01', 'Invalid date'],
    ['another format', '%Y-%m-%d', '17/01/2024', 'Invalid date'],
    ['trailing text', '%Y-%m-%d', '2024-01-17x', 'Invalid date'],
    ['a trailing space', '%Y-%m-%d', '2024-01-17 ', 'Invalid date'],
    ['a leading space', '%Y-%m-%d', ' 2024-01-17', 'Invalid date'],
    ['empty', '%Y-%m-%d', '', 'Missing value'],
    ['a one-digit month (strict ISO path)', '%Y-%m-%d', '2024-1-05', 'Invalid date'],
    ['a BC year', '%Y-%m-%d', '-024-01-17', 'Invalid date'],
    ['another separator', '%Y-%m-%d', '2024/01/17', 'Invalid date'],
    ['a day-first format', '%d/%m/%Y', '17/01/2024', null],
    ['a time of day', '%Y-%m-%d %H:%M:%S', '2024-01-17 23:59:59', null],
    ['hour 24', '%Y-%m-%d %H:%M:%S', '2024-01-17 24:00:00', 'Invalid date'],
  ])('%s: %s on %j -> %s', async (_name, format, value, reason) => {
    expect(await reasonsFor({ type: 'date_format', field: 'value', format }, [value])).toEqual([reason]);
  });

  it.each([
    ['%Y-%m-%d', []],
    ['%Y-%Q', ['unsupported directive %Q']],
    ['%Y-%', ['ends with a lone "%"']],
    ['YYYY-MM-DD', ['has no date directive']],
  ])('checks the format %j', (format, expected) => {
    const problems = formatProblems(format);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((text, i) => expect(problems[i]).toContain(text));
  });
});
