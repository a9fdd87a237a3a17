// File-system helpers every job shares: atomic writes, input checks and `{date}` path templates.
// Does not parse file contents; see csv.ts and config.ts.

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  writevSync,
} from 'node:fs';
import type { WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { InputError } from './errors.js';

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Write `data` to `path` atomically: a temp file in the same folder, then a rename, so a
 * killed job leaves the old file or the new one, never half of one. Creates the folder. `data` may be
 * a list of byte pieces, written one after another with one gathered write (no copy into one buffer).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    if (Array.isArray(data)) writePieces(temp, data);
    else writeFileSync(temp, data as string | Uint8Array);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function writePieces(path: string, pieces: readonly Uint8Array[]): void {
  const fd = openSync(path, 'w');
  try {
    writevSync(fd, pieces as Uint8Array[]);
  } finally {
    closeSync(fd);
  }
}

/**
 * Write text produced piece by piece to `path` atomically, without holding it all in memory:
 * pieces are gathered into ~1 MB chunks and appended to a temp file that is renamed at the end.
 */
export function writeChunksAtomic(path: string, pieces: Iterable<string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const fd = openSync(temp, 'w');
  try {
    let chunk = '';
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length >= 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk) writeSync(fd, chunk);
    closeSync(fd);
    renameSync(temp, path);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Write `value` as pretty JSON (two-space indent, trailing newline) atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** A stream into a temp file that becomes `path` only when `commit()` is called. */
export interface AtomicWriteStream {
  readonly stream: WriteStream;
  /** Finish writing and rename into place. */
  commit(): Promise<void>;
  /** Abandon the file, leaving any old `path` untouched. */
  abort(): void;
}

/** Open a streaming atomic writer for large outputs. */
export function createAtomicWriteStream(path: string): AtomicWriteStream {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const stream = createWriteStream(temp);
  return {
    stream,
    async commit() {
      stream.end();
      await finished(stream);
      renameSync(temp, path);
    },
    abort() {
      stream.destroy();
      rmSync(temp, { force: true });
    },
  };
}

/**
 * Fail with a clear InputError unless `path` is an existing file.
 * @param what how the user knows this file, e.g. "CRM export"
 */
export function requireFile(
  path: string,
  what: string,
  hint = 'check the path or pass it with a flag',
): void {
  if (!existsSync(path)) throw new InputError(`${what} not found: ${path}`, hint);
  if (!statSync(path).isFile()) throw new InputError(`${what} is not a file: ${path}`, hint);
}

/** Replace `{date}` (and any other `{name}`) in a path template; unknown names are an error. */
export function fillPathTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new InputError(
        `unknown placeholder ${whole} in path ${template}`,
        `use one of: ${Object.keys(values)
          .map((k) => `{${k}}`)
          .join(', ')}`,
      );
    return value;
  });
}

/**
 * Produce `path` atomically with a writer that needs a file name (e.g. DuckDB's COPY ... TO):
 * `write` gets a temp path in the same folder, which is renamed into place only if it succeeds.
 */
export async function writeViaTempFile(
  path: string,
  write: (tempPath: string) => Promise<void>,
): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    await write(temp);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
