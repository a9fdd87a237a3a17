// Hashes of each record's exact match keys (email, phone, lowercased name), computed where the records are
// read, on the worker threads, so the main thread indexes keys without hashing or lowercasing 1M strings.

import { NA } from './types.js';
import type { Customer, CustomerRows, MatchKey } from './types.js';

/** The keys matched by equal values. */
export type ExactKey = Exclude<MatchKey, 'fuzzy_name'>;
export const EXACT_KEYS: readonly ExactKey[] = ['email', 'phone', 'name'];

/** One hash per record for each exact key: 0 where the value is N/A, never 0 otherwise. */
export type KeyHashes = Record<ExactKey, Int32Array<ArrayBuffer>>;

/** The value compared for `key`: the field, the name lowercased; null for N/A, which never matches. */
export function keyText(customer: Customer, key: ExactKey): string | null {
  const value = key === 'name' ? customer.fields.full_name : customer.fields[key];
  if (value === NA) return null;
  return key === 'name' ? value.toLowerCase() : value;
}

/** Hash every record's keys. */
export function hashKeys(customers: CustomerRows): KeyHashes {
  const hashes = new KeyHasher();
  for (let i = 0; i < customers.count; i++) hashes.add(customers.customer(i));
  return hashes.finish();
}

/** Hashes records' keys one at a time, as they are read, into growing columns. */
export class KeyHasher {
  private count = 0;
  private columns = emptyKeyHashes(1024);

  /** Hash the next record's keys. */
  add(customer: Customer): void {
    if (this.count === this.columns.email.length) this.columns = grown(this.columns, this.count * 2);
    for (const key of EXACT_KEYS) {
      const text = keyText(customer, key);
      this.columns[key][this.count] = text === null ? 0 : hashString(text) || 1;
    }
    this.count++;
  }

  /** The hashes of the records added so far; transfer their buffers. */
  finish(): KeyHashes {
    return grown(this.columns, this.count);
  }
}

/** Copies of `hashes` resized to `count` records. */
function grown(hashes: KeyHashes, count: number): KeyHashes {
  const out = emptyKeyHashes(count);
  for (const key of EXACT_KEYS) out[key].set(hashes[key].subarray(0, count));
  return out;
}

/** The hashes of several sources, one after the other. */
export function concatKeyHashes(parts: readonly KeyHashes[]): KeyHashes {
  const out = emptyKeyHashes(parts.reduce((n, part) => n + part.email.length, 0));
  for (const key of EXACT_KEYS) {
    let offset = 0;
    for (const part of parts) {
      out[key].set(part[key], offset);
      offset += part[key].length;
    }
  }
  return out;
}

function emptyKeyHashes(count: number): KeyHashes {
  return { email: new Int32Array(count), phone: new Int32Array(count), name: new Int32Array(count) };
}

/** FNV-1a over UTF-16 code units, with a final avalanche so low bits spread. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}
