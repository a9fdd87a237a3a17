// Worker-thread entry: reads and normalizes the one source in workerData and posts it back packed, then
// formats that source's share of the master file when asked. Holds no logic of its own; errors travel
// back as messages so the main thread can rethrow them.

import { parentPort, workerData } from 'node:worker_threads';
import { isSluiceError } from '../core/errors.js';
import { formatMasterPart } from './master-file.js';
import type { MasterPart } from './master-file.js';
import { readNormalizedSource, SOURCE_SYSTEM } from './normalized-source.js';
import type { NormalizedSource, SourceRequest } from './normalized-source.js';

/** A message from the worker: the source read, its master lines, or an error. */
export type SourceReply =
  | ({ kind: 'done' } & NormalizedSource)
  | ({ kind: 'master' } & MasterPart)
  | { kind: 'input-error'; message: string; hint?: string }
  | { kind: 'crash'; message: string };

/** The main thread's one request after the source is read: the master plan of this source's records. */
export interface MasterRequest {
  plan: Int32Array;
}

const request = workerData as SourceRequest;

readNormalizedSource(request).then(
  (source) => {
    parentPort?.once('message', ({ plan }: MasterRequest) => {
      try {
        const part = formatMasterPart(source.packed, SOURCE_SYSTEM[request.kind], plan);
        parentPort?.postMessage({ kind: 'master', ...part } satisfies SourceReply, [
          part.bytes.buffer,
          part.gaps.buffer,
        ]);
      } catch (error) {
        parentPort?.postMessage(errorReply(error));
      }
    });
    // The packed text stays here for the master lines, so only the hashes are transferred.
    parentPort?.postMessage(
      { kind: 'done', ...source } satisfies SourceReply,
      Object.values(source.hashes).map((h) => h.buffer),
    );
  },
  (error: unknown) => parentPort?.postMessage(errorReply(error)),
);

function errorReply(error: unknown): SourceReply {
  return isSluiceError(error)
    ? { kind: 'input-error', message: error.message, hint: error.hint }
    : { kind: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
