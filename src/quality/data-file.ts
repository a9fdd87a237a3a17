// The data file's header, read without scanning the file: column names, or "empty" for a file with no
// header at all. Does not read records; evaluate.ts scans them with DuckDB.

import { closeSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { requireFile } from '../core/files.js';

/** What the first line of a data file says. */
export type DataHeader = { kind: 'empty' } | { kind: 'columns'; columns: string[] };

const HEAD_BYTES = 1 << 20;

/** Read the header line of a CSV (the first 1 MiB at most); a duplicate or nameless column is an InputError. */
export function readDataHeader(path: string): DataHeader {
  requireFile(path, 'data file', 'check --date and --dir, or pass the file with --data');
  const buffer = Buffer.alloc(HEAD_BYTES);
  const fd = openSync(path, 'r');
  let length: number;
  try {
    length = readSync(fd, buffer, 0, HEAD_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const text = buffer
    .subarray(0, length)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const newline = text.indexOf('\n');
  if (newline < 0 && length === HEAD_BYTES)
    throw new InputError(
      `data file ${path}: the header line is longer than 1 MiB`,
      'check that the file is a CSV with a header line',
    );
  const firstLine = (newline < 0 ? text : text.slice(0, newline)).replace(/\r$/, '');
  if (firstLine.trim() === '') return { kind: 'empty' };
  let cells: string[];
  try {
    cells = (parse(firstLine, { relax_quotes: false }) as string[][])[0] ?? [];
  } catch (error) {
    throw new InputError(
      `data file ${path}:1: the header line is not valid CSV: ${(error as Error).message}`,
      'fix the header line',
    );
  }
  const columns = cells.map((cell) => cell.trim());
  columns.forEach((column, index) => {
    if (column === '')
      throw new InputError(
        `data file ${path}:1: column ${index + 1} has no name`,
        'give every column a name in the header line',
      );
    if (columns.indexOf(column) !== index)
      throw new InputError(
        `data file ${path}:1: column "${column}" appears twice`,
        'give every column a distinct name',
      );
  });
  return { kind: 'columns', columns };
}
