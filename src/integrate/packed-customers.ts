// Customers packed for the trip from a worker thread, and read back without unpacking: all their strings
// in one text plus an Int32Array of offsets, which cross threads far cheaper than millions of strings.
// On the main thread each record's strings are sliced from the text only when read, so a million records
// cost a million small objects instead of eight million. No normalization here.

import type { Customer, CustomerField, SourceSystem } from './types.js';

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

/** The customers of a packed source, numbered from `firstIndex` in input order, read from the packed text. */
export function unpackCustomers(
  packed: PackedCustomers,
  source: SourceSystem,
  firstIndex: number,
): Customer[] {
  const customers: Customer[] = new Array<Customer>(packed.count);
  for (let i = 0; i < packed.count; i++)
    customers[i] = new PackedCustomer(packed, source, firstIndex + i, packedRecordBase(i));
  return customers;
}

/** The number of record `r`'s first string (its source id); its fields follow at PACKED_FIELD_SLOT. */
export function packedRecordBase(r: number): number {
  return r * STRINGS_PER_RECORD;
}

/** String number `k` of the packed text. */
export function packedString({ text, offsets }: PackedCustomers, k: number): string {
  return text.slice(offsets[k], offsets[k + 1]);
}

/** A customer whose strings stay in the packed text until read. */
class PackedCustomer implements Customer {
  constructor(
    private readonly packed: PackedCustomers,
    readonly source: SourceSystem,
    readonly index: number,
    private readonly base: number,
  ) {}

  get sourceId(): string {
    return packedString(this.packed, this.base + SOURCE_ID);
  }

  get fields(): Record<CustomerField, string> {
    return new PackedFields(this.packed, this.base);
  }
}

/** The unified fields of a packed customer, each sliced from the text when read. */
class PackedFields implements Record<CustomerField, string> {
  constructor(
    private readonly packed: PackedCustomers,
    private readonly base: number,
  ) {}

  get full_name(): string {
    return packedString(this.packed, this.base + PACKED_FIELD_SLOT.full_name);
  }
  get email(): string {
    return packedString(this.packed, this.base + PACKED_FIELD_SLOT.email);
  }
  get phone(): string {
    return packedString(this.packed, this.base + PACKED_FIELD_SLOT.phone);
  }
  get signup_date(): string {
    return packedString(this.packed, this.base + PACKED_FIELD_SLOT.signup_date);
  }
  get status(): string {
    return packedString(this.packed, this.base + PACKED_FIELD_SLOT.status);
  }
}
