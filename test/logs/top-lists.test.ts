import { describe, expect, it } from 'vitest';
import { firstInOrder } from '../../src/logs/top-lists.js';

describe('firstInOrder', () => {
  const byCountThenName = (a: [number, string], b: [number, string]) =>
    b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

  it('gives what a full sort and slice give, ties included', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 200; round++) {
      const items: [number, string][] = Array.from({ length: Math.floor(random() * 60) }, (_, i) => [
        Math.floor(random() * 8),
        `ip${Math.floor(random() * 1000)}-${i}`,
      ]);
      for (const n of [1, 3, 10, 100])
        expect(firstInOrder(items, n, byCountThenName)).toEqual([...items].sort(byCountThenName).slice(0, n));
    }
  });

  it('keeps input order among items that compare equal, as a stable sort does', () => {
    const items = [
      { k: 1, id: 'a' },
      { k: 2, id: 'b' },
      { k: 1, id: 'c' },
      { k: 2, id: 'd' },
      { k: 1, id: 'e' },
    ];
    const byK = (a: { k: number }, b: { k: number }) => b.k - a.k;
    expect(firstInOrder(items, 3, byK).map((i) => i.id)).toEqual(['b', 'd', 'a']);
    expect(firstInOrder(items, 0, byK)).toEqual([]);
    expect(firstInOrder([], 5, byK)).toEqual([]);
  });
});
