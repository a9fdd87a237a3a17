// Dashboard benchmark: generates a workspace at the jobs' benchmark sizes into bench/.data/dashboard,
// starts the built `sluice serve` on it in a child process, times every route's first (cold) request and
// the median of the following ones (served from the file-stamp memo), and reports the server's peak RSS.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataDir = join(root, 'bench', '.data', 'dashboard');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 7);
const ROUTES = [
  '/api/integrate',
  '/api/quality',
  '/api/collect',
  '/api/logs',
  '/api/reconcile',
  '/api/reconcile?severity=critical&type=ghost_record',
  '/api/pipeline',
  '/api/overview',
  '/',
  '/assets/chart.umd.min.js',
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const marker = join(dataDir, '.complete');
  if (!existsSync(marker) || process.env.BENCH_REGENERATE === '1') {
    rmSync(dataDir, { recursive: true, force: true });
    const started = performance.now();
    await generateWorkspace(dataDir, {
      customers: 850_000,
      clusters: 150_000,
      discrepancies: 250_000,
      detailRows: 1_000_000,
      products: 100_000,
      pipelineRuns: 5_000,
      historyDays: 365,
    });
    writeFileSync(marker, '');
    console.log(`generated workspace in ${((performance.now() - started) / 1000).toFixed(1)} s: ${dataDir}`);
  }
  const child = spawn(
    process.execPath,
    [join(root, 'dist', 'cli', 'main.js'), 'serve', '--dir', dataDir, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /Open (http:\/\/\S+)/.exec(text);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`sluice serve exited with ${code}`)));
    });
    console.log(
      `route                                     cold ms   warm median ms   response KB   (${REQUESTS} requests)`,
    );
    for (const route of ROUTES) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        const response = await fetch(new URL(route, url));
        bytes = (await response.arrayBuffer()).byteLength;
        if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
        times.push(performance.now() - started);
      }
      const [cold, ...warm] = times;
      const columns = [
        cold.toFixed(0).padStart(8),
        median(warm).toFixed(1).padStart(16),
        (bytes / 1024).toFixed(1).padStart(13),
      ];
      console.log(`${route.padEnd(40)} ${columns.join(' ')}`);
    }
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    console.log(`server peak RSS: ${(peakKb / 1024).toFixed(0)} MB`);
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
