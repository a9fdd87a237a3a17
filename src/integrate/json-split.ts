// Splitting a large e-commerce export into byte ranges of whole array elements, so several threads can
// parse it at once, without reading the file here: each cut is guessed at an element boundary (`}`, `,`,
// `{`) near an even share of the file, and checked by the thread that reads the range before it. A
// range parses as `[range]` only when its end is a top-level comma, given that its start is (the first
// range starts right after the array's `[`), so if every range parses the cuts were right; if one does
// not, the source is read whole instead (extract.ts), which also reports malformed JSON.

import { statSync } from 'node:fs';
import { readBytes } from './read-text.js';

/** A run of whole elements of the customer array: bytes [start, end) of the file, without brackets. */
export interface JsonRange {
  start: number;
  end: number;
  /** Where the array's elements start: the elements before `start` are counted from here when needed. */
  arrayStart: number;
  /** Whether the array is the `customers` member of an object (else the document is the array). */
  wrapped: boolean;
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
/** How much of the file's start (and end) is searched for the array's brackets (longer whitespace runs are not split). */
const HEAD_BYTES = 4096;
/** How far past each guessed cut an element boundary is looked for (larger elements are not split). */
const WINDOW_BYTES = 64 * 1024;

/**
 * Cut the customer array of the JSON file at `path` into `parts` ranges of about equal size, at
 * commas between an element's closing `}` and the next one's `{`. Null when the file is not simply
 * `[...]` or `{"customers": [...]}` with object elements to cut between (then it is read whole). The
 * cuts are guesses (such bytes can also sit inside a string or a nested array): a range's reader
 * parses it as `[range]`, which also checks the cut at its end (see the header).
 */
export function splitJsonFile(path: string, parts: number): JsonRange[] | null {
  const size = statSync(path).size;
  const head = ARRAY_START.exec(readBytes(path, 0, HEAD_BYTES).toString('latin1'));
  if (!head || parts < 2) return null;
  const wrapped = head[1] !== undefined;
  const start = head[0].length;
  const tailStart = Math.max(0, size - HEAD_BYTES);
  const end = tailStart + arrayEnd(readBytes(path, tailStart, size), wrapped);
  if (end < start || end < tailStart) return null;
  const ranges: JsonRange[] = [];
  let from = start;
  for (let k = 1; k < parts; k++) {
    const guess = Math.max(from, Math.floor(start + ((end - start) * k) / parts));
    const comma = elementBoundary(readBytes(path, guess, Math.min(end, guess + WINDOW_BYTES)));
    if (comma < 0) return null;
    ranges.push({ start: from, end: guess + comma, arrayStart: start, wrapped });
    from = guess + comma + 1;
  }
  ranges.push({ start: from, end, arrayStart: start, wrapped });
  return ranges;
}

/** The first comma in `bytes` with `}` before it and `{` after it (JSON whitespace between), or -1. */
function elementBoundary(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== CLOSE_OBJECT) continue;
    let comma = i + 1;
    while (comma < bytes.length && isJsonSpace(bytes[comma])) comma++;
    if (bytes[comma] !== COMMA) continue;
    let next = comma + 1;
    while (next < bytes.length && isJsonSpace(bytes[next])) next++;
    if (bytes[next] === OPEN_OBJECT) return comma;
  }
  return -1;
}

/**
 * How many elements of the array come before `range`, counted from the file (the ranges are cut
 * without counting them); only a reject's location needs it. The range must have parsed.
 */
export function elementsBefore(path: string, range: JsonRange): number {
  const bytes = readBytes(path, range.arrayStart, range.start);
  let commas = 0;
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) i = closingQuote(bytes, i);
    else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) depth++;
    else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth--;
    else if (byte === COMMA && depth === 0) commas++;
    if (i < 0) throw new Error('elementsBefore: an unterminated string before a parsed range');
  }
  return commas;
}

/** The position of the array's closing `]`, found from the end of the document; -1 if not there. */
function arrayEnd(bytes: Uint8Array, wrapped: boolean): number {
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
