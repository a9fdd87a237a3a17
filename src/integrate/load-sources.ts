// Reading both sources, when the inputs are large on reader threads (reader-threads.ts), each source cut
// into runs queued on them, and joining them CRM first; the threads later format their share of the
// master file. Logs what was loaded, always CRM then e-commerce.

import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../core/log.js';
import type { IntegrateConfig } from './config.js';
import { formatMasterPart } from './master-file.js';
import type { MasterPart } from './master-file.js';
import type { FieldProblem } from './normalize-record.js';
import { readNormalizedSource, SOURCE_SYSTEM } from './normalized-source.js';
import type { NormalizedSource, SourceKind, SourceRequest } from './normalized-source.js';
import { concatKeyHashes } from './key-hashes.js';
import { RunNotReadAlone } from './extract.js';
import { splitCsvFile } from './csv-split.js';
import { splitJsonFile } from './json-split.js';
import type { ExactKey, KeyHashes } from './key-hashes.js';
import { PackedCustomerTable } from './packed-customers.js';
import { READER_SCRIPT, ReaderThreads } from './reader-threads.js';
import type { SourceJob } from './reader-threads.js';
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
  /**
   * Let the reader threads write the master lines but their ids ahead of the plan (see
   * prepareMasterLines) while this thread clusters; call after firstsByHash, which they answer first.
   */
  prepareMaster(): void;
  /**
   * firstByHash (first-occurrence.ts) of each key's hashes, computed on the reader threads; none when
   * the sources were read in this thread (match.ts then indexes them itself).
   */
  firstsByHash(keys: readonly ExactKey[]): Promise<Partial<Record<ExactKey, Int32Array>>>;
  /** Let the reader threads go; call once done (also after an error). */
  close(): void;
}

/** Runs each large source is cut into, and reader threads they are queued on: one per core, at least two. */
const READERS = Math.min(Math.max(availableParallelism(), 2), 8);
const MIN_PARALLEL_BYTES = 8 * 1024 * 1024;

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
    (existsSync(fileURLToPath(READER_SCRIPT)) && totalBytes(present) >= MIN_PARALLEL_BYTES);
  const threads = parallel ? new ReaderThreads(READERS) : undefined;
  const jobs = new Map(
    present.map((r) => [
      r,
      partsOf(r, parallel).map((part) => (threads ? threads.read(part) : inThisThread(part))),
    ]),
  );
  const close = () => threads?.close();
  const read: (NormalizedSource & { kind: SourceKind; job: SourceJob })[] = [];
  try {
    for (const request of requests) {
      const parts = jobs.get(request);
      if (!parts) {
        log.error(`Source file not found: ${request.path}; continuing without it`);
        continue;
      }
      let count = 0;
      for (const source of await resultsOf(parts, request, threads)) {
        count += source.count;
        read.push({ ...source, kind: request.kind });
      }
      log.info(`Loaded ${count} records from ${basename(request.path)}`);
    }
  } catch (error) {
    close();
    throw error;
  }
  const countOf = (kind: SourceKind) => read.reduce((n, r) => n + (r.kind === kind ? r.count : 0), 0);
  const keyHashes = concatKeyHashes(read.map((r) => r.hashes));
  return {
    customers: new PackedCustomerTable(
      read.map((r) => ({ packed: r.packed, source: SOURCE_SYSTEM[r.kind] })),
    ),
    keyHashes,
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
    prepareMaster() {
      const records = read.reduce((n, r) => n + r.count, 0);
      for (const r of read) r.job.prepareMaster(records);
    },
    async firstsByHash(keys) {
      if (!threads) return {};
      const firsts = await threads.firstsByHash(keys.map((key) => keyHashes[key]));
      return Object.fromEntries(keys.map((key, i) => [key, firsts[i]]));
    },
    close,
  };
}

/**
 * The parts a source is read in: on worker threads a large export is cut into READERS runs of whole
 * records, queued on the reader threads, so all cores stay busy until the last record; else the whole
 * source. A file that cannot be cut (or read here) is read whole, and its reader reports any error.
 */
function partsOf(request: SourceRequest, parallel: boolean): SourceRequest[] {
  if (!parallel) return [request];
  try {
    if (request.kind === 'crm')
      return splitCsvFile(request.path, READERS)?.map((csvRange) => ({ ...request, csvRange })) ?? [request];
    return splitJsonFile(request.path, READERS)?.map((jsonRange) => ({ ...request, jsonRange })) ?? [request];
  } catch {
    return [request];
  }
}

/**
 * The runs' results in order, each with its job; when a run cannot be read on its own (see
 * RunNotReadAlone), the whole source read on a reader thread instead.
 */
async function resultsOf(
  parts: readonly SourceJob[],
  request: SourceRequest,
  threads: ReaderThreads | undefined,
): Promise<(NormalizedSource & { job: SourceJob })[]> {
  const results: (NormalizedSource & { job: SourceJob })[] = [];
  try {
    for (const job of parts) results.push({ ...(await job.result()), job });
    return results;
  } catch (error) {
    if (!(error instanceof RunNotReadAlone) || !threads) throw error;
    const whole = threads.read(request);
    return [{ ...(await whole.result()), job: whole }];
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
    prepareMaster: () => {},
    formatMaster: async (plan) =>
      formatMasterPart((await result()).packed, SOURCE_SYSTEM[request.kind], plan),
  };
}
