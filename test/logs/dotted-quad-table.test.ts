import { describe, expect, it } from 'vitest';
import { DottedQuadTable } from '../../src/logs/dotted-quad-table.js';
import { SeededRandom } from '../../src/logs/random.js';

describe('DottedQuadTable', () => {
  it('numbers values as a Map would, across growth and when another table goes on with its ints', () => {
    const random = new SeededRandom(7);
    const expected = new Map<number, number>();
    const table = new DottedQuadTable();
    // Values over the whole unsigned range, 0 and 2^32 - 1 included.
    const values = [0, 0xffffffff, 0x80000000, ...Array.from({ length: 5000 }, () => random.int(0, 0xffffffff))];
    for (const value of values) {
      if (expected.has(value)) continue;
      expect(table.find(value)).toBe(-1);
      table.add(value, expected.size);
      expected.set(value, expected.size);
    }
    const next = new DottedQuadTable(table.ints, expected.size);
    for (const [value, number] of expected) expect(next.find(value)).toBe(number);
    next.grow(100_000);
    next.add(123_456, expected.size);
    expect(next.find(123_456)).toBe(expected.size);
    for (const [value, number] of expected) expect(next.find(value)).toBe(number);
    const byNumber = next.values(expected.size + 2);
    expect(byNumber[expected.size + 1]).toBe(-1);
    for (const [value, number] of expected) expect(byNumber[number]).toBe(value);
  });
});
