// Writing the job's files: customer_master.csv, duplicate_report.csv and integration_rejects.csv, atomically.
// Column layouts are the spec's; the log file is written by the job's logger.

import { join } from 'node:path';
import { csvField, csvLine, writeCsvAtomic } from '../core/csv.js';
import { writeChunksAtomic } from '../core/files.js';
import type { MergedCustomer } from './survivorship.js';
import type { RejectedRecord } from './types.js';

/** Output file names inside the output folder. */
export const OUTPUT_FILES = {
  master: 'customer_master.csv',
  duplicates: 'duplicate_report.csv',
  rejects: 'integration_rejects.csv',
  log: 'integration_log.txt',
} as const;

export const MASTER_COLUMNS = [
  'unified_id',
  'full_name',
  'email',
  'phone',
  'signup_date',
  'source_system',
  'status',
];
export const DUPLICATE_COLUMNS = ['kept_id', 'removed_ids', 'match_reason', 'removed_sources'];
export const REJECT_COLUMNS = ['source', 'location', 'reason', 'record'];

/**
 * Write the three CSV outputs into `outDir`; returns their paths. `customers` is read once, in order,
 * while the master file is written; the duplicate report follows from the ones that absorbed records.
 */
export function writeIntegrationOutputs(
  outDir: string,
  customers: Iterable<MergedCustomer>,
  rejects: readonly RejectedRecord[],
): string[] {
  const paths = [OUTPUT_FILES.master, OUTPUT_FILES.duplicates, OUTPUT_FILES.rejects].map((name) =>
    join(outDir, name),
  );
  const absorbing: MergedCustomer[] = [];
  writeChunksAtomic(paths[0], masterLines(customers, absorbing));
  writeCsvAtomic(
    paths[1],
    DUPLICATE_COLUMNS,
    absorbing.map((c) => [
      c.unifiedId,
      c.removed.map((r) => r.sourceId).join(','),
      c.matchReason.join('+'),
      ['CRM', 'ECOM'].filter((s) => c.removed.some((r) => r.source === s)).join('+'),
    ]),
  );
  writeCsvAtomic(
    paths[2],
    REJECT_COLUMNS,
    rejects.map((r) => [r.source, r.location, r.reason, r.record]),
  );
  return paths;
}

/**
 * The master file's lines (as writeCsvAtomic would write them), in order; customers that absorbed records
 * are also collected into `absorbing`. Each line is one join of its quoted fields rather than csvLine's
 * string-by-string appends: a million rows of small string pieces kept the young-generation GC busy.
 */
function* masterLines(customers: Iterable<MergedCustomer>, absorbing: MergedCustomer[]): Generator<string> {
  yield csvLine(MASTER_COLUMNS);
  for (const c of customers) {
    if (c.removed.length > 0) absorbing.push(c);
    const f = c.fields;
    const row = [c.unifiedId, f.full_name, f.email, f.phone, f.signup_date, c.sourceSystem, f.status];
    for (let i = 0; i < row.length; i++) row[i] = csvField(row[i]);
    yield `${row.join(',')}\n`;
  }
}
