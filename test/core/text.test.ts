import { describe, expect, it } from 'vitest';
import { closestMatch, formatCount, safeText, stripControl, truncate } from '../../src/core/text.js';

describe('text safety', () => {
  it.each([
    ['plain', 'plain'],
    ['red\u001b[31mtext\u001b[0m', 'redtext'],
    ['title\u001b]0;pwned\u0007done', 'titledone'],
    ['a\nb\tc\rd', 'a b c d'],
    ['bell\u0007 and null\u0000', 'bell and null'],
    ['c1\u009bcontrol', 'c1control'],
  ])('stripControl(%j) = %j', (raw, expected) => expect(stripControl(raw)).toBe(expected));

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(safeText('x'.repeat(300)).length).toBe(200);
  });

  it('formats counts with separators', () => {
    expect(formatCount(15234)).toBe('15,234');
  });

  it('formats counts exactly as toLocaleString("en-US") does', () => {
    const values = [0, -0, 1, -1, 7, 12, 999, 1000, -1000, 999_999, 1_000_000, 1_234_567.5, 2.5, -2.5, -0.4, 0.4];
    values.push(123_456_789_012, Number.MAX_SAFE_INTEGER, 9.99e20, 1e21, 3.2e25, -4e22, NaN, Infinity, -Infinity);
    for (let k = 1; k < 1e20; k *= 7) values.push(k, -k, k + 0.5, k * 1.3);
    for (const value of values)
      expect(formatCount(value), String(value)).toBe(Math.round(value).toLocaleString('en-US'));
  });

  it('suggests a close spelling and nothing for an unrelated word', () => {
    expect(closestMatch('thresholds_x', ['thresholds', 'rules'])).toBe('thresholds');
    expect(closestMatch('zzzz', ['thresholds', 'rules'])).toBeUndefined();
  });
});
