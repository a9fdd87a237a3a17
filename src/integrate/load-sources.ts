// Reading both sources, when the inputs are large on worker threads, each source cut into runs read on a
// thread of their own, and joining them CRM first; the threads later format their share of the master
// file. Logs what was loaded, always CRM then e-commerce.

import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, JobError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { IntegrateConfig } from './config.js';
import type { MasterRequest, SourceReply } from './extract-worker.js';
import { formatMasterPart } from './master-file.js';
import type { MasterPart } from './master-file.js';
import type { FieldProblem } from './normalize-record.js';
import { readNormalizedSource, SOURCE_SYSTEM } from './normalized-source.js';
import type { NormalizedSource, SourceKind, SourceRequest } from './normalized-source.js';
import { concatKeyHashes } from './key-hashes.js';
import { splitCsvFile } from './csv-split.js';
import { splitJsonFile } from './json-split.js';
import type { KeyHashes } from './key-hashes.js';
import { PackedCustomerTable } from './packed-customers.js';
import type { CustomerRows, RejectedRecord } from './types.js';

/** Where the sources are and how to read them. */
export interface LoadOptions {
  crmPath: string;
  ecommercePath: string;
  config: IntegrateConfig;
  /** Run on whichever source exists instead of failing when one is missing. */
  allowMissingSource: boolean;
  /** Read on worker threads (true) or in this thread (false); by default workers for inputs of 8 MB or more. */
  workers?: boolean;
}

/** Both sources together: customers numbered CRM first, their unusable values and rejects in that order. */
export interface LoadedSources {
  customers: CustomerRows;
  /** The customers' key hashes, in the same order. */
  keyHashes: KeyHashes;
  problems: FieldProblem[];
  rejects: RejectedRecord[];
  loaded: { crm: number; ecommerce: number };
  /**
   * Each source's share of the master file, formatted where it was read (see master-file.ts), from the
   * plan of all customers; may be called once.
   */
  formatMaster(plan: Int32Array): Promise<MasterPart[]>;
  /** Let the reader threads go; call once done (also after an error). */
  close(): void;
}

const WORKER_SCRIPT = new URL('./extract-worker.js', import.meta.url);
const MIN_PARALLEL_BYTES = 8 * 1024 * 1024;
/** Runs each large source is cut into, each read on its own thread. */
const SOURCE_PARTS = 2;

/** A source being read: its result, its share of the master file, and a way to abandon it. */
interface SourceJob {
  result(): Promise<NormalizedSource>;
  formatMaster(plan: Int32Array<ArrayBuffer>): Promise<MasterPart>;
  stop(): void;
}

/**
 * Read and normalize both sources. A missing source is an InputError, or with `allowMissingSource` an
 * ERROR line and no records. When both fail, the CRM's error is the one thrown.
 */
export async function loadSources(options: LoadOptions, log: Logger): Promise<LoadedSources> {
  const requests: SourceRequest[] = [
    { kind: 'crm', path: options.crmPath, config: options.config },
    { kind: 'ecommerce', path: options.ecommercePath, config: options.config },
  ];
  const present = requests.filter((r) => !options.allowMissingSource || existsSync(r.path));
  const parallel =
    options.workers ??
    (existsSync(fileURLToPath(WORKER_SCRIPT)) && totalBytes(present) >= MIN_PARALLEL_BYTES);
  const jobs = new Map(
    present.map((r) => [
      r,
      partsOf(r, parallel).map((part) => (parallel ? onWorker(part) : inThisThread(part))),
    ]),
  );
  const close = () => {
    for (const job of [...jobs.values()].flat()) job.stop();
  };
  const read: (NormalizedSource & { kind: SourceKind; job: SourceJob })[] = [];
  try {
    for (const request of requests) {
      const parts = jobs.get(request);
      if (!parts) {
        log.error(`Source file not found: ${request.path}; continuing without it`);
        continue;
      }
      let count = 0;
      for (const job of parts) {
        const source = await job.result();
        count += source.count;
        read.push({ ...source, kind: request.kind, job });
      }
      log.info(`Loaded ${count} records from ${basename(request.path)}`);
    }
  } catch (error) {
    close();
    throw error;
  }
  const countOf = (kind: SourceKind) => read.reduce((n, r) => n + (r.kind === kind ? r.count : 0), 0);
  return {
    customers: new PackedCustomerTable(
      read.map((r) => ({ packed: r.packed, source: SOURCE_SYSTEM[r.kind] })),
    ),
    keyHashes: concatKeyHashes(read.map((r) => r.hashes)),
    problems: read.flatMap((r) => r.problems),
    rejects: read.flatMap((r) => r.rejects),
    loaded: { crm: countOf('crm'), ecommerce: countOf('ecommerce') },
    formatMaster(plan) {
      let first = 0;
      return Promise.all(
        read.map((r) => {
          first += r.count;
          return r.job.formatMaster(plan.slice(first - r.count, first));
        }),
      );
    },
    close,
  };
}

