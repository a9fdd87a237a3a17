// Aggregates job outputs that grow with the data (customer masters, duplicate and detail reports,
// inventories) in embedded DuckDB, so a million-row CSV takes a fraction of a second. Never writes files.

import { relative } from 'node:path';
import { withEngine, quoteIdent } from '../../core/engine.js';
import type { SqlRow } from '../../core/engine.js';
import { InputError } from '../../core/errors.js';
import { memoByFile } from './memo.js';

/** Picks the first of `names` the CSV has, as a quoted identifier, or a NULL text value if none. */
export type ColumnPicker = (...names: string[]) => string;

// Fixed reading options: text columns, short rows padded, unparseable rows skipped rather than fatal.
const SOURCE =
  "read_csv($1, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', null_padding = true, ignore_errors = true)";

/**
 * Run the query `name` over the CSV at `path`. `sql` receives a column picker and reads `{csv}`, which
 * becomes the file's table function. Results are remembered until the file changes.
 */
export function queryCsv(
  root: string,
  path: string,
  name: string,
  sql: (column: ColumnPicker) => string,
): Promise<SqlRow[]> {
  return memoByFile(path, `csv:${name}`, async () => {
    try {
      return await withEngine(
        async (engine) => {
          const described = await engine.all(`DESCRIBE SELECT * FROM ${SOURCE}`, [path]);
          const columns = new Set(described.map((row) => String(row.column_name)));
          const column: ColumnPicker = (...names) => {
            const found = names.find((name) => columns.has(name));
            return found ? quoteIdent(found) : 'CAST(NULL AS VARCHAR)';
          };
          return engine.all(sql(column).replaceAll('{csv}', SOURCE), [path]);
        },
        { threads: 2 },
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new InputError(
        `cannot read ${relative(root, path)}: ${reason}`,
        'check that the file is a CSV with a header row',
      );
    }
  });
}

/** Counts per value as the dashboard lists them, most frequent first. */
export function toCounts(rows: readonly SqlRow[]): { value: string; count: number }[] {
  return rows.map((row) => ({ value: String(row.value ?? ''), count: Number(row.count) }));
}
