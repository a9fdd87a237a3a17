// Reading one source and normalizing its records as they arrive: the unit of work a worker thread (or
// this thread, for small inputs) does. Knows nothing of threads or of the other source.

import type { IntegrateConfig } from './config.js';
import { extractCrm, extractEcommerce } from './extract.js';
import type { Extracted, RecordSink } from './extract.js';
import { normalizeCustomer } from './normalize-record.js';
import type { FieldProblem } from './normalize-record.js';
import { hashKeys } from './key-hashes.js';
import type { KeyHashes } from './key-hashes.js';
import type { Customer } from './types.js';

/** Which of the two exports to read. */
export type SourceKind = 'crm' | 'ecommerce';

/** What to read and how to clean it. */
export interface SourceRequest {
  kind: SourceKind;
  path: string;
  config: IntegrateConfig;
}

/** One source, read and normalized: its customers in input order, their key hashes, rejects and unusable values. */
export interface NormalizedSource extends Extracted {
  customers: Customer[];
  hashes: KeyHashes;
  problems: FieldProblem[];
}

/** Read and normalize one source; its customers are numbered from `firstIndex`. */
export async function readNormalizedSource(
  request: SourceRequest,
  firstIndex: number,
): Promise<NormalizedSource> {
  const customers: Customer[] = [];
  const problems: FieldProblem[] = [];
  // Records are normalized as they are read, so the raw rows never pile up in memory.
  const sink: RecordSink = (raw) =>
    customers.push(normalizeCustomer(raw, firstIndex + customers.length, request.config, problems));
  const extracted =
    request.kind === 'crm' ? await extractCrm(request.path, sink) : extractEcommerce(request.path, sink);
  return { ...extracted, customers, hashes: hashKeys(customers), problems };
}
