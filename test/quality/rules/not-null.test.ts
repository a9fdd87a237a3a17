import { describe, expect, it } from 'vitest';
import { reasonsFor } from './check-rule.js';

describe('not_null rule', () => {
  it.each([
    ['a value', 'C100', null],
    ['an empty field', '', 'Null value not allowed'],
    ['spaces only', '   ', 'Null value not allowed'],
    ['a tab only', '\t', 'Null value not allowed'],
    ['the text NULL (a value, not a null)', 'NULL', null],
    ['a zero', '0', null],
    ['a value with spaces around it', ' x ', null],
  ])('%s -> %s', async (_name, value, reason) => {
    expect(await reasonsFor({ type: 'not_null', field: 'value' }, [value])).toEqual([reason]);
  });
});
