// Reader-contention harness: times the job's reader code (readNormalizedSource on the bench's CRM and
// JSON runs, cut as the job cuts them) one reader thread alone, two reader threads in one process at
// once, and two processes at once (one reader thread each), in alternated rounds. Reports wall per run,
// each thread's CPU and minor faults per run, and the whole mode's wall, process CPU and minor faults.
// Usage: node [node flags] dist/bench/integrate/readers.js [--records N] [--rounds R] [--modes one,threads,processes]
// (node flags such as --single-threaded-gc are passed on to the child processes).

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { defaultIntegrateConfig } from '../../src/integrate/config.js';
import { splitCsvFile } from '../../src/integrate/csv-split.js';
import { splitJsonFile } from '../../src/integrate/json-split.js';
import { readNormalizedSource } from '../../src/integrate/normalized-source.js';
import type { SourceRequest } from '../../src/integrate/normalized-source.js';
import { median } from '../common/measure.js';

const script = fileURLToPath(import.meta.url);
/** The runs each source is cut into, as on a two-core machine. */
const PARTS = 2;

/** One run as a reader thread saw it: wall, and its own thread's CPU and minor faults. */
interface RunTiming {
  run: string;
  wallS: number;
  userS: number;
  sysS: number;
  faults: number;
}

/** A whole mode: wall from starting the readers to their end, the process(es)' CPU and faults. */
interface ModeResult {
  wallS: number;
  userS: number;
  sysS: number;
  faults: number;
  runs: RunTiming[];
  /** CPU seconds of the process's other threads that outlive the readers (main, helpers). */
  others: Record<string, number>;
}

/** This thread's user and system seconds and minor faults, from /proc/thread-self/stat. */
function threadUsage(): { userS: number; sysS: number; faults: number } {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command name start at field 3: minflt is field 10, utime 14, stime 15 (ticks).
  return { faults: Number(fields[7]), userS: Number(fields[11]) / 100, sysS: Number(fields[12]) / 100 };
}

/** CPU seconds of each of this process's threads, by thread id, named main or helpers (V8's pool, libuv). */
function tasksUsage(): Map<string, { name: string; cpuS: number }> {
  const tasks = new Map<string, { name: string; cpuS: number }>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const name = tid === String(process.pid) ? 'main' : 'helpers';
      tasks.set(tid, { name, cpuS: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // the thread ended meanwhile
    }
  }
  return tasks;
}

/** CPU seconds used between two tasksUsage snapshots by the threads present in both, summed by name. */
function othersBetween(
  before: Map<string, { name: string; cpuS: number }>,
  after: Map<string, { name: string; cpuS: number }>,
): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const [tid, { name, cpuS }] of after) {
    const was = before.get(tid);
    if (was) sums[name] = (sums[name] ?? 0) + cpuS - was.cpuS;
  }
  return sums;
}

/** The runs of the bench's sources, CRM then JSON, `PARTS` of each. */
function runsOf(dir: string): { crm: SourceRequest[]; json: SourceRequest[] } {
  const crm = join(dir, 'crm_customers.csv');
  const ecom = join(dir, 'ecommerce_customers.json');
  const config = defaultIntegrateConfig;
  const csvRanges = splitCsvFile(crm, PARTS);
  const jsonRanges = splitJsonFile(ecom, PARTS);
  if (!csvRanges || !jsonRanges) throw new Error(`${dir}: the sources cannot be cut into runs`);
  return {
    crm: csvRanges.map((csvRange) => ({ kind: 'crm', path: crm, config, csvRange })),
    json: jsonRanges.map((jsonRange) => ({ kind: 'ecommerce', path: ecom, config, jsonRange })),
  };
}

/** In a reader thread: read each run in turn and post it back as the job's reader does. */
async function readerThread(runs: SourceRequest[]): Promise<void> {
  const timings: RunTiming[] = [];
  for (const request of runs) {
    const before = threadUsage();
    const start = performance.now();
    const source = await readNormalizedSource(request);
    parentPort?.postMessage(
      { kind: 'source', count: source.count, packed: source.packed, hashes: source.hashes },
      Object.values(source.hashes).map((h) => h.buffer),
    );
    const after = threadUsage();
    timings.push({
      run: `${request.kind}@${request.csvRange?.start ?? request.jsonRange?.start ?? 0}`,
      wallS: (performance.now() - start) / 1000,
      userS: after.userS - before.userS,
      sysS: after.sysS - before.sysS,
      faults: after.faults - before.faults,
    });
  }
  parentPort?.postMessage({ kind: 'timings', timings });
}

