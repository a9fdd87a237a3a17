import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { dataFileFor, dayPaths, listDataFiles } from '../../src/quality/workspace.js';

function workspace(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-ws-'));
  mkdirSync(join(dir, 'data'));
  for (const name of names) writeFileSync(join(dir, 'data', name), 'a\n');
  return dir;
}

describe('listDataFiles', () => {
  it('finds <name>_<date>.csv files in date order and skips other names and impossible dates', () => {
    const dir = workspace([
      'orders_2024-01-17.csv',
      'orders_2024-01-05.csv',
      'notes.txt',
      'orders_2024-02-30.csv',
      'sales_2024-01-09.csv',
    ]);
    expect(listDataFiles(dir).map((file) => file.date)).toEqual(['2024-01-05', '2024-01-09', '2024-01-17']);
  });

  it('refuses two files for one date', () => {
    expect(() => listDataFiles(workspace(['a_2024-01-01.csv', 'b_2024-01-01.csv']))).toThrow(UsageError);
  });
});

describe('dataFileFor', () => {
  it('uses the file for the date, whatever its prefix, and ignores clashes on other dates', () => {
    const dir = workspace(['sales_2024-01-09.csv', 'a_2024-01-01.csv', 'b_2024-01-01.csv']);
    expect(dataFileFor(dir, '2024-01-09')).toBe(join(dir, 'data', 'sales_2024-01-09.csv'));
  });

  it('falls back to data/orders_<date>.csv so a missing file is named in the error', () => {
    expect(dataFileFor(workspace([]), '2024-01-20')).toMatch(/data\/orders_2024-01-20\.csv$/);
  });
});

describe('dayPaths', () => {
  it('lays out outputs as the exercise shows, with overrides', () => {
    const paths = dayPaths('/ws', '2024-01-17', { rules: '/r.json', reportsDir: '/out' });
    expect(paths).toMatchObject({
      rules: '/r.json',
      history: '/ws/history/quality_metrics.json',
      report: '/out/quality_report_2024-01-17.txt',
      rejects: '/out/quality_rejects_2024-01-17.csv',
      alerts: '/ws/alerts/alerts_2024-01-17.json',
    });
  });
});
