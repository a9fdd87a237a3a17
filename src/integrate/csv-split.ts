// Splitting a large quote-free CRM export into runs of whole lines, so several threads can read it at
// once. Only finds the cuts; each run is read by simple-csv.ts with the file's header put in front.

import { statSync } from 'node:fs';
import { readShared } from './read-text.js';
import { MAX_WHOLE_FILE_BYTES } from './simple-csv.js';

/**
 * A run of whole lines of a CSV: read bytes [0, headerEnd) (the header, and anything before it) and then
 * bytes [start, end); the run's first line is line `firstLine` of the file.
 */
export interface CsvRange {
  headerEnd: number;
  start: number;
  end: number;
  firstLine: number;
  /** The whole file's bytes, shared between threads (read-text.ts), when the split read them. */
  file?: Uint8Array;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const CARRIAGE_RETURN = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Cut the CSV at `path` into `parts` runs of about equal size at line ends. Null unless the file is
 * one simple-csv.ts reads whole (no `"`, no `\r`, not too large) and has a header line and enough lines.
 * Each run carries the file's bytes, read once and shared, for its reader.
 */
export function splitCsvFile(path: string, parts: number): CsvRange[] | null {
  if (statSync(path).size > MAX_WHOLE_FILE_BYTES) return null;
  const file = readShared(path);
  return splitCsvBytes(file, parts)?.map((range) => ({ ...range, file })) ?? null;
}

/** splitCsvFile on the file's bytes. */
export function splitCsvBytes(bytes: Buffer, parts: number): CsvRange[] | null {
  if (parts < 2 || bytes.includes(QUOTE) || bytes.includes(CARRIAGE_RETURN)) return null;
  let header = BOM.every((b, i) => bytes[i] === b) ? BOM.length : 0;
  while (bytes[header] === NEWLINE) header++;
  const headerEnd = bytes.indexOf(NEWLINE, header) + 1;
  if (headerEnd === 0) return null;
  const ranges: CsvRange[] = [];
  const step = (bytes.length - headerEnd) / parts;
  let from = 0;
  let firstLine = 1;
  for (let k = 1; k < parts; k++) {
    const cut = bytes.indexOf(NEWLINE, Math.max(headerEnd + Math.floor(step * k), from)) + 1;
    if (cut === 0 || cut >= bytes.length) return null;
    ranges.push({ headerEnd: 0, start: from, end: cut, firstLine });
    firstLine += countNewlines(bytes, from, cut);
    from = cut;
  }
  ranges.push({ headerEnd: 0, start: from, end: bytes.length, firstLine });
  return ranges.map((range, k) => (k === 0 ? range : { ...range, headerEnd }));
}

function countNewlines(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (bytes[i] === NEWLINE) count++;
  return count;
}
