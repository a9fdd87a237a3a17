// Worker-thread entry: reads and normalizes the one source in workerData and posts it back packed.
// Holds no logic of its own; errors travel back as messages so the main thread can rethrow them.

import { parentPort, workerData } from 'node:worker_threads';
import { isSluiceError } from '../core/errors.js';
import { readNormalizedSource } from './normalized-source.js';
import type { NormalizedSource, SourceRequest } from './normalized-source.js';

/** The worker's one message: the source read, or an error. */
export type SourceReply =
  | ({ kind: 'done' } & NormalizedSource)
  | { kind: 'input-error'; message: string; hint?: string }
  | { kind: 'crash'; message: string };

readNormalizedSource(workerData as SourceRequest).then(
  (source) => {
    parentPort?.postMessage({ kind: 'done', ...source } satisfies SourceReply, [
      source.packed.offsets.buffer,
      ...Object.values(source.hashes).map((h) => h.buffer),
    ]);
  },
  (error: unknown) => {
    const reply: SourceReply = isSluiceError(error)
      ? { kind: 'input-error', message: error.message, hint: error.hint }
      : { kind: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    parentPort?.postMessage(reply);
  },
);
