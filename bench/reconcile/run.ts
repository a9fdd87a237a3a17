// Benchmark for `sluice reconcile`: generates (once) a workspace of N ERP transactions with CRM and
// warehouse copies, runs the built CLI in a child process several times, prints median wall time and peak RSS.
// Usage: node dist/bench/reconcile/run.js [--rows 5000000] [--runs 3]

import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate.js';
import { sluice } from '../common/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const rows = flag('rows', 5_000_000);
const runs = flag('runs', 3);
const dir = join(root, 'bench', '.data', `reconcile-${rows}`);
const marker = join(dir, '.complete');
if (!existsSync(marker)) {
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  await generateWorkspace(dir, rows);
  writeFileSync(marker, 'generated\n');
  console.log(
    `generated ${rows.toLocaleString('en-US')} ERP transactions in ${((performance.now() - started) / 1000).toFixed(1)} s under ${dir}`,
  );
}

const walls: number[] = [];
const cpus: number[] = [];
const rss: number[] = [];
for (let run = 1; run <= runs; run++) {
  rmSync(join(dir, 'audit'), { recursive: true, force: true });
  const started = performance.now();
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M %U %S',
      sluice,
      '-q',
      'reconcile',
      '--period',
      '202401',
      '--dir',
      dir,
    ],
    { encoding: 'utf8' },
  );
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`run ${run} failed (exit ${result.status}): ${result.stderr}`);
  const [maxKb, user, system] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  walls.push(wall);
  cpus.push(user + system);
  rss.push(maxKb / 1024);
  console.log(
    `run ${run}: ${wall.toFixed(2)} s wall, ${(user + system).toFixed(2)} s CPU, peak RSS ${(maxKb / 1024).toFixed(0)} MiB`,
  );
}
const wall = median(walls);
console.log(
  `median over ${runs} runs: ${wall.toFixed(2)} s wall (${Math.round(rows / wall).toLocaleString('en-US')} ERP transactions/s), ${median(cpus).toFixed(2)} s CPU, peak RSS ${median(rss).toFixed(0)} MiB`,
);
