// Benchmark of the whole pipeline at scale: generates 1,000,000 orders (seeded, cached in
// bench/.data/pipeline), runs `sluice pipeline run` in a child process several times, prints medians.
// Usage: npm run build && node dist/bench/pipeline/run.js [--orders N] [--runs N]

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSampleData } from '../../src/pipeline/generate.js';
import { sluice } from '../common/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DATE = '2024-01-17';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function prepare(orders: number): Promise<string> {
  const dir = join(root, 'bench', '.data', 'pipeline', String(orders));
  const marker = join(dir, '.generated');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(join(root, 'examples', 'pipeline', 'config'), join(dir, 'config'), { recursive: true });
    const started = Date.now();
    await generateSampleData({ dir, date: DATE, orders, seed: 1, customers: 20_000 });
    writeFileSync(marker, `${orders}\n`);
    console.log(
      `generated ${orders.toLocaleString('en-US')} orders in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return dir;
}

/** One run in a fresh process: wall time from spawn to exit; CPU seconds and peak RSS from /usr/bin/time. */
function runOnce(dir: string): { wallMs: number; cpuS: number; rssMb: number } {
  rmSync(join(dir, 'data', 'output'), { recursive: true, force: true });
  rmSync(join(dir, 'logs'), { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'maxrss_kb=%M cpu_s=%U+%S',
      sluice,
      '-q',
      'pipeline',
      'run',
      '--dir',
      dir,
      '--date',
      DATE,
    ],
    { encoding: 'utf8' },
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`pipeline run failed (exit ${result.status}): ${result.stderr}`);
  const usage = /maxrss_kb=(\d+) cpu_s=([\d.]+)\+([\d.]+)/.exec(result.stderr);
  if (!usage) return { wallMs, cpuS: NaN, rssMb: NaN };
  return { wallMs, cpuS: Number(usage[2]) + Number(usage[3]), rssMb: Number(usage[1]) / 1024 };
}

const orders = flag('--orders', 1_000_000);
const runs = flag('--runs', 5);
const dir = await prepare(orders);
const results: { wallMs: number; cpuS: number; rssMb: number }[] = [];
for (let i = 0; i < runs; i++) {
  const run = runOnce(dir);
  results.push(run);
  console.log(
    `run ${i + 1}: ${(run.wallMs / 1000).toFixed(2)} s wall, ${run.cpuS.toFixed(2)} s CPU, ${run.rssMb.toFixed(0)} MB peak RSS`,
  );
}
const wall = median(results.map((r) => r.wallMs));
console.log(
  `median of ${runs}: ${(wall / 1000).toFixed(2)} s wall (${Math.round(orders / (wall / 1000)).toLocaleString('en-US')} orders/s), ` +
    `${median(results.map((r) => r.cpuS)).toFixed(2)} s CPU, ${median(results.map((r) => r.rssMb)).toFixed(0)} MB peak RSS (targets: < 2 s wall, < 1024 MB)`,
);
