import { describe, expect, it } from 'vitest';
import { patternProblems } from '../../../src/quality/rules/regex.js';
import { reasonsFor } from './check-rule.js';

describe('regex rule', () => {
  it.each([
    ['a full match', 'ORD001', null],
    ['a partial match only', 'xORD001', 'Value does not match pattern ORD\\d{3}'],
    ['too many digits', 'ORD0012', 'Value does not match pattern ORD\\d{3}'],
    ['empty', '', 'Missing value'],
  ])('%s (%j) -> %s', async (_name, value, reason) => {
    expect(await reasonsFor({ type: 'regex', field: 'value', pattern: 'ORD\\d{3}' }, [value])).toEqual([
      reason,
    ]);
  });

  it.each([
    ['[a-z]+', 0],
    ['(unclosed', 1],
    ['(?=x)y', 1],
    ['(a)\\1', 1],
  ])('checks the pattern %j', (pattern, count) => {
    expect(patternProblems(pattern)).toHaveLength(count);
  });
});
