// Read-only, tolerant access to job output files: dated file discovery, JSON and CSV reading, and
// picking fields whose exact names vary between versions of a job. Never writes anything.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseJsonText } from '../../core/config.js';
import { readCsvFile } from '../../core/csv.js';
import { memoByFile } from './memo.js';
import { NotLandedError } from './types.js';

/** A file whose name carries a date or period key, e.g. `orders_2024-01-17.csv` -> `2024-01-17`. */
export interface DatedFile {
  key: string;
  path: string;
}

const DATE_KEY = String.raw`(\d{4}-\d{2}-\d{2}|\d{6})`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `key` is a date (YYYY-MM-DD) or a period (YYYYMM), the only keys the API accepts. */
export function isDateKey(key: string): boolean {
  return new RegExp(`^${DATE_KEY}$`).test(key);
}

/** Files in `dir` named `<prefix><key><suffix>`, sorted by key (oldest first); [] when `dir` is absent. */
export function datedFiles(dir: string, prefix: string, suffix: string): DatedFile[] {
  if (!isDirectory(dir)) return [];
  const pattern = new RegExp(`^${escapeRegExp(prefix)}${DATE_KEY}${escapeRegExp(suffix)}$`);
  const found: DatedFile[] = [];
  for (const name of readdirSync(dir)) {
    const match = pattern.exec(name);
    if (match && statSync(join(dir, name)).isFile()) found.push({ key: match[1], path: join(dir, name) });
  }
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

/** The dated file for `wanted` (validated by the caller) or the latest one; NotLandedError when there is none. */
export function pickDated(files: readonly DatedFile[], wanted: string | undefined, what: string): DatedFile {
  const chosen = wanted ? files.find((file) => file.key === wanted) : files.at(-1);
  if (chosen) return chosen;
  throw new NotLandedError(wanted ? `no ${what} for ${wanted}` : `no ${what} yet`);
}

/** True when `path` exists and is a directory. */
export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** True when `path` exists and is a file. */
export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** The job's workspace folder under `root`; NotLandedError when it does not exist. */
export function requireWorkspace(root: string, job: string): string {
  const dir = join(root, job);
  if (!isDirectory(dir))
    throw new NotLandedError(`${job} has not run here: no ${job}/ folder in the workspace`);
  return dir;
}

/** Parse a JSON file; its path in messages is shown relative to `root`. */
export function parseJsonFile(root: string, path: string): unknown {
  return parseJsonText(readFileSync(path, 'utf8'), relative(root, path));
}

/** Parse a JSON file once per version of it (see memo.ts); the result is shared, so read-only. */
export function readJson(root: string, path: string): Promise<unknown> {
  return memoByFile(path, 'json', () => parseJsonFile(root, path));
}

/** Read a small CSV file into records keyed by column; rows that cannot be parsed are counted. */
export async function readCsv(path: string): Promise<{ rows: Record<string, string>[]; rejected: number }> {
  const { rows, rejects } = await readCsvFile(path);
  return { rows: rows.map((row) => row.values), rejected: rejects.length };
}

/** The lines of a text file, without the trailing empty one. */
export function readLines(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** A plain JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** True when `value` is a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first of `keys` that holds a finite number (or a numeric string) in `object`. */
export function pickNumber(object: JsonObject, ...keys: string[]): number | null {
  for (const key of keys) {
    const value = object[key];
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number === 'number' && Number.isFinite(number)) return number;
  }
  return null;
}

/** The first of `keys` that holds a string (numbers are turned into strings) in `object`. */
export function pickString(object: JsonObject, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
  }
  return null;
}

/** The first of `keys` that holds an array in `object`. */
export function pickArray(object: JsonObject, ...keys: string[]): unknown[] | null {
  for (const key of keys) {
    const value = object[key];
    if (Array.isArray(value)) return value;
  }
  return null;
}

/**
 * A list of objects from either an array or an object keyed by id (the key lands in `keyField`),
 * the two shapes jobs use for per-item results. Anything else gives [].
 */
export function objectList(value: unknown, keyField: string): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (!isObject(value)) return [];
  return Object.entries(value)
    .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
    .map(([key, item]) => ({ [keyField]: key, ...item }));
}

/** How often each value was seen, most frequent first (ties by value). */
export class Tally {
  private readonly counts = new Map<string, number>();

  /** Count one occurrence of `value`. */
  add(value: string): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  /** The counts, most frequent first. */
  list(): { value: string; count: number }[] {
    return [...this.counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
}
