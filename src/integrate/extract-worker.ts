// Worker-thread entry: a reader thread takes source runs one at a time, reads and normalizes each and
// posts it back packed, then indexes key hashes and formats a run's share of the master file when
// asked. Holds no logic of its own; errors travel back as messages so the main thread can rethrow them.

import { parentPort } from 'node:worker_threads';
import { isSluiceError } from '../core/errors.js';
import { RunNotReadAlone } from './extract.js';
import { firstByHash } from './first-occurrence.js';
import { formatMasterPart, prepareMasterLines } from './master-file.js';
import type { PreparedLines } from './master-bytes.js';
import type { MasterPart } from './master-file.js';
import { readNormalizedSource, SOURCE_SYSTEM } from './normalized-source.js';
import type { NormalizedSource, SourceRequest } from './normalized-source.js';
import type { PackedCustomers } from './packed-customers.js';
import type { SourceSystem } from './types.js';

/**
 * A request to a reader thread about job `job`: read a run of a source; once read, write its records'
 * master lines ahead of the plan (not answered), then format them from their part of the master plan;
 * or index a key column by hash (first-occurrence.ts).
 */
export type ReaderRequest =
  | { kind: 'read'; job: number; source: SourceRequest }
  | { kind: 'prepare-master'; job: number; maxNumber: number; lock: Int32Array }
  | { kind: 'master'; job: number; plan: Int32Array }
  | { kind: 'first-by-hash'; job: number; hashes: Int32Array };

/** A reader thread's answer about job `job`: the run read, its master lines, a hash index, or an error. */
export type SourceReply = { job: number } & (
  | ({ kind: 'done' } & NormalizedSource)
  | ({ kind: 'master' } & MasterPart)
  | { kind: 'first-by-hash'; first: Int32Array<ArrayBuffer> }
  | { kind: 'input-error'; message: string; hint?: string }
  | { kind: 'not-read-alone'; path: string }
  | { kind: 'crash'; message: string }
);

/** The runs this thread has read: their packed text stays here for the master lines, and the lines written ahead. */
const read = new Map<
  number,
  { packed: PackedCustomers; system: SourceSystem; prepared?: PreparedLines | null }
>();
/** Requests are answered one at a time, in the order they came. */
let previous = Promise.resolve();

parentPort?.on('message', (request: ReaderRequest) => {
  previous = previous.then(() => answer(request));
});

async function answer(request: ReaderRequest): Promise<void> {
  const { job } = request;
  try {
    if (request.kind === 'read') {
      const source = await readNormalizedSource(request.source);
      read.set(job, { packed: source.packed, system: SOURCE_SYSTEM[request.source.kind] });
      // Only the hashes are transferred; the packed text is copied, and this thread's copy kept.
      post(
        { kind: 'done', job, ...source },
        Object.values(source.hashes).map((h) => h.buffer),
      );
      return;
    }
    if (request.kind === 'first-by-hash') {
      const first = firstByHash(request.hashes);
      post({ kind: 'first-by-hash', job, first }, [first.buffer]);
      return;
    }
    const run = read.get(job);
    if (!run) throw new Error(`no run ${job} was read on this thread`);
    if (request.kind === 'prepare-master') {
      // Not answered; an error goes to the run's master request, if posted (else that prepares again).
      // One thread prepares at a time, so the main thread keeps a core to cluster on.
      take(request.lock);
      try {
        run.prepared = prepareMasterLines(run.packed, run.system, request.maxNumber);
      } finally {
        release(request.lock);
      }
      return;
    }
    read.delete(job);
    const part = formatMasterPart(run.packed, run.system, request.plan, run.prepared);
    post({ kind: 'master', job, ...part }, [part.bytes.buffer, part.gaps.buffer]);
  } catch (error) {
    if (error instanceof RunNotReadAlone && request.kind === 'read') {
      post({ kind: 'not-read-alone', job, path: request.source.path });
      return;
    }
    post(
      isSluiceError(error)
        ? { kind: 'input-error', job, message: error.message, hint: error.hint }
        : {
            kind: 'crash',
            job,
            message: error instanceof Error ? (error.stack ?? error.message) : String(error),
          },
    );
  }
}

/** Take the lock the reader threads share (cell 0: 1 while held), waiting while another thread holds it. */
function take(lock: Int32Array): void {
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) Atomics.wait(lock, 0, 1, 100);
}

function release(lock: Int32Array): void {
  Atomics.store(lock, 0, 0);
  Atomics.notify(lock, 0, 1);
}

function post(reply: SourceReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(reply, transfer);
}
