// Worker-thread entry: scans its share of the tasks it is sent (scan-share.ts, through the shared
// board) and posts back each part, then `done`. Holds no logic of its own; errors travel back as
// messages so the main thread can rethrow them.

import { parentPort } from 'node:worker_threads';
import { isSluiceError } from '../core/errors.js';
import { RangeBoard } from './range-board.js';
import type { PartialAggregate } from './partial.js';
import type { ScanSettings, ScanTask } from './scan-task.js';
import { scanShare } from './scan-share.js';

/** A request from the main thread: scan a share of `tasks` through the board in `board`. */
export interface WorkerRequest {
  tasks: ScanTask[];
  settings: ScanSettings;
  board: SharedArrayBuffer;
  coldPartBytes: number;
}

/** A reply: a finished part, the end of the share, or an error (user-facing errors keep their message and hint). */
export type WorkerReply =
  | { kind: 'part'; task: number; start: number; part: PartialAggregate }
  | { kind: 'done' }
  | { kind: 'input-error'; message: string; hint?: string }
  | { kind: 'crash'; message: string };

parentPort?.on('message', (request: WorkerRequest) => {
  const board = RangeBoard.attach(request.board);
  scanShare(request.tasks, request.settings, board, request.coldPartBytes, (placed) =>
    parentPort?.postMessage({ kind: 'part', ...placed } satisfies WorkerReply),
  ).then(
    () => parentPort?.postMessage({ kind: 'done' } satisfies WorkerReply),
    (error: unknown) => {
      const reply: WorkerReply = isSluiceError(error)
        ? { kind: 'input-error', message: error.message, hint: error.hint }
        : { kind: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      parentPort?.postMessage(reply);
    },
  );
});
