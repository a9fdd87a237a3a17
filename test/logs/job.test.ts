import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { findDayLogs, rotationOf } from '../../src/logs/inputs.js';
import { failsOn, runLogsJob } from '../../src/logs/job.js';
import { logLine } from './cases/lines.js';

const clock = new FakeClock('2024-01-18T06:00:00Z');

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-logs-job-'));
  mkdirSync(join(dir, 'logs'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'logs', name), content);
  return dir;
}

const run = (dir: string, date = '2024-01-17') =>
  runLogsJob({ dir, date, clock, logger: silentLogger(clock), workers: 0 });

describe('finding the day logs', () => {
  it.each([
    ['access_2024-01-17.log', 0],
    ['access_2024-01-17.log.gz', 0],
    ['access_2024-01-17.log.2', 2],
    ['access_2024-01-17.log.10.gz', 10],
    ['access_2024-01-16.log', undefined],
    ['access_2024-01-17.log.bak', undefined],
  ])('%s has rotation %s', (name, rotation) => {
    expect(rotationOf(name, '2024-01-17')).toBe(rotation);
  });

  it('reads rotated and gzipped parts oldest first and numbers lines across them', async () => {
    const dir = workspace({
      'access_2024-01-17.log': `${logLine({ at: '20:00:00' })}\nbroken\n`,
      'access_2024-01-17.log.1': `${logLine({ at: '12:00:00' })}\n`,
      'access_2024-01-17.log.2.gz': gzipSync(
        `${logLine({ at: '01:00:00' })}\n${logLine({ at: '02:00:00', path: '/.env' })}\n`,
      ),
    });
    expect(findDayLogs(join(dir, 'logs'), '2024-01-17').map((f) => [f.name, f.gzip])).toEqual([
      ['access_2024-01-17.log.2.gz', true],
      ['access_2024-01-17.log.1', false],
      ['access_2024-01-17.log', false],
    ]);
    const result = await run(dir);
    expect(result.day.requests).toBe(4);
    expect(result.day.inputs).toEqual([
      { name: 'access_2024-01-17.log.2.gz', firstLine: 1, lastLine: 2 },
      { name: 'access_2024-01-17.log.1', firstLine: 3, lastLine: 3 },
      { name: 'access_2024-01-17.log', firstLine: 4, lastLine: 5 },
    ]);
    expect(result.day.rejects).toEqual([
      expect.objectContaining({ file: 'access_2024-01-17.log', line: 2, raw: 'broken' }),
    ]);
    expect(result.anomalies[0].evidence.first_lines).toEqual([2]);
    expect(readFileSync(result.outputs.rejects, 'utf8')).toContain('access_2024-01-17.log:2: ');
  });

  it('fails with a clear input error for a corrupt .gz file', async () => {
    const dir = workspace({
      'access_2024-01-17.log.gz': Buffer.concat([gzipSync(logLine()).subarray(0, 20)]),
    });
    await expect(run(dir)).rejects.toThrow(/cannot decompress .*access_2024-01-17\.log\.gz/);
  });
});

describe('day-over-day comparison', () => {
  it('skips the comparison when the previous day is missing, then uses the summary the next day', async () => {
    const dir = workspace({
      'access_2024-01-16.log': `${logLine({ at: '10:00:00' }).replaceAll('17/Jan', '16/Jan')}\n`,
      'access_2024-01-17.log': `${logLine()}\n${logLine({ status: 500 })}\n`,
    });
    const first = await run(dir, '2024-01-16');
    expect(first.previous.kind).toBe('missing');
    expect(readFileSync(first.outputs.report, 'utf8')).toContain('Previous Day: n/a');
    const second = await run(dir);
    expect(second.previous).toMatchObject({ kind: 'found', summary: { date: '2024-01-16', requests: 1 } });
    const report = readFileSync(second.outputs.report, 'utf8');
    expect(report).toContain('Previous Day: 1 (↑ 100.0%)');
    expect(report).toContain('Previous Day: 0.0% (↑ 50.0%)');
  });
});

describe('report safety and --fail-on', () => {
  it('strips terminal escapes from log text in the report and truncates long values', async () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J';
    const dir = workspace({
      'access_2024-01-17.log': `${logLine({ agent: `curl/8 ${evil}`, user: `u${'x'.repeat(300)}` })}\n${evil}junk\n`,
    });
    const result = await run(dir);
    const report = readFileSync(result.outputs.report, 'utf8');
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(report).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(report).toContain('User Agent: curl/8');
    expect(report).toMatch(/ux{18}…/);
    expect(readFileSync(result.outputs.rejects, 'utf8')).toContain('\\x1b]0;pwned\\x07');
    expect(failsOn(result, 'medium')).toBe(true);
    expect(failsOn(result, 'high')).toBe(false);
    expect(failsOn(result, undefined)).toBe(false);
  });
});

describe('out-of-order logs', () => {
  it('scans again keeping every IP-minute when trimmed parts cannot be merged exactly', async () => {
    const at = (hhmm: string, count: number, ip = '10.0.0.9') =>
      Array.from({ length: count }, () => logLine({ ip, at: `${hhmm}:00` }));
    const older = [...at('12:00', 1, '10.0.0.1'), ...at('12:30', 60), ...at('13:00', 1, '10.0.0.1')];
    const newer = [...at('14:00', 1, '10.0.0.1'), ...at('12:30', 50), ...at('15:00', 1, '10.0.0.1')];
    const dir = workspace({
      'access_2024-01-17.log.1': `${older.join('\n')}\n`,
      'access_2024-01-17.log': `${newer.join('\n')}\n`,
    });
    const result = await run(dir);
    expect(result.day.burstsExact).toBe(true);
    expect(result.day.bursts).toMatchObject([{ ip: '10.0.0.9', count: 110 }]);
  });
});
