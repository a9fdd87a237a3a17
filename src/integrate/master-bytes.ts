// The master lines of customers alone in their cluster, written byte by byte when a reader's packed text
// is all ASCII (the common case): fields are copied from the text's bytes, quoted exactly as csvField
// would, with no string per field or per line. Every record's line but its id is written ahead, while
// the main thread clusters; once the plan is known, the ids are written and the lines that stand alone
// moved together in place. master-file.ts uses it and keeps the string path for any other text; both
// give the same bytes (tested).

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

/** A run's master lines written ahead of the plan: each record's line after its id, behind a slot for the id. */
export interface PreparedLines {
  /** Record r's line without its id is bytes[starts[r] + slot, starts[r + 1]). */
  bytes: Uint8Array<ArrayBuffer>;
  starts: Int32Array;
  /** Bytes left before each line for its id: CUST and the widest number the plan may give. */
  slot: number;
}

/** How many digits unifiedId writes for `number`: at least three. */
function idDigits(number: number): number {
  return Math.max(3, String(number).length);
}

/**
 * Write every record's master line but its id, for a packed text that is all ASCII (see isAscii):
 * the fields copied from the text's bytes and quoted exactly as csvField would. `source` is the source
 * system column; `maxNumber` the largest unified number the plan may give (the number of records).
 */
export function prepareAsciiLines(packed: PackedCustomers, source: string, maxNumber: number): PreparedLines {
  const src = Buffer.from(packed.text, 'latin1');
  const system = Buffer.from(source, 'utf8');
  const { offsets, count } = packed;
  const slot = ID_PREFIX.length + idDigits(maxNumber);
  const out = new ByteSink(src.length + count * (slot + 16) + 1024);
  const starts = new Int32Array(count + 1);
  for (let r = 0; r < count; r++) {
    const base = packedRecordBase(r);
    starts[r] = out.at;
    // Worst case: every field byte a doubled quote, plus the slot, separators, quotes and source system.
    out.reserve(2 * (offsets[base + 6] - offsets[base]) + slot + system.length + 40);
    out.at += slot;
    for (const field of LEADING_SLOTS) {
      out.bytes[out.at++] = COMMA;
      writeField(src, offsets[base + field], offsets[base + field + 1], out);
    }
    out.bytes[out.at++] = COMMA;
    for (let i = 0; i < system.length; i++) out.bytes[out.at++] = system[i];
    out.bytes[out.at++] = COMMA;
    const status = base + PACKED_FIELD_SLOT.status;
    writeField(src, offsets[status], offsets[status + 1], out);
    out.bytes[out.at++] = NEWLINE;
  }
  starts[count] = out.at;
  return { bytes: out.bytes, starts, slot };
}

/**
 * The run's share of the master file from its prepared lines, following `plan` (see masterPlan): each
 * line standing alone gets its id and is moved down over the slots and lines left out, in place (the
 * prepared lines are used up); a gap is noted for each first of several.
 */
export function finishAsciiMasterPart(prepared: PreparedLines, plan: Int32Array): MasterPart {
  const { bytes, starts, slot } = prepared;
  if (plan.length !== starts.length - 1) throw new Error('master plan: not one entry per prepared line');
  const gaps: number[] = [];
  let at = 0;
  for (let r = 0; r < plan.length; r++) {
    const number = plan[r];
    if (number === NO_LINE) continue;
    if (number === MERGED_LINE) {
      gaps.push(at);
      continue;
    }
    // `at` never passes starts[r], so the id ends before this line's text begins.
    const digits = String(number);
    if (ID_PREFIX.length + Math.max(3, digits.length) > slot)
      throw new Error(`unified number ${number} is wider than its slot`);
    for (const b of ID_PREFIX) bytes[at++] = b;
    for (let pad = digits.length; pad < 3; pad++) bytes[at++] = ZERO;
    for (let i = 0; i < digits.length; i++) bytes[at++] = digits.charCodeAt(i);
    const from = starts[r] + slot;
    bytes.copyWithin(at, from, starts[r + 1]);
    at += starts[r + 1] - from;
  }
  return { bytes: bytes.subarray(0, at), gaps: Int32Array.from(gaps) };
}
