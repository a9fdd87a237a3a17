import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previousDate, readPreviousSummary, statusClasses } from '../../src/logs/summary.js';

describe('previous day summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-logs-summary-'));

  it('reports a missing file as missing, not as an error', async () => {
    expect(await readPreviousSummary(join(dir, 'none.json'))).toEqual({
      kind: 'missing',
      path: join(dir, 'none.json'),
    });
  });

  it.each([
    ['broken JSON', '{ "date": '],
    ['a wrong shape', '{ "date": "2024-01-16" }'],
  ])('reports %s as unreadable', async (_name, text) => {
    const path = join(dir, `bad-${text.length}.json`);
    writeFileSync(path, text);
    expect(await readPreviousSummary(path)).toMatchObject({ kind: 'unreadable', path });
  });

  it('finds a summary written before the top lists were added', async () => {
    const summary = {
      date: '2024-01-16',
      requests: 10,
      errors: 1,
      error_rate: 10,
      unique_ips: 3,
      unique_users: 1,
      avg_response_bytes: 512,
      rejected_lines: 0,
      peak_hour: 9,
      status_classes: { '2xx': 9, '4xx': 1 },
      anomalies: { high: 1 },
    };
    const path = join(dir, 'old.json');
    writeFileSync(path, JSON.stringify(summary));
    expect(await readPreviousSummary(path)).toEqual({ kind: 'found', summary });
  });

  it('finds the day before, across month and leap-year ends', () => {
    expect(previousDate('2024-01-17')).toBe('2024-01-16');
    expect(previousDate('2024-03-01')).toBe('2024-02-29');
    expect(previousDate('2024-01-01')).toBe('2023-12-31');
  });

  it('groups status codes into classes', () => {
    expect(statusClasses({ 200: 3, 201: 1, 404: 2, 503: 1 })).toEqual({
      '1xx': 0,
      '2xx': 4,
      '3xx': 0,
      '4xx': 2,
      '5xx': 1,
    });
  });
});
