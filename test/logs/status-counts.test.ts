import { describe, expect, it } from 'vitest';
import { StatusCounts } from '../../src/logs/status-counts.js';

describe('StatusCounts', () => {
  it('gives the counts a plain object keyed by status would hold, per key', () => {
    const counts = new StatusCounts(3);
    const objects: Record<string, number>[] = [{}, {}, {}];
    const statuses = [200, 404, 200, 599, 100, 301, 200, 500, 404];
    statuses.forEach((status, i) => {
      const key = i % 3;
      expect(counts.add(key, status)).toBe(true);
      objects[key][status] = (objects[key][status] ?? 0) + 1;
    });
    for (let key = 0; key < 3; key++) {
      const into: Record<string, number> = {};
      counts.addInto(key, into);
      expect(into).toEqual(objects[key]);
      expect(Object.keys(into)).toEqual(Object.keys(objects[key]));
    }
  });

  it('adds to what the object already holds', () => {
    const counts = new StatusCounts(1);
    counts.add(0, 200);
    const into: Record<string, number> = { 200: 2, 404: 1 };
    counts.addInto(0, into);
    expect(into).toEqual({ 200: 3, 404: 1 });
  });

  it('refuses keys past its limit and statuses outside 100-599, counting nothing', () => {
    const counts = new StatusCounts(2);
    expect(counts.add(2, 200)).toBe(false);
    expect(counts.add(0, 99)).toBe(false);
    expect(counts.add(0, 600)).toBe(false);
    const into: Record<string, number> = {};
    counts.addInto(0, into);
    counts.addInto(1, into);
    counts.addInto(2, into);
    expect(into).toEqual({});
  });

  it('grows for keys far past the first', () => {
    const counts = new StatusCounts(1000);
    expect(counts.add(999, 418)).toBe(true);
    const into: Record<string, number> = {};
    counts.addInto(999, into);
    expect(into).toEqual({ 418: 1 });
  });
});
