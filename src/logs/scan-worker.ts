// Worker-thread entry: scans the tasks it is sent and posts back each PartialAggregate.
// Holds no logic of its own; errors travel back as messages so the main thread can rethrow them.

import { parentPort } from 'node:worker_threads';
import { isSluiceError } from '../core/errors.js';
import { scanTask } from './scan-task.js';
import type { ScanSettings, ScanTask } from './scan-task.js';

/** A request from the main thread. */
export interface WorkerRequest {
  id: number;
  task: ScanTask;
  settings: ScanSettings;
}

/** A reply: the part, or an error (user-facing errors keep their message and hint). */
export type WorkerReply =
  | { id: number; kind: 'done'; part: Awaited<ReturnType<typeof scanTask>> }
  | { id: number; kind: 'input-error'; message: string; hint?: string }
  | { id: number; kind: 'crash'; message: string };

parentPort?.on('message', (request: WorkerRequest) => {
  scanTask(request.task, request.settings).then(
    (part) => parentPort?.postMessage({ id: request.id, kind: 'done', part } satisfies WorkerReply),
    (error: unknown) => {
      const reply: WorkerReply = isSluiceError(error)
        ? { id: request.id, kind: 'input-error', message: error.message, hint: error.hint }
        : {
            id: request.id,
            kind: 'crash',
            message: error instanceof Error ? (error.stack ?? error.message) : String(error),
          };
      parentPort?.postMessage(reply);
    },
  );
});