/**
 * The parts a source is read in: on worker threads a large export is cut into SOURCE_PARTS runs of
 * whole records, each read on its own thread, so all cores stay busy until the last record; else the
 * whole source. A file that cannot be cut (or read here) is read whole, and its reader reports any error.
 */
function partsOf(request: SourceRequest, parallel: boolean): SourceRequest[] {
  if (!parallel) return [request];
  try {
    if (request.kind === 'crm')
      return (
        splitCsvFile(request.path, SOURCE_PARTS)?.map((csvRange) => ({ ...request, csvRange })) ?? [request]
      );
    return (
      splitJsonFile(request.path, SOURCE_PARTS)?.map((jsonRange) => ({ ...request, jsonRange })) ?? [request]
    );
  } catch {
    return [request];
  }
}

function totalBytes(requests: readonly SourceRequest[]): number {
  return requests.reduce((sum, r) => sum + (existsSync(r.path) ? statSync(r.path).size : 0), 0);
}

function inThisThread(request: SourceRequest): SourceJob {
  let reading: Promise<NormalizedSource> | undefined;
  const result = () => (reading ??= readNormalizedSource(request));
  return {
    result,
    formatMaster: async (plan) =>
      formatMasterPart((await result()).packed, SOURCE_SYSTEM[request.kind], plan),
    stop: () => {},
  };
}

function onWorker(request: SourceRequest): SourceJob {
  const worker = new Worker(WORKER_SCRIPT, { workerData: request });
  const ended = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new JobError(`source reader thread exited (code ${code}) without a result`)),
    );
  });
  ended.catch(() => {}); // rethrown through the replies awaited
  const nextReply = () =>
    Promise.race([new Promise<SourceReply>((resolve) => worker.once('message', resolve)), ended]);
  const reading = nextReply();
  reading.catch(() => {}); // rethrown by result(); a source never waited for must not crash the process
  return {
    async result() {
      const answer = unwrap(await reading);
      if (answer.kind !== 'done') throw new JobError(`source reader thread answered ${answer.kind} first`);
      return answer;
    },
    async formatMaster(plan) {
      const reply = nextReply();
      worker.postMessage({ plan } satisfies MasterRequest, [plan.buffer]);
      const answer = unwrap(await reply);
      if (answer.kind !== 'master') throw new JobError(`source reader thread answered ${answer.kind}`);
      return answer;
    },
    stop: () => void worker.terminate(),
  };
}

/** A reader thread's answer, with its errors rethrown here. */
function unwrap(answer: SourceReply): Exclude<SourceReply, { kind: 'input-error' | 'crash' }> {
  if (answer.kind === 'input-error') throw new InputError(answer.message, answer.hint);
  if (answer.kind === 'crash')
    throw new JobError(`source reader thread failed: ${answer.message.split('\n')[0]}`, {
      cause: answer.message,
    });
  return answer;
}
