// Customers packed for the trip from a worker thread, and read back without unpacking: all their strings
// in one text plus an Int32Array of offsets, which cross threads far cheaper than millions of strings.
// On the main thread a record's strings are sliced from the text only when read, and a record becomes an
// object only when asked for (for a key comparison or a merge). No normalization here.

import { sameSpan } from './same-text.js';
import type { Customer, CustomerField, CustomerRows, SourceSystem } from './types.js';

/** One source's customers as a single text and where each of their strings starts in it. */
export interface PackedCustomers {
  count: number;
  text: string;
  /** Record r's strings are text[offsets[6r + s] .. offsets[6r + s + 1]) for s = 0..5, source id first. */
  offsets: Int32Array<ArrayBuffer>;
}

/** Strings stored per record, in this order: the source id, then the unified fields. */
const STRINGS_PER_RECORD = 6;
const SOURCE_ID = 0;
/** Where each unified field sits among a record's strings. */
export const PACKED_FIELD_SLOT: Readonly<Record<CustomerField, number>> = {
  full_name: 1,
  email: 2,
  phone: 3,
  signup_date: 4,
  status: 5,
};

/** Records whose strings are joined into one piece at a time, so the strings die young. */
const RECORDS_PER_PIECE = 1024;

/**
 * Packs customers one at a time as they are normalized, so no per-customer object outlives its record:
 * strings are joined a piece of RECORDS_PER_PIECE records at a time, offsets kept in a growing array.
 */
export class CustomerPacker {
  private count = 0;
  private offsets = new Int32Array(RECORDS_PER_PIECE * STRINGS_PER_RECORD + 1);
  private pending: string[] = [];
  private readonly pieces: string[] = [];

  /** Add the next customer (all from one source, in input order). */
  add({ sourceId, fields }: Customer): void {
    const k = this.count * STRINGS_PER_RECORD;
    if (k + STRINGS_PER_RECORD >= this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.put(k + SOURCE_ID, sourceId);
    this.put(k + PACKED_FIELD_SLOT.full_name, fields.full_name);
    this.put(k + PACKED_FIELD_SLOT.email, fields.email);
    this.put(k + PACKED_FIELD_SLOT.phone, fields.phone);
    this.put(k + PACKED_FIELD_SLOT.signup_date, fields.signup_date);
    this.put(k + PACKED_FIELD_SLOT.status, fields.status);
    if (++this.count % RECORDS_PER_PIECE === 0) this.flush();
  }

  /** The customers added so far, packed for postMessage; transfer `offsets.buffer`. */
  finish(): PackedCustomers {
    this.flush();
    const offsets = this.offsets.slice(0, this.count * STRINGS_PER_RECORD + 1);
    return { count: this.count, text: this.pieces.join(''), offsets };
  }

  /** Append string number `k` (strings are appended in slot order). */
  private put(k: number, value: string): void {
    this.pending.push(value);
    this.offsets[k + 1] = this.offsets[k] + value.length;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.pieces.push(this.pending.join(''));
    this.pending = [];
  }
}

/** The number of record `r`'s first string (its source id); its fields follow at PACKED_FIELD_SLOT. */
export function packedRecordBase(r: number): number {
  return r * STRINGS_PER_RECORD;
}

/** String number `k` of the packed text. */
export function packedString({ text, offsets }: PackedCustomers, k: number): string {
  return text.slice(offsets[k], offsets[k + 1]);
}

/** One source's packed customers, and the system they came from. */
export interface PackedSource {
  packed: PackedCustomers;
  source: SourceSystem;
}

/**
 * The customers of several packed sources numbered one after the other, read from the packed text only
 * when asked for: no object per customer lives on the main thread.
 */
export class PackedCustomerTable implements CustomerRows {
  readonly count: number;
  /** Position of each source's first customer, plus the total at the end. */
  private readonly firsts: number[] = [0];

  constructor(private readonly sources: readonly PackedSource[]) {
    for (const { packed } of sources) this.firsts.push(this.firsts[this.firsts.length - 1] + packed.count);
    this.count = this.firsts[sources.length];
  }

  customer(index: number): Customer {
    const s = this.sourceOf(index);
    const { packed, source } = this.sources[s];
    const base = packedRecordBase(index - this.firsts[s]);
    return {
      source,
      sourceId: packedString(packed, base + SOURCE_ID),
      index,
      fields: {
        full_name: packedString(packed, base + PACKED_FIELD_SLOT.full_name),
        email: packedString(packed, base + PACKED_FIELD_SLOT.email),
        phone: packedString(packed, base + PACKED_FIELD_SLOT.phone),
        signup_date: packedString(packed, base + PACKED_FIELD_SLOT.signup_date),
        status: packedString(packed, base + PACKED_FIELD_SLOT.status),
      },
    };
  }

  field(index: number, field: CustomerField): string {
    const s = this.sourceOf(index);
    const base = packedRecordBase(index - this.firsts[s]);
    return packedString(this.sources[s].packed, base + PACKED_FIELD_SLOT[field]);
  }

  /** Compares the two fields in place in the packed text (same-text.ts), slicing neither. */
  sameField(i: number, j: number, field: CustomerField, lowercase: boolean): boolean {
    const si = this.sourceOf(i);
    const sj = this.sourceOf(j);
    const a = this.sources[si].packed;
    const b = this.sources[sj].packed;
    const ka = packedRecordBase(i - this.firsts[si]) + PACKED_FIELD_SLOT[field];
    const kb = packedRecordBase(j - this.firsts[sj]) + PACKED_FIELD_SLOT[field];
    const aFrom = a.offsets[ka];
    const bFrom = b.offsets[kb];
    return sameSpan(a.text, aFrom, a.offsets[ka + 1], b.text, bFrom, b.offsets[kb + 1], lowercase);
  }

  private sourceOf(index: number): number {
    if (index < 0 || index >= this.count) throw new RangeError(`no customer ${index}`);
    let s = 0;
    while (index >= this.firsts[s + 1]) s++;
    return s;
  }
}
