// A fast reader for the common CSV that has no quote characters and no carriage returns: such a file is
// split on `\n` and `,` exactly as csv-parse would split it. Anything else is left to csv-parse (core/csv).

import { statSync } from 'node:fs';
import { readText } from './read-text.js';
import type { CsvRecord } from '../core/csv.js';

/** Files above this size are streamed through csv-parse instead of being read whole. */
const MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024;

/** A CSV that needs no quoting rules: its trimmed header and its records in order. */
export interface SimpleCsv {
  header: string[];
  records: Iterable<CsvRecord>;
}

/**
 * Read `path` whole and, when it holds no `"` and no `\r`, return its header and records with the same
 * values, line numbers and field-count rejects as core/csv's `openCsv` (BOM dropped, empty lines skipped).
 * Returns null for any other file (or an empty one), which the caller then reads with `openCsv`.
 */
export function readSimpleCsv(path: string): SimpleCsv | null {
  if (statSync(path).size > MAX_WHOLE_FILE_BYTES) return null;
  const text = readText(path);
  return splitSimpleCsv(text);
}

/** The text form of readSimpleCsv, for tests. */
export function splitSimpleCsv(text: string): SimpleCsv | null {
  if (text.includes('"') || text.includes('\r')) return null;
  const lines = text.charCodeAt(0) === 0xfeff ? text.slice(1).split('\n') : text.split('\n');
  const first = lines.findIndex((line) => line !== '');
  if (first < 0) return null;
  const header = lines[first].split(',').map((h) => h.trim());
  return { header, records: recordsOf(lines, first + 1, header) };
}

function* recordsOf(lines: string[], start: number, header: readonly string[]): Generator<CsvRecord> {
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i];
    if (raw === '') continue;
    const fields = raw.split(',');
    if (fields.length !== header.length) {
      yield {
        kind: 'reject',
        line: i + 1,
        reason: `expected ${header.length} fields, found ${fields.length}`,
        raw,
      };
      continue;
    }
    const values: Record<string, string> = {};
    for (let f = 0; f < header.length; f++) values[header[f]] = fields[f];
    yield { kind: 'row', line: i + 1, values };
  }
}
