// Splitting a large CRM export into runs of whole lines, so several threads can read it at once, without
// reading the file here: each cut is the first line end past an even share of the file. Each run is read
// by simple-csv.ts with the file's header put in front; a run holding a quote or a carriage return (which
// simple-csv.ts does not read) makes the source be read whole instead (extract.ts).

import { statSync } from 'node:fs';
import { readBytes } from './read-text.js';
import { MAX_WHOLE_FILE_BYTES } from './simple-csv.js';

/**
 * A run of whole lines of a CSV: read bytes [0, headerEnd) (the header, and anything before it) and then
 * bytes [start, end). The first run starts at the file's start and has headerEnd 0.
 */
export interface CsvRange {
  headerEnd: number;
  start: number;
  end: number;
}

const NEWLINE = 0x0a;
const BOM = [0xef, 0xbb, 0xbf];
/** How much of the file is read to find the header's end, and past each share to find a line end. */
const WINDOW_BYTES = 64 * 1024;

/**
 * Cut the CSV at `path` into `parts` runs of about equal size at line ends. Null when the file is too
 * large to read whole (simple-csv.ts), its header or a line near a cut is longer than 64 KB, or it
 * has too few lines.
 */
export function splitCsvFile(path: string, parts: number): CsvRange[] | null {
  const size = statSync(path).size;
  if (size > MAX_WHOLE_FILE_BYTES || parts < 2) return null;
  const head = readBytes(path, 0, WINDOW_BYTES);
  let header = BOM.every((b, i) => head[i] === b) ? BOM.length : 0;
  while (head[header] === NEWLINE) header++;
  const headerEnd = head.indexOf(NEWLINE, header) + 1;
  if (headerEnd === 0) return null;
  const ranges: CsvRange[] = [];
  const step = (size - headerEnd) / parts;
  let from = 0;
  for (let k = 1; k < parts; k++) {
    const guess = Math.max(headerEnd + Math.floor(step * k), from);
    const newline = readBytes(path, guess, guess + WINDOW_BYTES).indexOf(NEWLINE);
    const cut = guess + newline + 1;
    if (newline < 0 || cut >= size) return null;
    ranges.push({ headerEnd: k === 1 ? 0 : headerEnd, start: from, end: cut });
    from = cut;
  }
  ranges.push({ headerEnd, start: from, end: size });
  return ranges;
}
