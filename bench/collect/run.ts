// Benchmark of `sluice collect` against `sluice mock-api` on loopback (real clock, real HTTP):
// (1) 100,000 products with faults on and the limit set high: requests/s, total time, peak RSS (median of runs);
// (2) 10 requests/minute with faults off: the run's duration against the limit's floor;
// (3) the same 10 requests/minute over 100,000 products on a pinned (fake) clock, to show the floor at full scale.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sluice } from '../common/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataDir = join(root, 'bench', '.data', 'collect');
const KEY = 'bench-key';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Start `sluice mock-api` on a free port; resolves with its base URL and process. */
function startMock(args: string[]): Promise<{ baseUrl: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(sluice, ['mock-api', '--port', '0', '--api-key', KEY, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve({ baseUrl: match[1], child });
    });
    child.on('exit', (code) => reject(new Error(`mock-api exited with ${code}`)));
  });
}

function stopMock(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A fresh workspace whose config points at `baseUrl`. */
function workspace(name: string, baseUrl: string, config: Record<string, unknown>): string {
  const dir = join(dataDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'config'), { recursive: true });
  const base = {
    base_url: baseUrl,
    endpoints: { products: '/products', inventory: '/inventory' },
    auth: { api_key: KEY },
  };
  writeFileSync(join(dir, 'config', 'api_config.json'), JSON.stringify({ ...base, ...config }));
  return dir;
}

interface RunResult {
  seconds: number;
  rssKb: number;
  calls: number;
  retries: number;
  loggedSeconds: number;
}

/** Run the built CLI under /usr/bin/time; returns wall time, peak RSS and the run's own counts. */
function runCollect(dir: string, args: string[] = [], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'TIME %M %e', sluice, 'collect', '--dir', dir, '--quiet', ...args],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      const time = /TIME (\d+) ([\d.]+)/.exec(stderr);
      const counts = /\((\d+) API calls, (\d+) retries\)/.exec(stdout);
      const logged = /Duration: ([\d.]+) seconds/.exec(
        readFileSync(join(dir, 'logs', 'api_collector.log'), 'utf8'),
      );
      if (code !== 0 || !time || !counts || !logged)
        return reject(new Error(`collect failed (${code}): ${stderr.slice(-500)}`));
      resolve({
        rssKb: Number(time[1]),
        seconds: Number(time[2]),
        calls: Number(counts[1]),
        retries: Number(counts[2]),
        loggedSeconds: Number(logged[1]),
      });
    });
  });
}

/** The shortest time N requests can take at R per rolling minute: the last batch starts after (N-1)/R minutes. */
const floorSeconds = (requests: number, rpm: number) => Math.floor((requests - 1) / rpm) * 60;

async function throughput(products: number, runs: number): Promise<void> {
  const { baseUrl, child } = await startMock([
    '--products',
    String(products),
    '--rpm',
    '1000000000',
    '--retry-after',
    '0',
  ]);
  try {
    const results: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
      const dir = workspace('throughput', baseUrl, {
        rate_limit: { requests_per_minute: 1_000_000_000, retry_after_seconds: 0 },
        pagination: { page_size: 100, max_pages: 100_000 },
        retry: { max_retries: 8, base_delay_seconds: 0.01, max_delay_seconds: 0.5 },
      });
      const result = await runCollect(dir);
      results.push(result);
      console.log(
        `  run ${i + 1}: ${result.calls} calls (${result.retries} retries) in ${result.seconds.toFixed(2)} s = ${(result.calls / result.seconds).toFixed(0)} requests/s, peak RSS ${(result.rssKb / 1024).toFixed(0)} MiB`,
      );
    }
    const seconds = median(results.map((r) => r.seconds));
    console.log(
      `median: ${seconds.toFixed(2)} s total, ${median(results.map((r) => r.calls / r.seconds)).toFixed(0)} requests/s, ${median(results.map((r) => products / r.seconds)).toFixed(0)} products/s, peak RSS ${(median(results.map((r) => r.rssKb)) / 1024).toFixed(0)} MiB`,
    );
  } finally {
    await stopMock(child);
  }
}

/**
 * Collect at 10 requests/minute with faults off. On the real clock against `mock-api`; pinned, the simulator
 * runs in-process (`--mock`) on the same fake clock, so the waits are exact but take no time.
 */
async function rateFloor(products: number, runs: number, pinned: boolean): Promise<void> {
  for (let i = 0; i < runs; i++) {
    // A fresh simulator per run: one that served the previous run still counts its last minute of requests.
    const mock = pinned
      ? undefined
      : await startMock(['--products', String(products), '--rpm', '10', '--no-faults']);
    try {
      const dir = workspace('floor', mock?.baseUrl ?? 'http://127.0.0.1:1/v1', {
        rate_limit: { requests_per_minute: 10 },
        pagination: { page_size: 100, max_pages: 100_000 },
      });
      const args = pinned ? ['--mock', '--mock-products', String(products), '--no-mock-faults'] : [];
      const result = await runCollect(dir, args, pinned ? { SLUICE_NOW: '2024-01-17T10:00:00Z' } : {});
      const floor = floorSeconds(result.calls, 10);
      const took = pinned ? result.loggedSeconds : result.seconds;
      console.log(
        `  run ${i + 1}: ${result.calls} calls, ${pinned ? 'simulated ' : ''}duration ${took.toFixed(1)} s, floor ${floor} s, ${((took / floor - 1) * 100).toFixed(1)}% over the floor${pinned ? ` (wall ${result.seconds.toFixed(1)} s)` : ''}`,
      );
    } finally {
      if (mock) await stopMock(mock.child);
    }
  }
}

const runs = flag('runs', 3);
const products = flag('products', 100_000);
const floorProducts = flag('floor-products', 1000);
const floorRuns = flag('floor-runs', 1);
if (runs > 0) {
  console.log(
    `collect throughput: ${products} products, faults on (10% 429, 5% 500, 3% 408 after 100 ms), limit off, ${runs} runs`,
  );
  await throughput(products, runs);
}
if (floorRuns > 0) {
  console.log(`\nrate limit, real clock: ${floorProducts} products at 10 requests/minute, faults off`);
  await rateFloor(floorProducts, floorRuns, false);
}
console.log(
  `\nrate limit, pinned clock (waits simulated): ${products} products at 10 requests/minute, faults off`,
);
await rateFloor(products, 1, true);
