// Reading one source (or one run of it) and normalizing its records as they arrive: the unit of work a
// worker thread (or this thread, for small inputs) does. Each record is packed and its keys hashed as soon as it is clean,
// so no per-customer object outlives its record. Knows nothing of threads or of the other source.

import type { IntegrateConfig } from './config.js';
import { extractCrm, extractEcommerce } from './extract.js';
import type { Extracted, RecordSink } from './extract.js';
import { normalizeCustomer } from './normalize-record.js';
import type { FieldProblem } from './normalize-record.js';
import type { CsvRange } from './csv-split.js';
import type { JsonRange } from './json-split.js';
import { KeyHasher } from './key-hashes.js';
import type { KeyHashes } from './key-hashes.js';
import { CustomerPacker } from './packed-customers.js';
import type { PackedCustomers } from './packed-customers.js';
import type { SourceSystem } from './types.js';

/** Which of the two exports to read. */
export type SourceKind = 'crm' | 'ecommerce';

/** The system each export comes from, as the outputs name it. */
export const SOURCE_SYSTEM: Readonly<Record<SourceKind, SourceSystem>> = { crm: 'CRM', ecommerce: 'ECOM' };

/** What to read and how to clean it. */
export interface SourceRequest {
  kind: SourceKind;
  path: string;
  config: IntegrateConfig;
  /** For the CRM export: read only this run of lines (csv-split.ts). */
  csvRange?: CsvRange;
  /** For the e-commerce export: read only this run of elements (json-split.ts). */
  jsonRange?: JsonRange;
}

/** One source, read and normalized: its customers packed in input order, their key hashes, rejects and unusable values. */
export interface NormalizedSource extends Extracted {
  packed: PackedCustomers;
  hashes: KeyHashes;
  problems: FieldProblem[];
}

/** Read and normalize one source (its customers numbered from 0; unpacking renumbers them). */
export async function readNormalizedSource(request: SourceRequest): Promise<NormalizedSource> {
  const packer = new CustomerPacker();
  const hasher = new KeyHasher();
  const problems: FieldProblem[] = [];
  let index = 0;
  const sink: RecordSink = (raw) => {
    const customer = normalizeCustomer(raw, index++, request.config, problems);
    packer.add(customer);
    hasher.add(customer);
  };
  const extracted =
    request.kind === 'crm'
      ? await extractCrm(request.path, sink, request.csvRange)
      : extractEcommerce(request.path, sink, request.jsonRange);
  return { ...extracted, packed: packer.finish(), hashes: hasher.finish(), problems };
}
