// The `json` extractor: a JSON array of objects (or the array under `key`) into a text-column dataset.
// Nested values are kept as JSON text; it does not flatten them.

import { readJsonFile } from '../../core/config.js';
import { quoteIdent } from '../../core/engine.js';
import type { SqlValue } from '../../core/engine.js';
import { InputError } from '../../core/errors.js';
import { formatCount } from '../../core/text.js';
import type { SourceConfig } from '../config.js';
import type { RunPath } from '../paths.js';
import type { StepContext, StepOutcome } from '../steps.js';
import { FileExtractor } from './file-extractor.js';

const BATCH_ROWS = 200;

/** Reads one JSON source. */
export class JsonExtractor extends FileExtractor {
  constructor(source: SourceConfig) {
    super(source, 'json');
  }

  protected async read(path: RunPath, context: StepContext): Promise<StepOutcome> {
    const records = recordsOf(
      readJsonFile(path.absolute, `source "${this.name}"`),
      this.source.key,
      path.absolute,
    );
    const columns = columnsOf(records);
    if (columns.length === 0)
      throw new InputError(
        `source "${this.name}" has no fields: ${path.absolute}`,
        'expected objects such as {"product_id": "P001", ...}',
      );
    const table = context.datasets.newTable(this.output);
    await context.engine.run(
      `CREATE TABLE ${table} (${columns.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')})`,
    );
    for (let start = 0; start < records.length; start += BATCH_ROWS) {
      const batch = records.slice(start, start + BATCH_ROWS);
      const params: SqlValue[] = batch.flatMap((record) => columns.map((column) => cellText(record[column])));
      const tuples = batch.map(
        (_, row) => `(${columns.map((__, col) => `$${row * columns.length + col + 1}`).join(', ')})`,
      );
      await context.engine.run(`INSERT INTO ${table} VALUES ${tuples.join(', ')}`, params);
    }
    const rows = await context.datasets.publish(this.output, table);
    context.log.info(`  Records: ${formatCount(rows)}`);
    return { recordsIn: rows, recordsOut: rows };
  }
}

/** The records of a parsed JSON document: the top-level array, or the array under `key`. */
export function recordsOf(
  document: unknown,
  key: string | undefined,
  path: string,
): Record<string, unknown>[] {
  const found = key === undefined ? document : isObject(document) ? document[key] : undefined;
  const where = key === undefined ? 'the top level' : `key "${key}"`;
  if (!Array.isArray(found))
    throw new InputError(
      `${path}: expected an array of objects at ${where}`,
      key === undefined
        ? 'set "key" on the source if the array sits under a key'
        : 'check the source\'s "key"',
    );
  found.forEach((item, index) => {
    if (!isObject(item))
      throw new InputError(
        `${path}: item [${index}] at ${where} is not an object`,
        'every record must be a JSON object',
      );
  });
  return found as Record<string, unknown>[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field names in order of first appearance. */
function columnsOf(records: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) seen.add(key);
  return [...seen];
}

function cellText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}
