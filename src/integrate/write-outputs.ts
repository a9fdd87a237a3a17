// Writing the job's files: customer_master.csv, duplicate_report.csv and integration_rejects.csv, atomically.
// Column layouts are the spec's; the log file is written by the job's logger.

import { join } from 'node:path';
import { csvLine, writeCsvAtomic } from '../core/csv-write.js';
import { writeFileAtomic } from '../core/files.js';
import { systemsOf } from './survivorship.js';
import type { MergedCustomer } from './survivorship.js';
import type { RejectedRecord } from './types.js';

/** Output file names inside the output folder. */
export const OUTPUT_FILES = {
  master: 'customer_master.csv',
  duplicates: 'duplicate_report.csv',
  rejects: 'integration_rejects.csv',
  log: 'integration_log.txt',
} as const;

export const DUPLICATE_COLUMNS = ['kept_id', 'removed_ids', 'match_reason', 'removed_sources'];
export const REJECT_COLUMNS = ['source', 'location', 'reason', 'record'];

/** The duplicate report's row for a customer that absorbed records. */
export function duplicateReportRow(c: MergedCustomer): string[] {
  return [
    c.unifiedId,
    c.removed.map((r) => r.sourceId).join(','),
    c.matchReason.join('+'),
    systemsOf(c.removed),
  ];
}

/**
 * Write the three CSV outputs into `outDir`; returns their paths. `master` is the master file's bytes
 * in pieces (master-file.ts); `duplicateLines` the duplicate report's lines as UTF-8 (csvLine of each
 * duplicateReportRow, in order), without the header.
 */
export function writeIntegrationOutputs(
  outDir: string,
  master: readonly Uint8Array[],
  duplicateLines: Uint8Array,
  rejects: readonly RejectedRecord[],
): string[] {
  const paths = [OUTPUT_FILES.master, OUTPUT_FILES.duplicates, OUTPUT_FILES.rejects].map((name) =>
    join(outDir, name),
  );
  writeFileAtomic(paths[0], master);
  writeFileAtomic(paths[1], [Buffer.from(csvLine(DUPLICATE_COLUMNS)), duplicateLines]);
  writeCsvAtomic(
    paths[2],
    REJECT_COLUMNS,
    rejects.map((r) => [r.source, r.location, r.reason, r.record]),
  );
  return paths;
}
