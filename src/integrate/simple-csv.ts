// A fast reader for the common CSV that has no quote characters and no carriage returns: such a file is
// split on `\n` and `,` exactly as csv-parse would split it. Anything else is left to csv-parse (core/csv).

import { statSync } from 'node:fs';
import { readBytes, readText, readTextRange } from './read-text.js';
import type { CsvRange } from './csv-split.js';
import type { CsvReject } from '../core/csv.js';

/** Files above this size are streamed through csv-parse instead of being read whole. */
export const MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024;

/** A CSV that needs no quoting rules: its trimmed header, and a walk over its records in order. */
export interface SimpleCsv {
  header: string[];
  /**
   * Hand each record to `onRow` as its fields in header order with its line number in the text read
   * (no object per record: the CRM has millions), or a record with the wrong field count to `onReject`.
   */
  eachRecord(
    onRow: (fields: readonly string[], line: number) => void,
    onReject: (reject: CsvReject) => void,
  ): void;
  /** The file's line number of a line number eachRecord gave (they differ for a run of the file). */
  fileLine(line: number): number;
}

/**
 * Read `path` whole (or only the run `range` of it, after its header) and, when it holds no `"` and no `\r`, return its header and records with the same
 * fields, line numbers and field-count rejects as core/csv's `openCsv` (BOM dropped, empty lines skipped).
 * Returns null for any other file (or an empty one), which the caller then reads with `openCsv`.
 */
export function readSimpleCsv(path: string, range?: CsvRange): SimpleCsv | null {
  if (statSync(path).size > MAX_WHOLE_FILE_BYTES) return null;
  if (!range) return splitSimpleCsv(readText(path));
  // The header (and what precedes it), then the run: the file's lines between them are counted only
  // when a line number is asked for (a reject).
  const text = readTextRange(path, 0, range.headerEnd) + readTextRange(path, range.start, range.end);
  let skipped: number | undefined;
  const csv = splitSimpleCsv(text);
  return csv && { ...csv, fileLine: (line) => line + (skipped ??= linesBefore(path, range)) };
}

/** The text form of readSimpleCsv, for tests: records are numbered from their line in `text`. */
export function splitSimpleCsv(text: string): SimpleCsv | null {
  if (text.includes('"') || text.includes('\r')) return null;
  const lines = text.charCodeAt(0) === 0xfeff ? text.slice(1).split('\n') : text.split('\n');
  const first = lines.findIndex((line) => line !== '');
  if (first < 0) return null;
  const header = lines[first].split(',').map((h) => h.trim());
  return {
    header,
    eachRecord: (onRow, onReject) => eachRecordOf(lines, first + 1, header.length, onRow, onReject),
    fileLine: (line) => line,
  };
}

function eachRecordOf(
  lines: readonly string[],
  start: number,
  width: number,
  onRow: (fields: readonly string[], line: number) => void,
  onReject: (reject: CsvReject) => void,
): void {
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i];
    if (raw === '') continue;
    const fields = raw.split(',');
    const line = i + 1;
    if (fields.length === width) onRow(fields, line);
    else
      onReject({
        kind: 'reject',
        line,
        reason: `expected ${width} fields, found ${fields.length}`,
        raw,
      });
  }
}

/** How many lines of the file come before the run `range`, not counting its header's (for line numbers). */
function linesBefore(path: string, range: CsvRange): number {
  const bytes = readBytes(path, range.headerEnd, range.start);
  let count = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) count++;
  return count;
}
