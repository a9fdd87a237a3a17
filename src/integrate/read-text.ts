// Reading a whole source file as text, skipping UTF-8 decoding when the bytes are plain ASCII.
// Does not parse anything.

import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';

/**
 * The file's text, exactly as `readFileSync(path, 'utf8')` gives it. Pure-ASCII files (the usual export)
 * are copied byte for byte as latin1, which is the same text without the cost of UTF-8 decoding.
 */
export function readText(path: string): string {
  const bytes = readFileSync(path);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
