// The `csv` extractor: reads a CSV (path with `{date}`) into a dataset with every column as text.
// Malformed lines (wrong field count) become rejects with their line number; types are cast later.

import { statSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { formatCount } from '../../core/text.js';
import type { SourceConfig } from '../config.js';
import type { RunPath } from '../paths.js';
import type { StepContext, StepOutcome } from '../steps.js';
import { FileExtractor } from './file-extractor.js';

const READ_CSV = `read_csv($1, header = true, all_varchar = true, auto_detect = true, quote = '"', escape = '"', store_rejects = true)`;

/** Reads one CSV source. */
export class CsvExtractor extends FileExtractor {
  constructor(source: SourceConfig) {
    super(source, 'csv');
  }

  protected async read(path: RunPath, context: StepContext): Promise<StepOutcome> {
    if (statSync(path.absolute).size === 0)
      throw new InputError(
        `source "${this.name}" is an empty file: ${path.absolute}`,
        'a CSV source needs at least a header line',
      );
    const table = context.datasets.newTable(this.output);
    try {
      await context.engine.run(`CREATE TABLE ${table} AS SELECT * FROM ${READ_CSV}`, [path.absolute]);
    } catch (error) {
      throw new InputError(
        `cannot read source "${this.name}" (${path.absolute}): ${firstLine(error)}`,
        'check that the file is UTF-8 CSV with a header line',
      );
    }
    const malformed = await this.keepMalformedLines(context);
    const rows = await context.datasets.publish(this.output, table);
    context.log.info(`  Records: ${formatCount(rows)}`);
    if (malformed > 0) context.log.warn(`  ${formatCount(malformed)} malformed line(s) rejected`);
    return { recordsIn: rows + malformed, recordsOut: rows, dropped: { malformed } };
  }

  private async keepMalformedLines(context: StepContext): Promise<number> {
    const rejects = await context.engine.all<{ line: number; csv_line: string; error_message: string }>(
      `SELECT line, csv_line, error_message FROM reject_errors WHERE scan_id = (SELECT max(scan_id) FROM reject_scans) ORDER BY line`,
    );
    for (const reject of rejects)
      await context.datasets.rejectLine(
        this.name,
        this.output,
        Number(reject.line),
        `malformed line: ${reject.error_message}`,
        reject.csv_line,
      );
    return rejects.length;
  }
}

/** The first line of an error's message (DuckDB's can run to several). */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
