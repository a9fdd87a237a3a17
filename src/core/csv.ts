// Streaming CSV read (csv-parse), with line numbers and rejects. Rows with the wrong field count or
// broken quoting are returned as rejects, never dropped. Writing is csv-write.ts's.

import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { InputError } from './errors.js';
import { requireFile } from './files.js';

/** One usable data row: its 1-based physical line number and its values by column name. */
export interface CsvRow {
  kind: 'row';
  line: number;
  values: Record<string, string>;
}

/** A row that could not be used, with the reason and the raw text when known. */
export interface CsvReject {
  kind: 'reject';
  line: number;
  reason: string;
  raw: string;
}

export type CsvRecord = CsvRow | CsvReject;

/** Options for reading a CSV file. */
export interface ReadCsvOptions {
  /** How the user knows the file ("CRM export"), for error messages. */
  what?: string;
  /** Columns that must be present in the header; a missing one is an InputError listing those present. */
  requiredColumns?: readonly string[];
}

/** An open CSV: its header, then its records in order. */
export interface CsvSource {
  header: string[];
  records: AsyncIterable<CsvRecord>;
}

/**
 * Open a CSV file for streaming. The header is read and checked before any record is returned.
 * An empty file has an empty header and no records.
 */
export async function openCsv(path: string, options: ReadCsvOptions = {}): Promise<CsvSource> {
  const what = options.what ?? 'CSV file';
  requireFile(path, what);
  const skipped: CsvReject[] = [];
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      raw: true,
      on_skip: (error: { message: string; lines?: number } | undefined, raw?: string) => {
        skipped.push({
          kind: 'reject',
          line: error?.lines ?? 0,
          reason: error?.message ?? 'unparseable row',
          raw: raw ?? '',
        });
      },
    }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { lines: number };
    raw: string;
  }>;
  const first = await iterator.next();
  if (first.done) return { header: [], records: (async function* () {})() };
  const header = first.value.record.map((h) => h.trim());
  const missing = (options.requiredColumns ?? []).filter((c) => !header.includes(c));
  if (missing.length > 0) {
    parser.destroy();
    throw new InputError(
      `${what} ${path} is missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      `columns present: ${header.join(', ') || '(none)'}`,
    );
  }
  async function* records(): AsyncGenerator<CsvRecord> {
    for (;;) {
      const next = await iterator.next();
      while (skipped.length > 0) yield skipped.shift() as CsvReject;
      if (next.done) break;
      const { record, info, raw } = next.value;
      // info.lines is the line the record ends on; raw may start with skipped blank lines.
      const body = raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
      const line = info.lines - (body.match(/\n/g)?.length ?? 0);
      if (record.length !== header.length) {
        yield {
          kind: 'reject',
          line,
          reason: `expected ${header.length} fields, found ${record.length}`,
          raw: body,
        };
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) values[header[i]] = record[i];
      yield { kind: 'row', line, values };
    }
  }
  return { header, records: records() };
}

/** Read a whole (small) CSV into memory: header, rows and rejects. */
export async function readCsvFile(
  path: string,
  options: ReadCsvOptions = {},
): Promise<{ header: string[]; rows: CsvRow[]; rejects: CsvReject[] }> {
  const { header, records } = await openCsv(path, options);
  const rows: CsvRow[] = [];
  const rejects: CsvReject[] = [];
  for await (const record of records) (record.kind === 'row' ? rows : rejects).push(record as never);
  return { header, rows, rejects };
}
