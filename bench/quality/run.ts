// Benchmark for `sluice quality`: generate N orders (default 10,000,000) once into bench/.data/quality,
// then run the built CLI on them several times in a child process and print the median wall time,
// CPU time (user + system, less sensitive to a busy machine), throughput and peak RSS. Usage: node dist/bench/quality/run.js [--rows N] [--runs N]

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOrders } from './generate.js';
import { sluice } from '../common/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rows = flag('rows', 10_000_000);
const runs = flag('runs', 3);
const workspace = join(root, 'bench', '.data', 'quality', String(rows));
const data = join(workspace, 'data', 'orders_2024-01-17.csv');
mkdirSync(join(workspace, 'config'), { recursive: true });
mkdirSync(dirname(data), { recursive: true });
copyFileSync(
  join(root, 'examples', 'quality', 'config', 'quality_rules.json'),
  join(workspace, 'config', 'quality_rules.json'),
);
if (!existsSync(data)) {
  const started = performance.now();
  await generateOrders(data, rows);
  console.log(
    `generated ${rows.toLocaleString('en-US')} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
const megabytes = statSync(data).size / 1e6;
console.log(`data: ${data} (${megabytes.toFixed(0)} MB), ${runs} runs`);

const walls: number[] = [];
const cpus: number[] = [];
const rss: number[] = [];
for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%U %S %M',
      sluice,
      '--quiet',
      'quality',
      '--date',
      '2024-01-17',
      '--dir',
      workspace,
    ],
    { encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`run ${run} failed (exit ${result.status}): ${result.stderr}`);
  const [user, system, peakKb] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  walls.push(seconds);
  cpus.push(user + system);
  rss.push(peakKb / 1024);
  console.log(
    `run ${run}: ${seconds.toFixed(2)} s wall, ${(user + system).toFixed(2)} s CPU, peak RSS ${(peakKb / 1024).toFixed(0)} MB`,
  );
}
const wall = median(walls);
console.log(
  `median: ${wall.toFixed(2)} s wall, ${median(cpus).toFixed(2)} s CPU, ${(rows / wall / 1e6).toFixed(2)} M rows/s, ${(megabytes / wall).toFixed(0)} MB/s, peak RSS ${median(rss).toFixed(0)} MB`,
);
