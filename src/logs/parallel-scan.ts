// Plans the scan (plain logs cut into line-aligned byte ranges, one task per .gz file) and runs it
// on one thread per core: this thread and worker threads beside it, or this thread alone for small
// inputs. Does not merge results.

import { openSync, readSync, closeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { InputError, JobError } from '../core/errors.js';
import type { PartialAggregate } from './partial.js';
import { scanTask } from './scan-task.js';
import { scanThreadsAvailable, stopUnusedScanThreads, takeScanThread } from './scan-threads.js';
import type { ScanSettings, ScanTask } from './scan-task.js';
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
}

const DEFAULT_MIN_PARALLEL_BYTES = 16 * 1024 * 1024;
const MIN_SPLIT_BYTES = 64 * 1024;
// A worker, started ahead by the CLI (scan-threads.ts), starts scanning 20-45 ms after this thread,
// and its part is then cloned across; this thread, which takes the last task, gets that much more of
// the file. On 2M lines (5 alternated runs each) this thread finished a median 30 ms after the worker
// with 1.00, 39 ms after with 1.03 and 58 ms before with 1.06.
const LAST_SHARE_WEIGHT = 1.03;

/**
 * Offsets that cut a file into ranges sized in proportion to `weights` (one range per weight), each
 * cut moved forward to just after a newline.
 */
export function alignedCuts(path: string, size: number, weights: readonly number[]): number[] {
  const cuts = [0];
  const total = weights.reduce((sum, w) => sum + w, 0);
  const fd = openSync(path, 'r');
  try {
    const probe = Buffer.allocUnsafe(64 * 1024);
    let before = 0;
    for (let k = 1; k < weights.length; k++) {
      before += weights[k - 1];
      let position = Math.max(cuts[cuts.length - 1], Math.floor((size * before) / total));
      for (;;) {
        const read = readSync(fd, probe, 0, probe.length, position);
        if (read === 0) {
          position = size;
          break;
        }
        const newline = probe.subarray(0, read).indexOf(10);
        if (newline >= 0) {
          position += newline + 1;
          break;
        }
        position += read;
      }
      if (position < size && position > cuts[cuts.length - 1]) cuts.push(position);
    }
  } finally {
    closeSync(fd);
  }
  return cuts;
}

/**
 * Tasks for the inputs, in input order: big plain files split so every thread gets a share, the last
 * share (the one this thread takes when there is one file) LAST_SHARE_WEIGHT times the others.
 */
export function planTasks(files: readonly InputFile[], parallelism: number): ScanTask[] {
  const tasks: ScanTask[] = [];
  for (const file of files) {
    const parts =
      !file.gzip && parallelism > 1 && file.size >= MIN_SPLIT_BYTES * parallelism ? parallelism : 1;
    const weights = Array.from({ length: parts }, (_, i) => (i === parts - 1 ? LAST_SHARE_WEIGHT : 1));
    const cuts = parts > 1 ? alignedCuts(file.path, file.size, weights) : [0];
    cuts.forEach((start, i) =>
      tasks.push({ path: file.path, name: file.name, gzip: file.gzip, start, end: cuts[i + 1] ?? file.size }),
    );
  }
  return tasks;
}

/** Scan every input; results come back in task order. */
export async function scanInputs(
  files: readonly InputFile[],
  settings: ScanSettings,
  options: ScanPlanOptions = {},
): Promise<{ tasks: ScanTask[]; parts: PartialAggregate[] }> {
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  // An explicit worker count is obeyed whatever the size; the default keeps small inputs in this thread.
  const small =
    options.workers === undefined && totalBytes < (options.minParallelBytes ?? DEFAULT_MIN_PARALLEL_BYTES);
  const workers = !scanThreadsAvailable() || small ? 0 : (options.workers ?? availableParallelism());
  const tasks = planTasks(files, Math.max(1, workers));
  const count = Math.min(workers, tasks.length) - 1;
  if (count < 1) {
    stopUnusedScanThreads();
    const parts: PartialAggregate[] = [];
    for (const task of tasks) parts.push(await scanTask(task, settings));
    return { tasks, parts };
  }
  const pool = Array.from({ length: count }, () => takeScanThread());
  stopUnusedScanThreads();
  return { tasks, parts: await runBeside(tasks, settings, pool) };
}

// This thread takes tasks too, so one worker fewer starts (about 0.1 s before a worker scans) and its
// part is neither cloned nor sent. Workers get their first task before this thread starts scanning.
function runBeside(
  tasks: readonly ScanTask[],
  settings: ScanSettings,
  pool: readonly Worker[],
): Promise<PartialAggregate[]> {
  return new Promise((resolve, reject) => {
    const results: PartialAggregate[] = new Array(tasks.length);
    let next = 0;
    let finished = 0;
    let failed = false;
    const stop = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const worker of pool) void worker.terminate();
      reject(error);
    };
    const dispatch = (worker: Worker) => {
      if (next >= tasks.length) {
        void worker.terminate();
        return;
      }
      const id = next++;
      worker.postMessage({ id, task: tasks[id], settings } satisfies WorkerRequest);
    };
    for (const worker of pool) {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'input-error') return stop(new InputError(reply.message, reply.hint));
        if (reply.kind === 'crash')
          return stop(
            new JobError(`log scan worker failed: ${reply.message.split('\n')[0]}`, { cause: reply.message }),
          );
        results[reply.id] = reply.part;
        if (++finished === tasks.length) resolve(results);
        dispatch(worker);
      });
      worker.on('error', (error) => stop(error));
      dispatch(worker);
    }
    const scanHere = async () => {
      while (next < tasks.length && !failed) {
        const id = next++;
        results[id] = await scanTask(tasks[id], settings);
        if (++finished === tasks.length) resolve(results);
      }
    };
    scanHere().catch((error: unknown) => stop(error instanceof Error ? error : new Error(String(error))));
  });
}
