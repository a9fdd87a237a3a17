// Customers packed for the trip from a worker thread: all their strings in one text plus an Int32Array of
// lengths, which cross threads far cheaper than millions of separate strings. No normalization here.

import type { Customer, SourceSystem } from './types.js';

/** One source's customers as a single text and the length of each string in it, record by record. */
export interface PackedCustomers {
  count: number;
  text: string;
  lengths: Int32Array<ArrayBuffer>;
}

/** Strings stored per record, in this order: the source id, then the unified fields. */
const STRINGS_PER_RECORD = 6;

/** Pack `customers` (all from one source) for postMessage; transfer `lengths.buffer`. */
export function packCustomers(customers: readonly Customer[]): PackedCustomers {
  const lengths = new Int32Array(customers.length * STRINGS_PER_RECORD);
  const parts: string[] = new Array<string>(lengths.length);
  let k = 0;
  const put = (value: string) => {
    lengths[k] = value.length;
    parts[k++] = value;
  };
  for (const { sourceId, fields } of customers) {
    put(sourceId);
    put(fields.full_name);
    put(fields.email);
    put(fields.phone);
    put(fields.signup_date);
    put(fields.status);
  }
  return { count: customers.length, text: parts.join(''), lengths };
}

/** The customers of a packed source, numbered from `firstIndex` in input order. */
export function unpackCustomers(
  packed: PackedCustomers,
  source: SourceSystem,
  firstIndex: number,
): Customer[] {
  const { text, lengths } = packed;
  const customers: Customer[] = new Array<Customer>(packed.count);
  let offset = 0;
  let k = 0;
  const next = () => text.slice(offset, (offset += lengths[k++]));
  for (let i = 0; i < packed.count; i++) {
    const sourceId = next();
    customers[i] = {
      source,
      sourceId,
      index: firstIndex + i,
      fields: { full_name: next(), email: next(), phone: next(), signup_date: next(), status: next() },
    };
  }
  return customers;
}