/** Start reader threads, one per list of runs, and wait for all of them; measured in this process. */
async function readInThreads(lists: SourceRequest[][]): Promise<ModeResult> {
  const before = process.resourceUsage();
  const tasksBefore = tasksUsage();
  const start = performance.now();
  const timings = await Promise.all(
    lists.map(
      (runs) =>
        new Promise<RunTiming[]>((resolve, reject) => {
          const worker = new Worker(script, { workerData: { runs } });
          worker.on('message', (m: { kind: string; timings?: RunTiming[] }) => {
            if (m.kind === 'timings' && m.timings) void worker.terminate().then(() => resolve(m.timings ?? []));
          });
          worker.once('error', reject);
        }),
    ),
  );
  const wallS = (performance.now() - start) / 1000;
  const after = process.resourceUsage();
  const others = othersBetween(tasksBefore, tasksUsage());
  return {
    others,
    wallS,
    userS: (after.userCPUTime - before.userCPUTime) / 1e6,
    sysS: (after.systemCPUTime - before.systemCPUTime) / 1e6,
    faults: after.minorPageFault - before.minorPageFault,
    runs: timings.flat(),
  };
}

/** Two child processes at once, each reading its runs on one reader thread; their figures summed. */
async function readInProcesses(dir: string): Promise<ModeResult> {
  const start = performance.now();
  const results = await Promise.all(
    [0, 1].map(
      (part) =>
        new Promise<ModeResult>((resolve, reject) => {
          const child = spawn(process.execPath, [...process.execArgv, script, '--child', String(part), '--dir', dir], {
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.once('error', reject);
          child.once('exit', (code) =>
            code === 0 ? resolve(JSON.parse(out) as ModeResult) : reject(new Error(`child exited ${code}`)),
          );
        }),
    ),
  );
  return {
    wallS: (performance.now() - start) / 1000,
    userS: results.reduce((s, r) => s + r.userS, 0),
    sysS: results.reduce((s, r) => s + r.sysS, 0),
    faults: results.reduce((s, r) => s + r.faults, 0),
    runs: results.flatMap((r) => r.runs),
    others: results.reduce<Record<string, number>>((sums, r) => {
      for (const [name, cpuS] of Object.entries(r.others)) sums[name] = (sums[name] ?? 0) + cpuS;
      return sums;
    }, {}),
  };
}

function show(mode: string, round: number, r: ModeResult): void {
  const runs = r.runs
    .map((t) => `${t.run} ${t.wallS.toFixed(2)}s (cpu ${(t.userS + t.sysS).toFixed(2)}, ${t.faults} flt)`)
    .join('; ');
  const others = Object.entries(r.others)
    .filter(([, cpuS]) => cpuS > 0)
    .map(([name, cpuS]) => `${name} ${cpuS.toFixed(2)}`)
    .join(', ');
  console.log(
    `${mode.padEnd(9)} round ${round}: wall ${r.wallS.toFixed(2)} s, user ${r.userS.toFixed(2)} sys ${r.sysS.toFixed(2)}, ${r.faults} faults | ${runs} | other threads: ${others}`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000000' },
      rounds: { type: 'string', default: '3' },
      modes: { type: 'string', default: 'one,threads,processes' },
      child: { type: 'string' },
      dir: { type: 'string' },
    },
  });
  const dir = values.dir ?? join(process.cwd(), 'bench', '.data', `integrate-${values.records}`);
  const { crm, json } = runsOf(dir);
  const lists = [0, 1].map((i) => [crm[i], json[i]]);
  if (values.child !== undefined) {
    process.stdout.write(JSON.stringify(await readInThreads([lists[Number(values.child)]])));
    return;
  }
  const modes = values.modes.split(',');
  const all = new Map<string, ModeResult[]>(modes.map((m) => [m, []]));
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const mode of modes) {
      const result =
        mode === 'one'
          ? await readInThreads([lists[round % 2]])
          : mode === 'threads'
            ? await readInThreads(lists)
            : await readInProcesses(dir);
      all.get(mode)?.push(result);
      show(mode, round, result);
    }
  }
  for (const [mode, results] of all) {
    const runWalls = results.flatMap((r) => r.runs.map((t) => t.wallS));
    const runCpu = results.flatMap((r) => r.runs.map((t) => t.userS + t.sysS));
    console.log(
      `${mode.padEnd(9)} medians: wall ${median(results.map((r) => r.wallS)).toFixed(2)} s, CPU ${median(results.map((r) => r.userS + r.sysS)).toFixed(2)} s (sys ${median(results.map((r) => r.sysS)).toFixed(2)}), ${median(results.map((r) => r.faults))} faults; per run wall ${median(runWalls).toFixed(2)} s, thread CPU ${median(runCpu).toFixed(2)} s`,
    );
  }
}

if (isMainThread) await main();
else await readerThread((workerData as { runs: SourceRequest[] }).runs);
