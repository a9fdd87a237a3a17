import { describe, expect, it } from 'vitest';
import { reasonsFor } from './check-rule.js';

const values = ['pending', 'completed'];

describe('allowed_values rule', () => {
  it.each([
    ['a listed value', 'pending', null],
    ['another case', 'Completed', 'Value not in allowed list'],
    ['an unlisted value', 'unknown', 'Value not in allowed list'],
    ['a listed value with a space', ' pending', 'Value not in allowed list'],
    ['empty', '', 'Missing value'],
  ])('case-sensitive: %s (%j) -> %s', async (_name, value, reason) => {
    expect(await reasonsFor({ type: 'allowed_values', field: 'value', values }, [value])).toEqual([reason]);
  });

  it('ignores case when case_sensitive is false', async () => {
    expect(
      await reasonsFor({ type: 'allowed_values', field: 'value', values, case_sensitive: false }, [
        'COMPLETED',
        'Pending',
        'done',
      ]),
    ).toEqual([null, null, 'Value not in allowed list']);
  });

  it('compares numbers in the list as text', async () => {
    expect(await reasonsFor({ type: 'allowed_values', field: 'value', values: [1, 2] }, ['1', '3'])).toEqual([
      null,
      'Value not in allowed list',
    ]);
  });
});
