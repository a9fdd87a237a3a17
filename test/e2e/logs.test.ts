// End to end: the built CLI on examples/logs, three days in order, compared with golden files;
// plus the exit codes for bad input and --fail-on.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyExample, expectGolden, runCli } from './harness.js';

const dirs: string[] = [];
function workspace(): string {
  const dir = copyExample('logs');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('sluice logs (golden)', () => {
  it('analyzes the three example days in order and compares each with the day before', () => {
    const dir = workspace();
    for (const date of ['2024-01-15', '2024-01-16', '2024-01-17']) {
      const run = runCli(['-q', 'logs', '--date', date, '--workers', '0'], dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`reports/analytics_${date}.txt`);
    }
    expectGolden('logs', dir, 'logs');
  });

  it('uses worker threads with the same results as a single thread', () => {
    const single = workspace();
    const threaded = workspace();
    runCli(['-q', 'logs', '--date', '2024-01-17', '--workers', '0'], single);
    const run = runCli(['-q', 'logs', '--date', '2024-01-17', '--workers', '2'], threaded);
    expect(run.code).toBe(0);
    expectGolden('logs', single, 'logs-single-day');
    expectGolden('logs', threaded, 'logs-single-day');
  });
});

describe('sluice logs (threads and bad input)', () => {
  // The example day is split between the main thread and a worker; the corrupt part is the first
  // task or the last, taken by whichever thread is free.
  it.each([
    ['first', ['broken.gz', 'logs/access_2024-01-17.log']],
    ['last', ['logs/access_2024-01-17.log', 'broken.gz']],
  ])('a corrupt .gz scanned %s exits 2 with one line naming it', (_, inputs) => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]));
    const run = runCli(['-q', 'logs', '--date', '2024-01-17', '--workers', '2', '--input', ...inputs], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot decompress .*broken\.gz/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('sluice logs (exit codes)', () => {
  it.each([
    ['critical', 3],
    ['low', 3],
  ])('--fail-on %s exits %i when such anomalies exist', (severity, code) => {
    const run = runCli(['-q', 'logs', '--date', '2024-01-17', '--fail-on', severity], workspace());
    expect(run.code).toBe(code);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/anomalies at or above/);
  });

  it('--fail-on exits 0 when no anomaly reaches the severity', () => {
    const dir = workspace();
    const line =
      '192.168.1.105 - - [17/Jan/2024:08:15:32 +0000] "GET /api/products HTTP/1.1" 200 1234 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0"';
    writeFileSync(join(dir, 'clean.log'), `${line}\n`);
    const run = runCli(
      ['-q', 'logs', '--date', '2024-01-17', '--input', 'clean.log', '--fail-on', 'low'],
      dir,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 anomalies; 0 malformed lines');
  });

  it.each([
    [['logs', '--date', '2024-02-30'], /--date must be a real date/],
    [['logs', '--date', '2024-01-20'], /no access log for 2024-01-20/],
    [
      ['logs', '--date', '2024-01-17', '--fail-on', 'severe'],
      /--fail-on must be one of low, medium, high, critical/,
    ],
    [['logs', '--date', '2024-01-17', '--input', 'missing.log'], /access log not found: missing.log/],
    [['logs', 'generate', '--date', '2024-01-18', '--lines', 'many'], /--lines must be a whole number/],
  ])('%j exits 2 with one line', (args, message) => {
    const run = runCli(['-q', ...args], workspace());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown config key naming the file and the closest key', () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'config', 'logs.json'),
      JSON.stringify({ thresholds: { endpoint_min_request: 5 } }),
    );
    const run = runCli(['-q', 'logs', '--date', '2024-01-17'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /config[/\\]logs\.json.*thresholds\.endpoint_min_request.*did you mean "endpoint_min_requests"/,
    );
  });

  it('rejects a log format with an unknown directive', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'config', 'logs.json'), JSON.stringify({ log_format: '%h %Z %t "%r" %>s' }));
    const run = runCli(['-q', 'logs', '--date', '2024-01-17'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/log_format: unknown directive %Z/);
  });
});
