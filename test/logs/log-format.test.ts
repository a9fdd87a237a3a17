import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { closingQuote, COMBINED_FORMAT, COMMON_FORMAT, compileFormat } from '../../src/logs/log-format.js';

describe('compileFormat', () => {
  it('finds the fields of the combined and common presets', () => {
    expect([...compileFormat(COMBINED_FORMAT).fields].sort()).toEqual([
      'bytes',
      'ident',
      'ip',
      'referer',
      'request',
      'status',
      'time',
      'user',
      'userAgent',
    ]);
    expect([...compileFormat(COMMON_FORMAT).fields]).not.toContain('userAgent');
  });

  it('treats a field between quotes as quoted and %t as bracketed', () => {
    const segments = compileFormat(COMBINED_FORMAT).segments.filter((s) => s.kind === 'field');
    expect(segments.find((s) => s.field === 'request')).toMatchObject({ ending: 'quote' });
    expect(segments.find((s) => s.field === 'time')).toMatchObject({ ending: 'bracket' });
  });

  it.each([
    ['an unknown directive', '%h %Z %t "%r" %>s', /unknown directive %Z/],
    ['two fields with nothing between', '%h%u %t "%r" %>s', /two fields/],
    ['a format without a status', '%h %t "%r"', /no status field/],
  ])('rejects %s', (_name, format, message) => {
    expect(() => compileFormat(format)).toThrow(ConfigError);
    expect(() => compileFormat(format)).toThrow(message);
  });
});

describe('closingQuote', () => {
  it.each([
    ['abc"', 3],
    ['a\\"b"', 4],
    ['a\\\\"b', 3],
    ['no quote', -1],
  ])('%s -> %i', (text, index) => {
    expect(closingQuote(text, 0)).toBe(index);
  });
});
