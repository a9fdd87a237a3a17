// A fixed set of reader threads (extract-worker.ts) that the runs of both sources are queued on, one
// thread per core: each thread holds up to two waiting runs and is sent the next when it answers one,
// so the cores stay busy until the last record without more threads than cores sharing them.

import { Worker } from 'node:worker_threads';
import { InputError, JobError } from '../core/errors.js';
import { RunNotReadAlone } from './extract.js';
import type { MasterPart } from './master-file.js';
import type { ReaderRequest, SourceReply } from './extract-worker.js';
import type { NormalizedSource, SourceRequest } from './normalized-source.js';

/** Runs queued on one thread at a time (see dispatch). */
const READS_AHEAD = 2;

/** The reader threads' script (bundled beside this module). */
export const READER_SCRIPT = new URL('./extract-worker.js', import.meta.url);

/** A source run being read (here or on a reader thread): its result, then its share of the master file. */
export interface SourceJob {
  result(): Promise<NormalizedSource>;
  /**
   * Once read, write the run's master lines but their ids ahead of the plan, on its thread while this
   * one clusters (prepareMasterLines), one thread at a time; `maxNumber` is the number of records. Not
   * answered.
   */
  prepareMaster(maxNumber: number): void;
  formatMaster(plan: Int32Array<ArrayBuffer>): Promise<MasterPart>;
}

/** One worker thread and the replies it owes, by job. */
class ReaderThread {
  readonly worker = new Worker(READER_SCRIPT);
  /** Reads sent here and not answered yet (format requests do not count: they come after all reads). */
  reads = 0;
  private readonly owed = new Map<
    number,
    { resolve(reply: SourceReply): void; reject(error: unknown): void }
  >();

  constructor(onDeath: (error: unknown) => void) {
    this.worker.on('message', (reply: SourceReply) => {
      const waiter = this.owed.get(reply.job);
      this.owed.delete(reply.job);
      waiter?.resolve(reply);
    });
    const die = (error: unknown) => {
      for (const waiter of this.owed.values()) waiter.reject(error);
      this.owed.clear();
      onDeath(error);
    };
    this.worker.once('error', die);
    this.worker.once('exit', (code) =>
      die(new JobError(`source reader thread exited (code ${code}) without a result`)),
    );
  }

  /** Send a request that is not answered. */
  tell(request: ReaderRequest): void {
    this.worker.postMessage(request);
  }

  /** Send a request and wait for the thread's answer about its job. */
  ask(request: ReaderRequest, transfer: ArrayBuffer[] = []): Promise<SourceReply> {
    return new Promise<SourceReply>((resolve, reject) => {
      this.owed.set(request.job, { resolve, reject });
      this.worker.postMessage(request, transfer);
    });
  }
}

/** A run waiting for a free thread. */
interface QueuedRun {
  job: number;
  source: SourceRequest;
  start(thread: ReaderThread): void;
  fail(error: unknown): void;
}

/** Reader threads the source runs are queued on; `close` ends them all. */
export class ReaderThreads {
  private readonly threads: ReaderThread[] = [];
  private readonly queue: QueuedRun[] = [];
  /** Held by the thread preparing master lines (see SourceJob.prepareMaster): one at a time. */
  private readonly prepareLock = new Int32Array(new SharedArrayBuffer(4));
  private nextJob = 0;
  private failure: unknown;

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.threads.push(new ReaderThread((error) => this.fail(error)));
  }

  /** Queue one run of a source; it starts on the first free thread. */
  read(source: SourceRequest): SourceJob {
    const job = this.nextJob++;
    const prepareLock = this.prepareLock;
    let thread: ReaderThread | undefined;
    const reading = new Promise<SourceReply>((resolve, reject) => {
      this.queue.push({
        job,
        source,
        start: (on) => {
          thread = on;
          on.reads++;
          on.ask({ kind: 'read', job, source }).then((reply) => {
            on.reads--;
            resolve(reply);
            this.dispatch();
          }, reject);
        },
        fail: reject,
      });
    });
    reading.catch(() => {}); // rethrown by result(); a run never waited for must not crash the process
    this.dispatch();
    return {
      async result() {
        const answer = unwrap(await reading);
        if (answer.kind !== 'done') throw new JobError(`source reader thread answered ${answer.kind} first`);
        return answer;
      },
      prepareMaster(maxNumber) {
        thread?.tell({ kind: 'prepare-master', job, maxNumber, lock: prepareLock });
      },
      // Posted at once (not after an await), so the thread formats while the caller goes on.
      formatMaster(plan) {
        if (!thread) return Promise.reject(new JobError('source run formatted before it was read'));
        return thread.ask({ kind: 'master', job, plan }, [plan.buffer]).then((reply) => {
          const answer = unwrap(reply);
          if (answer.kind !== 'master') throw new JobError(`source reader thread answered ${answer.kind}`);
          return answer;
        });
      },
    };
  }

  /**
   * firstByHash (first-occurrence.ts) of each column, the columns shared out over the threads; call
   * once every run is read. The columns are copied.
   */
  firstsByHash(columns: readonly Int32Array[]): Promise<Int32Array[]> {
    return Promise.all(
      columns.map((column, i) => {
        const hashes = column.slice();
        const request: ReaderRequest = { kind: 'first-by-hash', job: this.nextJob++, hashes };
        return this.threads[i % this.threads.length].ask(request, [hashes.buffer]).then((reply) => {
          const answer = unwrap(reply);
          if (answer.kind !== 'first-by-hash')
            throw new JobError(`source reader thread answered ${answer.kind}`);
          return answer.first;
        });
      }),
    );
  }

  /** End every thread, and fail the runs still waiting. */
  close(): void {
    this.fail(new JobError('source reader threads were closed'));
    for (const thread of this.threads) void thread.worker.terminate();
  }

  // Each thread gets up to READS_AHEAD runs at a time, the first one first: it starts its next run as
  // soon as it has posted one, instead of waiting while the main thread takes the run and answers.
  private dispatch(): void {
    if (this.failure !== undefined) return;
    for (let ahead = 1; ahead <= READS_AHEAD; ahead++) {
      for (const thread of this.threads) {
        if (thread.reads >= ahead) continue;
        const run = this.queue.shift();
        if (!run) return;
        run.start(thread);
      }
    }
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const run of this.queue.splice(0)) run.fail(this.failure);
  }
}

/** A reader thread's answer, with its errors rethrown here. */
function unwrap(
  answer: SourceReply,
): Exclude<SourceReply, { kind: 'input-error' | 'crash' | 'not-read-alone' }> {
  if (answer.kind === 'input-error') throw new InputError(answer.message, answer.hint);
  if (answer.kind === 'not-read-alone') throw new RunNotReadAlone(answer.path);
  if (answer.kind === 'crash')
    throw new JobError(`source reader thread failed: ${answer.message.split('\n')[0]}`, {
      cause: answer.message,
    });
  return answer;
}
