// Hashes of each record's exact match keys (email, phone, lowercased name), computed where the records are
// read, on the worker threads, so the main thread indexes keys without hashing or lowercasing 1M strings.

import { NA } from './types.js';
import type { Customer, CustomerRows, MatchKey } from './types.js';

/** The keys matched by equal values. */
export type ExactKey = Exclude<MatchKey, 'fuzzy_name'>;
export const EXACT_KEYS: readonly ExactKey[] = ['email', 'phone', 'name'];

/** One hash per record for each exact key: 0 where the value is N/A, never 0 otherwise. */
export type KeyHashes = Record<ExactKey, Int32Array<ArrayBuffer>>;

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
    const { email, phone, full_name: name } = customer.fields;
    this.columns.email[this.count] = email === NA ? 0 : hashString(email) || 1;
    this.columns.phone[this.count] = phone === NA ? 0 : hashString(phone) || 1;
    // The name is compared lowercased (same-text.ts), so its hash is of the lowercased name.
    this.columns.name[this.count] = name === NA ? 0 : hashLowercase(name) || 1;
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
  return avalanche(hash);
}

/** hashString(text.toLowerCase()), without making the lowercase string when `text` is all ASCII. */
export function hashLowercase(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return hashString(text.toLowerCase());
    hash = Math.imul(hash ^ (c >= 0x41 && c <= 0x5a ? c + 0x20 : c), 0x01000193);
  }
  return avalanche(hash);
}

function avalanche(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}
