// One scanning thread's share of the scan, the same in the main thread and in a worker: take tasks
// from the shared board until none is left, then take the back half of the range with the most
// bytes left (range-board.ts), until nothing worth taking is left. Each finished part goes to the
// caller with its place in the input, so the parts can be put back in input order.

import { closeSync, openSync } from 'node:fs';
import type { PartialAggregate } from './partial.js';
import type { RangeBoard } from './range-board.js';
import { nextLineStart, scanTask } from './scan-task.js';
import type { ScanSettings, ScanTask } from './scan-task.js';

/** A finished part and where it belongs: task `task`'s file, from byte `start`. */
export interface PlacedPart {
  task: number;
  start: number;
  part: PartialAggregate;
}

/** Order of placed parts: input order (by task, then by byte within the task's file). */
export function inInputOrder(a: PlacedPart, b: PlacedPart): number {
  return a.task - b.task || a.start - b.start;
}

/**
 * Scan tasks taken from `board` until none is left, then ranges taken from other threads while that
 * is worth it (`coldPartBytes`: see RangeBoard.steal); hands each finished part to `onPart`.
 */
export async function scanShare(
  tasks: readonly ScanTask[],
  settings: ScanSettings,
  board: RangeBoard,
  coldPartBytes: number,
  onPart: (placed: PlacedPart) => void,
): Promise<void> {
  for (let id = board.takeTask(); id < tasks.length; id = board.takeTask()) {
    const task = tasks[id];
    const part = await scanTask(task, settings, task.gzip ? undefined : (size) => board.claim(id, size));
    onPart({ task: id, start: task.start, part });
  }
  const cutAt = (id: number, position: number, end: number): number => {
    const fd = openSync(tasks[id].path, 'r');
    try {
      return nextLineStart(fd, position, end);
    } finally {
      closeSync(fd);
    }
  };
  for (let stolen = board.steal(coldPartBytes, cutAt); stolen; stolen = board.steal(coldPartBytes, cutAt)) {
    const { slot } = stolen;
    const task = { ...tasks[stolen.task], start: stolen.start, end: stolen.end };
    const part = await scanTask(task, settings, (size) => board.claim(slot, size));
    onPart({ task: stolen.task, start: stolen.start, part });
  }
}
