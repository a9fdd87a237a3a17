// The append-only staging file of one endpoint: each page's records as JSON lines, written before the
// state that records the file's committed length. Does not decide what is committed; state.ts does.

import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import type { ApiRecord, RejectedRecord } from './records.js';

/** One staged line: a usable record or a rejected one. */
export type StagedLine = { record: ApiRecord } | { reject: RejectedRecord };

/** An endpoint's staging file, opened for appending. */
export class StagingFile {
  private readonly fd: number;
  private bytes: number;

  /**
   * Open `path` keeping exactly its first `committedBytes` bytes: anything after them was written by a
   * page whose state never got saved, so that page will be fetched again.
   * Throws when the file is shorter than the state says (it was lost or replaced).
   */
  constructor(
    readonly path: string,
    committedBytes: number,
  ) {
    if (committedBytes > 0 && !existsSync(path)) throw new Error(`staging file ${path} is missing`);
    this.fd = openSync(path, committedBytes > 0 ? 'r+' : 'w');
    const size = fstatSync(this.fd).size;
    if (size < committedBytes) {
      closeSync(this.fd);
      throw new Error(`staging file ${path} holds ${size} bytes but the state committed ${committedBytes}`);
    }
    if (size > committedBytes) ftruncateSync(this.fd, committedBytes);
    this.bytes = committedBytes;
  }

  /** Bytes written so far (the length to commit in the state). */
  get size(): number {
    return this.bytes;
  }

  /** Append lines; returns the new size. */
  append(lines: readonly StagedLine[]): number {
    if (lines.length === 0) return this.bytes;
    const text = Buffer.from(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    let offset = 0;
    while (offset < text.length)
      offset += writeSync(this.fd, text, offset, text.length - offset, this.bytes + offset);
    this.bytes += text.length;
    return this.bytes;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Every line of a staging file up to `committedBytes`. */
export function readStagedLines(path: string, committedBytes: number): StagedLine[] {
  if (committedBytes === 0) return [];
  const text = readFileSync(path).subarray(0, committedBytes).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as StagedLine);
}

/** Remove a staging file if present. */
export function removeStaging(path: string): void {
  rmSync(path, { force: true });
}
