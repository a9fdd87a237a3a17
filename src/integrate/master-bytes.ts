// The master lines of customers alone in their cluster, written byte by byte when a reader's packed text
// is all ASCII (the common case): fields are copied from the text's bytes, quoted exactly as csvField
// would, with no string per field or per line. master-file.ts uses it and keeps the string path for
// any other text; both give the same bytes (tested).

import { PACKED_FIELD_SLOT, packedRecordBase } from './packed-customers.js';
import type { PackedCustomers } from './packed-customers.js';
import type { MasterPart } from './master-file.js';

/** In a part's plan: the record is not first in its cluster, so it has no line of its own. */
export const NO_LINE = 0;
/** In a part's plan: the record is first in a cluster of several, whose merged line the main thread makes. */
export const MERGED_LINE = -1;

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const ZERO = 0x30;
const ID_PREFIX = [0x43, 0x55, 0x53, 0x54]; // "CUST", as survivorship.ts's unifiedId
/** Fields written before the source system, in master column order; the status follows it. */
const LEADING_SLOTS = [
  PACKED_FIELD_SLOT.full_name,
  PACKED_FIELD_SLOT.email,
  PACKED_FIELD_SLOT.phone,
  PACKED_FIELD_SLOT.signup_date,
];

/** Whether `text` is all ASCII, so its latin1 bytes are its UTF-8 bytes, one per character. */
export function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

/** ASCII whitespace as the regexp `\s` sees it: tab, newline, vertical tab, form feed, return, space. */
function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** A growing output buffer. */
class ByteSink {
  bytes: Uint8Array<ArrayBuffer>;
  at = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Make room for `more` bytes. */
  reserve(more: number): void {
    if (this.at + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + more));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }
}

/** Copy src[from, to) as one CSV field, quoted (quotes doubled) when csvField would quote it. */
function writeField(src: Uint8Array, from: number, to: number, out: ByteSink): void {
  const bytes = out.bytes;
  let at = out.at;
  let quote = from < to && (isSpace(src[from]) || isSpace(src[to - 1]));
  for (let i = from; i < to && !quote; i++) {
    const b = src[i];
    quote = b === QUOTE || b === COMMA || b === NEWLINE || b === RETURN;
  }
  if (!quote) {
    for (let i = from; i < to; i++) bytes[at++] = src[i];
  } else {
    bytes[at++] = QUOTE;
    for (let i = from; i < to; i++) {
      if (src[i] === QUOTE) bytes[at++] = QUOTE;
      bytes[at++] = src[i];
    }
    bytes[at++] = QUOTE;
  }
  out.at = at;
}

/** Write unifiedId(number): CUST and the number, at least three digits. */
function writeId(number: number, out: ByteSink): void {
  const bytes = out.bytes;
  let at = out.at;
  for (const b of ID_PREFIX) bytes[at++] = b;
  const digits = String(number);
  for (let pad = digits.length; pad < 3; pad++) bytes[at++] = ZERO;
  for (let i = 0; i < digits.length; i++) bytes[at++] = digits.charCodeAt(i);
  out.at = at;
}

/**
 * formatMasterPart for a packed text that is all ASCII (see isAscii): the same bytes and gaps, written
 * straight from the text's bytes. `source` is the source system column.
 */
export function formatAsciiMasterPart(packed: PackedCustomers, source: string, plan: Int32Array): MasterPart {
  const src = Buffer.from(packed.text, 'latin1');
  const system = Buffer.from(source, 'utf8');
  const { offsets } = packed;
  const out = new ByteSink(src.length + plan.length * 24 + 1024);
  const gaps: number[] = [];
  for (let r = 0; r < plan.length; r++) {
    const number = plan[r];
    if (number === NO_LINE) continue;
    if (number === MERGED_LINE) {
      gaps.push(out.at);
      continue;
    }
    const base = packedRecordBase(r);
    // Worst case: every field byte a doubled quote, plus the id, separators, quotes and source system.
    out.reserve(2 * (offsets[base + 6] - offsets[base]) + system.length + 40);
    writeId(number, out);
    for (const slot of LEADING_SLOTS) {
      out.bytes[out.at++] = COMMA;
      writeField(src, offsets[base + slot], offsets[base + slot + 1], out);
    }
    out.bytes[out.at++] = COMMA;
    for (const b of system) out.bytes[out.at++] = b;
    out.bytes[out.at++] = COMMA;
    const status = base + PACKED_FIELD_SLOT.status;
    writeField(src, offsets[status], offsets[status + 1], out);
    out.bytes[out.at++] = NEWLINE;
  }
  return { bytes: out.bytes.subarray(0, out.at), gaps: Int32Array.from(gaps) };
}
