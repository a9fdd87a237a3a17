// Splitting a large e-commerce export into byte ranges of whole array elements, so several threads can
// parse it at once. Only finds boundaries (a scan that respects strings and escapes); parsing, and
// reporting malformed JSON, stay with the reader (extract.ts), which checks every range it parses.

import { readShared } from './read-text.js';

/** A run of whole elements of the customer array: bytes [start, end) of the file, without brackets. */
export interface JsonRange {
  start: number;
  end: number;
  /** The array index of the range's first element. */
  firstIndex: number;
  /** Whether the array is the `customers` member of an object (else the document is the array). */
  wrapped: boolean;
  /** The whole file's bytes, shared between threads (read-text.ts), when the split read them. */
  file?: Uint8Array;
}

/** JSON's structural characters (as bytes or UTF-16 code units, which agree on ASCII). */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
/** JSON whitespace: space, newline, carriage return, tab. */
export const isJsonSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The document up to and including the array's `[`: `[` alone or `{"customers": [`, JSON whitespace around. */
const ARRAY_START = /^[ \t\n\r]*(\{[ \t\n\r]*"customers"[ \t\n\r]*:[ \t\n\r]*)?\[/;
/** How much of the file's start is searched for ARRAY_START (longer whitespace runs are not split). */
const HEAD_BYTES = 4096;

/**
 * Split the customer array of the JSON file at `path` into `parts` ranges of about equal size, cut
 * at top-level commas. Null when the file is not simply `[...]` or `{"customers": [...]}` (then it is
 * read whole), or has too few elements. The ranges are not checked to be valid JSON here: their reader
 * parses each as `[range]`, and the document is valid exactly when every range is (and none is blank).
 * Each range carries the file's bytes, read once and shared, for its reader.
 */
export function splitJsonFile(path: string, parts: number): JsonRange[] | null {
  const file = readShared(path);
  return splitJsonBytes(file, parts)?.map((range) => ({ ...range, file })) ?? null;
}

/** splitJsonFile on the file's bytes: the scan is exact on UTF-8, whose multi-byte characters hold no ASCII byte. */
export function splitJsonBytes(bytes: Buffer, parts: number): JsonRange[] | null {
  const head = ARRAY_START.exec(bytes.toString('latin1', 0, Math.min(bytes.length, HEAD_BYTES)));
  if (!head || parts < 2) return null;
  const wrapped = head[1] !== undefined;
  const start = head[0].length;
  const end = arrayEnd(bytes, wrapped);
  if (end < start) return null;
  const ranges: JsonRange[] = [];
  const step = (end - start) / parts;
  let from = start;
  let firstIndex = 0;
  let commas = 0;
  let depth = 1;
  for (let i = start; i < end && ranges.length < parts - 1; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      i = closingQuote(bytes, i);
      if (i < 0) return null;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) depth++;
    else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      if (--depth === 0) return null;
    } else if (byte === COMMA && depth === 1) {
      if (i < start + step * (ranges.length + 1)) commas++;
      else {
        ranges.push({ start: from, end: i, firstIndex, wrapped });
        firstIndex += commas + 1;
        commas = 0;
        from = i + 1;
      }
    }
  }
  if (ranges.length < parts - 1) return null;
  ranges.push({ start: from, end, firstIndex, wrapped });
  return ranges;
}

/** The position of the array's closing `]`, found from the end of the document; -1 if not there. */
function arrayEnd(bytes: Buffer, wrapped: boolean): number {
  let i = bytes.length - 1;
  while (i >= 0 && isJsonSpace(bytes[i])) i--;
  if (wrapped) {
    if (bytes[i] !== CLOSE_OBJECT) return -1;
    i--;
    while (i >= 0 && isJsonSpace(bytes[i])) i--;
  }
  return bytes[i] === CLOSE_ARRAY ? i : -1;
}

/**
 * The position of the `"` closing the string opened at `open` (escaped characters skipped), or -1. A
 * plain loop: Buffer.indexOf crosses into C++ per call, several times slower over millions of short strings.
 */
function closingQuote(bytes: Uint8Array, open: number): number {
  for (let i = open + 1; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === BACKSLASH) i++;
    else if (byte === QUOTE) return i;
  }
  return -1;
}
