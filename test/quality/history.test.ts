import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { loadHistory, trendAt, upsertEntry } from '../../src/quality/history.js';
import type { History, HistoryEntry } from '../../src/quality/history.js';

const entry = (date: string, score: number | null): HistoryEntry => ({
  date,
  file: `orders_${date}.csv`,
  records: 10,
  rejected_rows: 0,
  passing_records: 0,
  score,
  checks_pass_rate: score,
  alerts: 0,
  rules: [],
  generated_at: '2024-01-17T10:30:00Z',
});
const historyOf = (...scores: [string, number | null][]): History =>
  scores.reduce((h, [date, score]) => upsertEntry(h, entry(date, score)), {
    version: 1,
    days: [],
  } as History);

describe('upsertEntry', () => {
  it('keeps one entry per date, replacing a re-run, in date order', () => {
    const history = upsertEntry(historyOf(['2024-01-17', 50], ['2024-01-15', 80]), entry('2024-01-17', 60));
    expect(history.days.map((day) => [day.date, day.score])).toEqual([
      ['2024-01-15', 80],
      ['2024-01-17', 60],
    ]);
  });
});

describe('trendAt', () => {
  it.each([
    ['declining when the newest is over 1 point below the oldest', [85, 82, 74], 'declining'],
    ['improving when over 1 point above', [70, 60, 80], 'improving'],
    ['stable within 1 point, however it wiggles', [80, 90, 81], 'stable'],
    ['stable at exactly 1 point down', [80, 85, 79], 'stable'],
    ['declining on two days', [90, 80], 'declining'],
    ['not enough history with one day', [90], 'not enough history'],
  ])('%s', (_name, scores, direction) => {
    const history = historyOf(...scores.map((score, i): [string, number] => [`2024-01-1${i + 1}`, score]));
    expect(trendAt(history, `2024-01-1${scores.length}`).direction).toBe(direction);
  });

  it('uses only the last three scored days up to the date, and finds the previous scored day', () => {
    const history = historyOf(
      ['2024-01-10', 10],
      ['2024-01-11', 90],
      ['2024-01-12', null],
      ['2024-01-13', 91],
      ['2024-01-14', 92],
      ['2024-01-20', 5],
    );
    const trend = trendAt(history, '2024-01-14');
    expect(trend.points.map((p) => p.date)).toEqual(['2024-01-11', '2024-01-13', '2024-01-14']);
    expect(trend.previous).toEqual({ date: '2024-01-13', score: 91 });
    expect(trend.direction).toBe('improving');
  });
});

describe('loadHistory', () => {
  it('treats a missing file as an empty history', () => {
    expect(loadHistory(join(tmpdir(), 'no-such-history.json'))).toEqual({ version: 1, days: [] });
  });

  it('rejects a file in the wrong shape with its path and a hint', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-history-')), 'h.json');
    writeFileSync(path, JSON.stringify({ version: 1, days: [{ date: 'yesterday' }] }));
    expect(() => loadHistory(path)).toThrow(InputError);
    expect(() => loadHistory(path)).toThrow(/h\.json is not in the expected shape: days\[0\]\.date/);
  });
});
