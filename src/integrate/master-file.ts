// The bytes of customer_master.csv, made in parts: each source's reader formats the lines of its own
// records that stand alone (most of them) while the main thread merges the clusters of several records;
// the main thread then splices the merged lines into the gaps left for them. No survivorship here.

import { csvField, csvLine } from '../core/csv-write.js';
import type { LineBytes } from '../core/line-bytes.js';
import { finishAsciiMasterPart, isAscii, MERGED_LINE, NO_LINE, prepareAsciiLines } from './master-bytes.js';
import type { PreparedLines } from './master-bytes.js';
import type { Clusters } from './match.js';
import { packedString, PACKED_FIELD_SLOT, packedRecordBase } from './packed-customers.js';
import type { PackedCustomers } from './packed-customers.js';
import { unifiedId } from './survivorship.js';
import { CUSTOMER_FIELDS } from './types.js';
import type { CustomerField, SourceSystem } from './types.js';

export const MASTER_COLUMNS = [
  'unified_id',
  'full_name',
  'email',
  'phone',
  'signup_date',
  'source_system',
  'status',
];

export { MERGED_LINE, NO_LINE };

/**
 * For each record (all sources, in input order), what its master line is: the unified number of a
 * cluster it forms alone, MERGED_LINE when it is first in a cluster of several, else NO_LINE.
 */
export function masterPlan(clusters: Clusters, recordCount: number): Int32Array {
  const plan = new Int32Array(recordCount);
  for (let c = 0; c < clusters.count; c++) {
    const first = clusters.start[c];
    plan[clusters.members[first]] = clusters.start[c + 1] - first === 1 ? c + 1 : MERGED_LINE;
  }
  return plan;
}

/**
 * One master line (as writeCsvAtomic would write it) from an output customer's parts. Joined from an
 * array, so the line is one flat string rather than a tree of pieces that lives as long as the line.
 */
export function masterLine(
  id: string,
  f: Readonly<Record<CustomerField, string>>,
  sourceSystem: string,
): string {
  const status = `${csvField(f.status)}\n`;
  return [
    id,
    csvField(f.full_name),
    csvField(f.email),
    csvField(f.phone),
    csvField(f.signup_date),
    sourceSystem,
    status,
  ].join(',');
}

/** A source's share of the master file: its lines as UTF-8, with the byte offsets where merged lines go. */
export interface MasterPart {
  bytes: Uint8Array<ArrayBuffer>;
  /** Where each MERGED_LINE record's line belongs in `bytes`, in record order. */
  gaps: Int32Array<ArrayBuffer>;
}

/** Lines joined into one string at a time, so the small strings die young. */
const LINES_PER_RUN = 1024;

/**
 * The lines of one source's records written ahead of the plan, all but their ids, when its packed text
 * is all ASCII (master-bytes.ts); null for any other text, which formatMasterPart writes through strings.
 * `maxNumber` is the largest unified number the plan may give (the number of records).
 */
export function prepareMasterLines(
  packed: PackedCustomers,
  source: SourceSystem,
  maxNumber: number,
): PreparedLines | null {
  return isAscii(packed.text) ? prepareAsciiLines(packed, source, maxNumber) : null;
}

/**
 * Format the lines of one source's records from its packed text, following `plan` (one entry per record,
 * see masterPlan): a line for each record alone in its cluster, a gap for each first of several. An
 * all-ASCII text is written byte by byte, from `prepared` when prepareMasterLines was called ahead (it is
 * then used up), any other text through strings.
 */
export function formatMasterPart(
  packed: PackedCustomers,
  source: SourceSystem,
  plan: Int32Array,
  prepared = prepareMasterLines(packed, source, largest(plan)),
): MasterPart {
  if (prepared) return finishAsciiMasterPart(prepared, plan);
  const runs: string[] = [];
  const gapRuns: number[] = [];
  let lines: string[] = [];
  const fields = {} as Record<CustomerField, string>;
  for (let r = 0; r < plan.length; r++) {
    const number = plan[r];
    if (number === NO_LINE) continue;
    if (number === MERGED_LINE) {
      runs.push(lines.join(''));
      lines = [];
      gapRuns.push(runs.length);
      continue;
    }
    const base = packedRecordBase(r);
    for (const field of CUSTOMER_FIELDS)
      fields[field] = packedString(packed, base + PACKED_FIELD_SLOT[field]);
    lines.push(masterLine(unifiedId(number), fields, source));
    if (lines.length === LINES_PER_RUN) {
      runs.push(lines.join(''));
      lines = [];
    }
  }
  runs.push(lines.join(''));
  return encodeRuns(runs, gapRuns);
}

/** The largest entry of `plan`, or 0. */
function largest(plan: Int32Array): number {
  let max = 0;
  for (const number of plan) if (number > max) max = number;
  return max;
}

/** Encode runs of text one after another, noting the byte offset before each run listed in `gapRuns`. */
function encodeRuns(runs: readonly string[], gapRuns: readonly number[]): MasterPart {
  const starts = new Int32Array(runs.length + 1);
  for (let i = 0; i < runs.length; i++) starts[i + 1] = starts[i] + Buffer.byteLength(runs[i]);
  const bytes = new Uint8Array(starts[runs.length]);
  const view = Buffer.from(bytes.buffer);
  for (let i = 0; i < runs.length; i++) view.write(runs[i], starts[i]);
  return { bytes, gaps: Int32Array.from(gapRuns, (run) => starts[run]) };
}

/**
 * The whole master file as pieces to write one after another: its header, then each part in order
 * with the merged lines (one per gap, in the order of the parts' gaps) spliced in. The pieces are views
 * of the parts and of `mergedLines`, not copies.
 */
export function assembleMaster(parts: readonly MasterPart[], mergedLines: LineBytes): Uint8Array[] {
  const pieces: Uint8Array[] = [Buffer.from(csvLine(MASTER_COLUMNS))];
  let merged = 0;
  for (const { bytes, gaps } of parts) {
    let copied = 0;
    for (const gap of gaps) {
      pieces.push(bytes.subarray(copied, gap));
      if (merged === mergedLines.count) throw new Error('master file: more gaps than merged lines');
      pieces.push(mergedLines.line(merged++));
      copied = gap;
    }
    pieces.push(bytes.subarray(copied));
  }
  if (merged !== mergedLines.count)
    throw new Error('master file: the merged lines do not fit the gaps left for them');
  return pieces;
}
