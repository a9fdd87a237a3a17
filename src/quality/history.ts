// The local metrics history (`history/quality_metrics.json`): one entry per date, replaced on re-run,
// and the trend read from it. Does not compute scores; it stores what score.ts produced.

import { existsSync } from 'node:fs';
import { z } from 'zod';
import { formatJsonPath, ONE_SHOT, readJsonFile } from '../core/config.js';
import { InputError } from '../core/errors.js';
import { writeJsonAtomic } from '../core/files.js';
import { SEVERITIES } from './rules/types.js';
import type { QualityScores } from './score.js';

const ruleEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  severity: z.enum(SEVERITIES),
  passed: z.number(),
  failed: z.number(),
  score: z.number().nullable(),
});

const entrySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  file: z.string(),
  records: z.number(),
  rejected_rows: z.number(),
  passing_records: z.number(),
  score: z.number().nullable(),
  checks_pass_rate: z.number().nullable(),
  alerts: z.number(),
  rules: z.array(ruleEntrySchema),
  generated_at: z.string(),
});

const historySchema = z.object({ version: z.literal(1), days: z.array(entrySchema) });

/** One day's metrics. */
export type HistoryEntry = z.infer<typeof entrySchema>;

/** The whole history file. */
export type History = z.infer<typeof historySchema>;

/** Read the history; a missing file is an empty history, a damaged one an InputError naming the path. */
export function loadHistory(path: string): History {
  if (!existsSync(path)) return { version: 1, days: [] };
  const data = readJsonFile(path, 'quality history file');
  const result = historySchema.safeParse(data, ONE_SHOT);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new InputError(
    `quality history file ${path} is not in the expected shape: ${formatJsonPath(issue.path)}: ${issue.message}`,
    'restore it from a backup, or delete it and rebuild it with `sluice quality --all`',
  );
}

/** Write the history atomically. */
export function saveHistory(path: string, history: History): void {
  writeJsonAtomic(path, history);
}

/** The history entry for a run (percentages rounded to two decimals, as stored). */
export function historyEntry(
  date: string,
  file: string,
  scores: QualityScores,
  alerts: number,
  generatedAt: string,
): HistoryEntry {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
  return {
    date,
    file,
    records: scores.records,
    rejected_rows: scores.rejectedRows,
    passing_records: scores.passingRecords,
    score: round(scores.score),
    checks_pass_rate: round(scores.checksPassRate),
    alerts,
    rules: scores.rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      severity: rule.severity,
      passed: rule.passed,
      failed: rule.failed,
      score: round(rule.score),
    })),
    generated_at: generatedAt,
  };
}

/** A copy of `history` with `entry` in date order, replacing any entry for the same date. */
export function upsertEntry(history: History, entry: HistoryEntry): History {
  const days = history.days.filter((day) => day.date !== entry.date);
  days.push(entry);
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { version: 1, days };
}

/** The direction of the trend over the window. */
export type TrendDirection = 'declining' | 'improving' | 'stable' | 'not enough history';

/** Scored days up to a date and what they show. */
export interface Trend {
  points: { date: string; score: number }[];
  direction: TrendDirection;
  /** The scored day before the run's date, if any. */
  previous?: { date: string; score: number };
}

/** Changes of at most this many percentage points across the window count as stable. */
export const STABLE_BAND = 1;

/** How many days the trend shows (the spec's "last 3 days"). */
export const TREND_DAYS = 3;

/**
 * The trend at `date`: the last TREND_DAYS scored days up to and including it. The direction compares
 * the newest score with the oldest in the window: more than STABLE_BAND points lower is `declining`,
 * higher is `improving`, otherwise `stable`; one scored day is `not enough history`.
 */
export function trendAt(history: History, date: string): Trend {
  const scored = history.days
    .filter((day) => day.date <= date && day.score !== null)
    .map((day) => ({ date: day.date, score: day.score as number }));
  const points = scored.slice(-TREND_DAYS);
  const before = scored.filter((point) => point.date < date);
  const previous = before[before.length - 1];
  if (points.length < 2) return { points, direction: 'not enough history', previous };
  const change = points[points.length - 1].score - points[0].score;
  const direction: TrendDirection =
    change < -STABLE_BAND ? 'declining' : change > STABLE_BAND ? 'improving' : 'stable';
  return { points, direction, previous };
}
