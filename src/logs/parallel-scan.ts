// Plans the scan (plain logs cut into line-aligned byte ranges, one task per .gz file) and runs it
// on one thread per core: this thread and worker threads beside it, sharing the tasks and stealing
// the rest of each other's ranges at the end (scan-share.ts), or this thread alone for small inputs.
// Does not merge results.

import { closeSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { InputError, JobError } from '../core/errors.js';
import type { PartialAggregate } from './partial.js';
import { RangeBoard } from './range-board.js';
import { inInputOrder, scanShare } from './scan-share.js';
import type { PlacedPart } from './scan-share.js';
import { nextLineStart, scanTask } from './scan-task.js';
import type { ScanSettings, ScanTask } from './scan-task.js';
import { scanThreadsAvailable, stopUnusedScanThreads, takeScanThread } from './scan-threads.js';
import type { WorkerReply, WorkerRequest } from './scan-worker.js';

/** One input file of the day. */
export interface InputFile {
  path: string;
  name: string;
  gzip: boolean;
  size: number;
}

/** How to spread the scan. */
export interface ScanPlanOptions {
  /** Threads that scan, this one included (0 or 1: this thread alone). Default: one per core. */
  workers?: number;
  /** Without an explicit `workers`, inputs smaller than this (bytes, all files together) are scanned in this thread. */
  minParallelBytes?: number;
  /** How slowly a new part starts, in bytes of scanning (see RangeBoard.steal); decides when a thread out of tasks takes part of another's range. */
  coldPartBytes?: number;
}

const DEFAULT_MIN_PARALLEL_BYTES = 16 * 1024 * 1024;
const MIN_SPLIT_BYTES = 64 * 1024;
// A new part's first lines are slow (every IP and request line is new to it): on the benchmark file
// its first 8 MB took 150-250 ms more than 8 MB later on, about what 16-24 MB of warm scanning take.
const DEFAULT_COLD_PART_BYTES = 20 * 1024 * 1024;
// Stolen ranges the shared board has room for (past that, threads finish their ranges as they are).
const STEALS = 64;

/** Offsets that cut a file into `count` ranges of about equal size, each cut at a line start. */
export function alignedCuts(path: string, size: number, count: number): number[] {
  const cuts = [0];
  const fd = openSync(path, 'r');
  try {
    for (let k = 1; k < count; k++) {
      const position = nextLineStart(
        fd,
        Math.max(cuts[cuts.length - 1], Math.floor((size * k) / count)),
        size,
      );
      if (position < size && position > cuts[cuts.length - 1]) cuts.push(position);
    }
  } finally {
    closeSync(fd);
  }
  return cuts;
}

/** Tasks for the inputs, in input order: big plain files split so every thread gets a share. */
export function planTasks(files: readonly InputFile[], parallelism: number): ScanTask[] {
  const tasks: ScanTask[] = [];
  for (const file of files) {
    const parts =
      !file.gzip && parallelism > 1 && file.size >= MIN_SPLIT_BYTES * parallelism ? parallelism : 1;
    const cuts = parts > 1 ? alignedCuts(file.path, file.size, parts) : [0];
    cuts.forEach((start, i) =>
      tasks.push({ path: file.path, name: file.name, gzip: file.gzip, start, end: cuts[i + 1] ?? file.size }),
    );
  }
  return tasks;
}

/** Scan every input; the parts come back in input order. */
export async function scanInputs(
  files: readonly InputFile[],
  settings: ScanSettings,
  options: ScanPlanOptions = {},
): Promise<PartialAggregate[]> {
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  // An explicit worker count is obeyed whatever the size; the default keeps small inputs in this thread.
  const small =
    options.workers === undefined && totalBytes < (options.minParallelBytes ?? DEFAULT_MIN_PARALLEL_BYTES);
  const workers = !scanThreadsAvailable() || small ? 0 : (options.workers ?? availableParallelism());
  const tasks = planTasks(files, Math.max(1, workers));
  const threads = Math.min(workers, tasks.length);
  if (threads < 2) {
    stopUnusedScanThreads();
    const parts: PartialAggregate[] = [];
    for (const task of tasks) parts.push(await scanTask(task, settings));
    return parts;
  }
  const pool = Array.from({ length: threads - 1 }, () => takeScanThread());
  stopUnusedScanThreads();
  const request = {
    tasks,
    settings,
    board: RangeBoard.create(tasks, STEALS).buffer,
    coldPartBytes: options.coldPartBytes ?? DEFAULT_COLD_PART_BYTES,
  } satisfies WorkerRequest;
  const placed = await scanBeside(request, pool);
  return placed.sort(inInputOrder).map((p) => p.part);
}

// This thread scans too, so one worker fewer starts (about 0.1 s before a worker scans) and its parts
// are neither cloned nor sent. Workers get the request before this thread starts scanning.
function scanBeside(request: WorkerRequest, pool: readonly Worker[]): Promise<PlacedPart[]> {
  return new Promise((resolve, reject) => {
    const placed: PlacedPart[] = [];
    let running = pool.length + 1;
    let failed = false;
    const stop = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const worker of pool) void worker.terminate();
      reject(error);
    };
    const finished = () => {
      if (--running === 0 && !failed) resolve(placed);
    };
    for (const worker of pool) {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'input-error') return stop(new InputError(reply.message, reply.hint));
        if (reply.kind === 'crash')
          return stop(
            new JobError(`log scan worker failed: ${reply.message.split('\n')[0]}`, { cause: reply.message }),
          );
        if (reply.kind === 'part') placed.push({ task: reply.task, start: reply.start, part: reply.part });
        else {
          void worker.terminate();
          finished();
        }
      });
      worker.on('error', (error) => stop(error));
      worker.postMessage(request);
    }
    const board = RangeBoard.attach(request.board);
    scanShare(request.tasks, request.settings, board, request.coldPartBytes, (part) =>
      placed.push(part),
    ).then(finished, (error: unknown) => stop(error instanceof Error ? error : new Error(String(error))));
  });
}
