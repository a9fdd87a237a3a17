import { describe, expect, it } from 'vitest';
import { RangeBoard } from '../../src/logs/range-board.js';

// A text of numbered lines of varied length, and the first line start at or after a position in it.
const text = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat((i * 7) % 31)}\n`).join('');
const cutAt = (_task: number, position: number, end: number): number => {
  if (position === 0) return 0;
  const newline = text.indexOf('\n', position - 1);
  return newline < 0 ? end : Math.min(newline + 1, end);
};

function drain(board: RangeBoard, slot: number, size: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let span = board.claim(slot, size); span; span = board.claim(slot, size))
    spans.push([span.start, span.end]);
  return spans;
}

describe('RangeBoard', () => {
  it('hands out each task once, then indexes past the end', () => {
    const board = RangeBoard.create(
      [
        { start: 0, end: 10, gzip: false },
        { start: 0, end: 0, gzip: true },
      ],
      4,
    );
    expect([board.takeTask(), board.takeTask(), board.takeTask()]).toEqual([0, 1, 2]);
  });

  it('hands out a range block by block, in order, exactly once', () => {
    const board = RangeBoard.create([{ start: 5, end: 27, gzip: false }], 0);
    expect(drain(board, 0, 10)).toEqual([
      [5, 15],
      [15, 25],
      [25, 27],
    ]);
    expect(board.claim(0, 10)).toBeUndefined();
  });

  it('gives a .gz task nothing to claim or steal', () => {
    const board = RangeBoard.create([{ start: 0, end: 1000, gzip: true }], 4);
    expect(board.claim(0, 10)).toBeUndefined();
    expect(board.steal(1, cutAt)).toBeUndefined();
  });

  it('cuts the back of a range at a line start, leaving the owner half the rest plus half the cold cost', () => {
    const board = RangeBoard.create([{ start: 0, end: text.length, gzip: false }], 4);
    const first = board.claim(0, 1000);
    const stolen = board.steal(200, cutAt);
    expect(stolen).toBeDefined();
    if (!stolen) return;
    expect(text[stolen.start - 1]).toBe('\n');
    expect(stolen.end).toBe(text.length);
    const left = text.length - (first?.end ?? 0);
    expect(stolen.start).toBe(cutAt(0, 1000 + Math.floor((left + 200) / 2), text.length));
    // The owner reads up to the cut and no further; the thief's slot holds the rest.
    const owner = drain(board, 0, 1000);
    expect(owner[owner.length - 1][1]).toBe(stolen.start);
    expect(drain(board, stolen.slot, 1000)[0][0]).toBe(stolen.start);
  });

  it('steals nothing when no range has more than twice the cold cost left', () => {
    const board = RangeBoard.create([{ start: 0, end: 1000, gzip: false }], 4);
    expect(board.steal(500, cutAt)).toBeUndefined();
    expect(board.steal(499, cutAt)).toBeDefined();
  });

  it('covers every byte exactly once however owners and thieves interleave', () => {
    for (const [block, cold] of [
      [64, 50],
      [500, 300],
      [7, 20],
    ]) {
      const board = RangeBoard.create(
        [
          { start: 0, end: 4000, gzip: false },
          { start: 4000, end: text.length, gzip: false },
        ],
        64,
      );
      const owned = [0, 1];
      const read: [number, number][] = [];
      // Round robin: each slot's owner reads a block; every third round a thief takes a range.
      for (let round = 0; owned.length > 0; round++) {
        for (const slot of [...owned]) {
          const span = board.claim(slot, block);
          if (span) read.push([span.start, span.end]);
          else owned.splice(owned.indexOf(slot), 1);
        }
        if (round % 3 === 0) {
          const stolen = board.steal(cold, cutAt);
          if (stolen) {
            expect(text[stolen.start - 1]).toBe('\n');
            owned.push(stolen.slot);
          }
        }
      }
      read.sort((a, b) => a[0] - b[0]);
      expect(read[0][0]).toBe(0);
      for (let k = 1; k < read.length; k++) expect(read[k][0]).toBe(read[k - 1][1]);
      expect(read[read.length - 1][1]).toBe(text.length);
    }
  });

  it('looks again when the owner read past the cut while it was being found', () => {
    const board = RangeBoard.create([{ start: 0, end: text.length, gzip: false }], 4);
    const owner: [number, number][] = [];
    let cuts = 0;
    const racingCut = (task: number, position: number, end: number): number => {
      const cut = cutAt(task, position, end);
      // The first time, the owner reads past the cut before the thief takes the lock.
      if (cuts++ === 0)
        for (let span = board.claim(0, 100); span; span = span.end < cut ? board.claim(0, 100) : undefined)
          owner.push([span.start, span.end]);
      return cut;
    };
    const stolen = board.steal(100, racingCut);
    expect(cuts).toBe(2);
    expect(stolen).toBeDefined();
    owner.push(...drain(board, 0, 100));
    expect(owner.at(-1)?.[1]).toBe(stolen?.start);
    expect(stolen?.start).toBeGreaterThan(owner[0][1]);
  });

  it('stops stealing when it has no room for another range', () => {
    const board = RangeBoard.create([{ start: 0, end: text.length, gzip: false }], 1);
    expect(board.steal(10, cutAt)).toBeDefined();
    expect(board.steal(10, cutAt)).toBeUndefined();
  });

  it('shares its state with a board attached to the same memory', () => {
    const board = RangeBoard.create([{ start: 0, end: 100, gzip: false }], 1);
    const other = RangeBoard.attach(board.buffer);
    expect(board.takeTask()).toBe(0);
    expect(other.takeTask()).toBe(1);
    expect(board.claim(0, 60)).toEqual({ start: 0, end: 60 });
    expect(other.claim(0, 60)).toEqual({ start: 60, end: 100 });
  });
});
