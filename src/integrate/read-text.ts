// Reading a source file (or a byte range of it) as text, skipping UTF-8 decoding when the bytes are plain ASCII.
// Does not parse anything.

import { isAscii } from 'node:buffer';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

/**
 * The file's text, exactly as `readFileSync(path, 'utf8')` gives it. Pure-ASCII files (the usual export)
 * are copied byte for byte as latin1, which is the same text without the cost of UTF-8 decoding.
 */
export function readText(path: string): string {
  return decode(readFileSync(path));
}

/**
 * Bytes [start, end) of the file as text, decoded like readText; `start` and `end` must not cut a
 * UTF-8 character (e.g. they sit next to ASCII bytes).
 */
export function readTextRange(path: string, start: number, end: number): string {
  return decode(readBytes(path, start, end));
}

/** Bytes [start, end) of the file, `end` capped at its size. */
export function readBytes(path: string, start: number, end: number): Buffer {
  const bytes = Buffer.allocUnsafe(Math.max(0, Math.min(end, statSync(path).size) - start));
  readInto(path, bytes, start);
  return bytes;
}

/** Fill `bytes` from the file at `path`, starting at byte `start`. */
function readInto(path: string, bytes: Buffer, start: number): void {
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, start + read);
      if (n === 0) throw new Error(`${path} ended before byte ${start + bytes.length}`);
      read += n;
    }
  } finally {
    closeSync(fd);
  }
}

function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
