// The worker threads that scan beside the main thread (scan-worker.ts). A thread takes ~0.1-0.2 s here
// to start (its own V8 instance, Node's bootstrap, the scanner's modules), so the CLI starts them as
// soon as it knows a `sluice logs` run is coming, while the main thread is still loading the job's
// modules; the scan then takes those (or starts new ones) and stops any it does not use.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER_SCRIPT = new URL('./scan-worker.js', import.meta.url);
// Threads started ahead and not taken yet; unreferenced, so they never keep the process alive.
const ahead: Worker[] = [];

/**
 * The scanning threads besides the main one that `sluice logs` arguments ask for (after `logs`):
 * `--workers N` gives N - 1 (0 or 1: none); without it, one per core but this one. `logs generate`
 * and help need none.
 */
export function workersWanted(args: readonly string[]): number {
  if (args.includes('generate') || args.includes('--help') || args.includes('-h')) return 0;
  const at = args.findIndex((arg) => arg === '--workers' || arg.startsWith('--workers='));
  if (at < 0) return availableParallelism() - 1;
  const text = args[at].includes('=') ? args[at].slice('--workers='.length) : args[at + 1];
  const count = /^\d+$/.test(text ?? '') ? Number(text) : 0;
  return Math.max(0, Math.min(count, availableParallelism() * 4) - 1);
}

/** True when the worker script is there to start (it is not when the TypeScript sources run directly). */
export function scanThreadsAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_SCRIPT));
}

/** Start `count` scanning threads now, for `takeScanThread` to hand out later. */
export function startScanThreadsAhead(count: number): void {
  if (!scanThreadsAvailable()) return;
  for (let k = 0; k < count; k++) {
    const worker = new Worker(WORKER_SCRIPT);
    worker.unref();
    // A thread that fails before the scan takes it is dropped: the scan starts its own and reports that one's failure.
    worker.on('error', () => {
      const at = ahead.indexOf(worker);
      if (at >= 0) ahead.splice(at, 1);
    });
    ahead.push(worker);
  }
}

/** A scanning thread: one started ahead when there is one, else a new one. */
export function takeScanThread(): Worker {
  const worker = ahead.shift();
  if (worker === undefined) return new Worker(WORKER_SCRIPT);
  worker.ref();
  return worker;
}

/** Stop the threads started ahead that the scan did not take. */
export function stopUnusedScanThreads(): void {
  for (const worker of ahead.splice(0)) void worker.terminate();
}
