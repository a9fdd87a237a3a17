// CSV writing (RFC 4180 quoting): fields, lines, whole files and a streaming writer, every file
// written atomically. Kept apart from the reader (csv.ts) so writing does not load csv-parse.

import { createAtomicWriteStream, writeChunksAtomic } from './files.js';

/** A value that can be written to a CSV field. */
export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One RFC 4180 field: quoted (quotes doubled) when it holds a comma, quote, line break or edge space. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line, newline included (fields joined once: appending built a rope per field, ~1.4x slower). */
export function csvLine(values: readonly Cell[]): string {
  const fields = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) fields[i] = csvField(values[i]);
  return `${fields.join(',')}\n`;
}

/**
 * CSV text for a header and rows (arrays in header order). Written by hand rather than with
 * csv-stringify: quoting is a few lines, and csv-stringify was the slowest stage of large jobs.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return lines.join('');
}

/** Write a CSV atomically from rows given as arrays in header order, streaming it in chunks. */
export function writeCsvAtomic(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
): void {
  writeChunksAtomic(
    path,
    (function* () {
      yield csvLine(header);
      for (const row of rows) yield csvLine(row);
    })(),
  );
}

/** A streaming CSV writer for large outputs; the file appears only on `commit()`. */
export class CsvWriter {
  private readonly target;

  constructor(path: string, header: readonly string[]) {
    this.target = createAtomicWriteStream(path);
    this.target.stream.write(toCsv(header, []));
  }

  /** Append rows (arrays in header order). */
  write(rows: Iterable<readonly Cell[]>): void {
    let text = '';
    for (const row of rows) text += csvLine(row);
    if (text) this.target.stream.write(text);
  }

  /** Finish and move the file into place. */
  async commit(): Promise<void> {
    await this.target.commit();
  }

  /** Abandon the file. */
  abort(): void {
    this.target.abort();
  }
}
