// Benchmark for `sluice logs`: generates a 2,000,000-line day into bench/.data/, runs the whole job
// in a child process (worker threads, then one thread), the DuckDB CSV-reader probe and, when installed,
// GoAccess on the same file; prints median wall time, throughput and peak RSS. Not run by the tests.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLog } from '../../src/logs/generate.js';
import { sluice } from '../common/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const probe = join(root, 'dist', 'bench', 'logs', 'duckdb-parse.js');
const DATE = '2024-01-17';

interface Options {
  lines: number;
  runs: number;
  seed: number;
  duckdb: boolean;
  goaccess: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  return {
    lines: value('--lines', 2_000_000),
    runs: value('--runs', 3),
    seed: value('--seed', 42),
    duckdb: !argv.includes('--no-duckdb'),
    goaccess: !argv.includes('--no-goaccess'),
  };
}

/** Generate the data set once per (lines, seed); a sidecar file remembers what is there. */
async function ensureData(options: Options): Promise<string> {
  const dataDir = join(root, 'bench', '.data');
  const file = join(dataDir, `access_${DATE}.log`);
  const stamp = join(dataDir, 'logs.meta.json');
  const wanted = JSON.stringify({ lines: options.lines, seed: options.seed });
  if (existsSync(file) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return file;
  mkdirSync(dataDir, { recursive: true });
  process.stdout.write(`generating ${options.lines.toLocaleString('en-US')} lines into ${file} ...\n`);
  await generateLog({ date: DATE, lines: options.lines, seed: options.seed, out: file });
  writeFileSync(stamp, wanted);
  return file;
}

interface Measurement {
  seconds: number;
  /** User + system CPU seconds (all threads); less sensitive than wall time to a busy machine. */
  cpuSeconds: number;
  rssMb: number;
}

/** Run a command under /usr/bin/time and return its wall time and peak RSS. */
function measure(command: string, args: string[]): Measurement {
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M %U %S', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = result.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  if (result.status !== 0 || !line)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-500)}`);
  const [, seconds, rssKb, user, system] = line.split(' ');
  return { seconds: Number(seconds), cpuSeconds: Number(user) + Number(system), rssMb: Number(rssKb) / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function report(label: string, runs: Measurement[], lines: number): number {
  const seconds = median(runs.map((r) => r.seconds));
  const cpu = median(runs.map((r) => r.cpuSeconds));
  const rss = median(runs.map((r) => r.rssMb));
  const all = runs.map((r) => r.seconds.toFixed(2)).join(', ');
  const rate = Math.round(lines / seconds).toLocaleString('en-US');
  process.stdout.write(
    `${label.padEnd(40)} wall ${seconds.toFixed(2)} s  cpu ${cpu.toFixed(2)} s  ${rate.padStart(9)} lines/s  peak RSS ${rss.toFixed(0)} MB  (wall runs: ${all})\n`,
  );
  return seconds;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const file = await ensureData(options);
  const size = statSync(file).size;
  process.stdout.write(
    `input: ${file} (${options.lines.toLocaleString('en-US')} lines, ${(size / 1024 / 1024).toFixed(0)} MB), ${options.runs} runs each\n`,
  );
  const out = mkdtempSync(join(tmpdir(), 'sluice-logs-bench-'));
  try {
    const job = (workers: string) => () =>
      measure(sluice, [
        '-q',
        'logs',
        '--date',
        DATE,
        '--input',
        file,
        '--dir',
        out,
        '--workers',
        workers,
      ]);
    const goaccessPath = spawnSync('sh', ['-c', 'command -v goaccess'], { encoding: 'utf8' }).stdout.trim();
    const variants: { label: string; run: () => Measurement; times: number }[] = [
      { label: 'sluice logs (worker threads)', run: job('2'), times: options.runs },
      { label: 'sluice logs (one thread)', run: job('0'), times: options.runs },
    ];
    if (options.duckdb)
      variants.push({
        label: 'DuckDB CSV-reader probe (parse+aggregates)',
        run: () => measure(process.execPath, [probe, file]),
        times: options.runs,
      });
    if (options.goaccess && goaccessPath) {
      const goaccessArgs = [
        file,
        '--log-format=COMBINED',
        '--no-global-config',
        '-o',
        join(out, 'goaccess.json'),
      ];
      variants.push({
        label: 'goaccess 1.7 (JSON report)',
        run: () => measure(goaccessPath, goaccessArgs),
        times: 1,
      });
    }
    // Rounds interleave the variants, so a machine that gets busier or quieter affects all alike.
    const results = variants.map(() => [] as Measurement[]);
    for (let round = 0; round < options.runs; round++) {
      variants.forEach((variant, i) => {
        if (round < variant.times) results[i].push(variant.run());
      });
    }
    const medians = variants.map((variant, i) => report(variant.label, results[i], options.lines));
    if (options.goaccess && goaccessPath) {
      const ratio = medians[medians.length - 1] / medians[0];
      process.stdout.write(`goaccess / sluice (worker threads) wall-time ratio: ${ratio.toFixed(1)}x\n`);
    } else if (options.goaccess) {
      process.stdout.write('goaccess not installed (apt-get install -y goaccess); ratio skipped\n');
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await main();
