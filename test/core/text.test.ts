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

  it('suggests a close spelling and nothing for an unrelated word', () => {
    expect(closestMatch('thresholds_x', ['thresholds', 'rules'])).toBe('thresholds');
    expect(closestMatch('zzzz', ['thresholds', 'rules'])).toBeUndefined();
  });
});
