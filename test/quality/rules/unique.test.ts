import { describe, expect, it } from 'vitest';
import { reasonsFor } from './check-rule.js';

describe('unique rule', () => {
  it('fails every record holding a repeated value and passes the others', async () => {
    expect(await reasonsFor({ type: 'unique', field: 'value' }, ['a', 'b', 'a', 'c', 'a'])).toEqual([
      'Duplicate value',
      null,
      'Duplicate value',
      null,
      'Duplicate value',
    ]);
  });

  it('does not treat blanks as duplicates of each other', async () => {
    expect(await reasonsFor({ type: 'unique', field: 'value' }, ['', '', 'x'])).toEqual([null, null, null]);
  });

  it('compares exactly (case and spaces matter)', async () => {
    expect(await reasonsFor({ type: 'unique', field: 'value' }, ['A', 'a', 'a '])).toEqual([
      null,
      null,
      null,
    ]);
  });
});
