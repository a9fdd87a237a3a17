// Benchmark plumbing shared by every job's bench: run a CLI command several times in a child process
// and report wall time and peak RSS medians. It does not generate data; each job's bench does.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The `sluice` command as it ships (bin/sluice, which runs dist/cli/main.js with the node flags on its
 * `#!` line): a bench spawns it rather than `node main.js`, so it times what a user runs.
 */
export const sluice = join(here, '..', '..', '..', 'bin', 'sluice');
const rssReporter = join(here, 'report-rss.js');

/** One measured run. */
export interface Measurement {
  seconds: number;
  peakRssMb: number;
}

/** Run `sluice <args>` once in `cwd`, returning wall seconds and the child's peak RSS. */
export function measureCli(args: readonly string[], cwd: string): Measurement {
  const start = process.hrtime.bigint();
  // NODE_OPTIONS reaches the node that bin/sluice starts.
  const nodeOptions = [process.env.NODE_OPTIONS, `--import=${rssReporter}`].filter(Boolean).join(' ');
  const result = spawnSync(sluice, ['--quiet', ...args], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && result.status !== 3)
    throw new Error(`sluice ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const rss = /SLUICE_MAXRSS_KB=(\d+)/.exec(result.stderr);
  return { seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run `runs` measurements and print each, then the medians and throughput for `records` items. */
export function benchmark(
  label: string,
  runs: number,
  records: number,
  once: () => Measurement,
): { seconds: number; peakRssMb: number } {
  const all: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const m = once();
    all.push(m);
    console.log(`  run ${i + 1}: ${m.seconds.toFixed(2)} s, peak RSS ${m.peakRssMb.toFixed(0)} MB`);
  }
  const seconds = median(all.map((m) => m.seconds));
  const peakRssMb = median(all.map((m) => m.peakRssMb));
  console.log(
    `${label}: median ${seconds.toFixed(2)} s wall, ${Math.round(records / seconds).toLocaleString('en-US')} records/s, median peak RSS ${peakRssMb.toFixed(0)} MB (${runs} runs)`,
  );
  return { seconds, peakRssMb };
}
