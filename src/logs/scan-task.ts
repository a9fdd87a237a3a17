// Reads one unit of work (a byte range of a plain log, or a whole .gz file) and feeds its lines to
// an Accumulator. Runs the same in the main thread and in a worker; does not plan or merge work.

import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { Accumulator } from './accumulate.js';
import type { LogsConfig } from './config.js';
import type { PartialAggregate } from './partial.js';
import { WasmLines } from './wasm-lines.js';

/** One unit of scanning: bytes [start, end) of a plain file (aligned to line starts), or a whole .gz file. */
export interface ScanTask {
  path: string;
  /** The name shown in rejects and evidence. */
  name: string;
  gzip: boolean;
  start: number;
  end: number;
}

/** What a scan needs besides the task. */
export interface ScanSettings {
  config: LogsConfig;
  date: string;
  /** Keep every (IP, minute) count (the exact fallback for badly out-of-order logs). */
  keepAllIpMinutes?: boolean;
}

// Small blocks keep each decoded string out of V8's large-object space, so it dies young and cheaply.
const BLOCK = 64 * 1024;

/** Takes a byte stream block by block (LineSplitter or WasmLines). */
interface BlockReader {
  /** Feed the next bytes; `block` may be reused by the caller afterwards. */
  push(block: Buffer): void;
  /** Where to read the next bytes (at most `size`) into; valid until the next call to the reader. */
  room(size: number): Buffer;
  /** The first `length` bytes of the last room are the next bytes. */
  filled(length: number): void;
  /** Flush a last line that had no newline. */
  end(): void;
}

/** Splits a byte stream into lines (LF or CRLF) and hands each to `onLine`. */
export class LineSplitter implements BlockReader {
  // The start of a line cut by the end of the previous block, in a buffer reused from block to
  // block (joining whole blocks would copy and allocate 64 KB per block).
  private carry = Buffer.allocUnsafe(4096);
  private carryLength = 0;

  private block = Buffer.alloc(0);

  constructor(private readonly onLine: (line: string) => void) {}

  /** Where to read the next bytes (at most `size`) into: a block reused from read to read. */
  room(size: number): Buffer {
    if (this.block.length < size) this.block = Buffer.allocUnsafe(size);
    return this.block.subarray(0, size);
  }

  /** The first `length` bytes of the last room are the next bytes. */
  filled(length: number): void {
    this.push(this.block.subarray(0, length));
  }

  /** Feed the next bytes; `block` may be reused by the caller afterwards. */
  push(block: Buffer): void {
    let start = 0;
    if (this.carryLength > 0) {
      const newline = block.indexOf(10);
      if (newline < 0) return this.keep(block, 0, block.length);
      this.keep(block, 0, newline);
      this.emitLines(this.carry.toString('utf8', 0, this.carryLength));
      this.carryLength = 0;
      start = newline + 1;
    }
    const lastNewline = block.lastIndexOf(10);
    if (lastNewline >= start) this.emitLines(block.toString('utf8', start, lastNewline));
    this.keep(block, Math.max(start, lastNewline + 1), block.length);
  }

  /** Flush a last line that had no newline. */
  end(): void {
    if (this.carryLength > 0) this.emitLines(this.carry.toString('utf8', 0, this.carryLength));
    this.carryLength = 0;
  }

  private keep(block: Buffer, from: number, to: number): void {
    const length = this.carryLength + (to - from);
    if (length > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.max(length, this.carry.length * 2));
      this.carry.copy(grown, 0, 0, this.carryLength);
      this.carry = grown;
    }
    block.copy(this.carry, this.carryLength, from, to);
    this.carryLength = length;
  }

  private emitLines(text: string): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const stop = newline < 0 ? text.length : newline;
      const cut = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
      this.onLine(text.slice(start, cut));
      if (newline < 0) return;
      start = newline + 1;
    }
  }
}

/**
 * Hands out the blocks of a plain range to read, in order, at most `size` bytes each: [start, end),
 * or undefined when the range is done (a shared range may end early: another thread took its rest).
 */
export type BlockClaim = (size: number) => { start: number; end: number } | undefined;

/** Claims for a range this thread alone reads: [task.start, task.end) block by block. */
function wholeRange(task: ScanTask): BlockClaim {
  let position = task.start;
  return (size) => {
    if (position >= task.end) return undefined;
    const start = position;
    position = Math.min(task.end, position + size);
    return { start, end: position };
  };
}

/**
 * The first line start at or after `position` in the open file `fd` (just after a newline), or `end`
 * when there is none before it.
 */
export function nextLineStart(fd: number, position: number, end: number): number {
  if (position === 0) return 0;
  const probe = Buffer.allocUnsafe(BLOCK);
  // A line starts at `position` when the byte before it is a newline.
  let at = position - 1;
  while (at < end) {
    const read = readSync(fd, probe, 0, Math.min(probe.length, end - at), at);
    if (read === 0) break;
    const newline = probe.subarray(0, read).indexOf(10);
    if (newline >= 0) return Math.min(at + newline + 1, end);
    at += read;
  }
  return end;
}

// Reads the claimed blocks straight into the reader's room (for WasmLines, the scanner's memory).
function readRange(path: string, claim: BlockClaim, splitter: BlockReader): void {
  const fd = openSync(path, 'r');
  try {
    for (let span = claim(BLOCK); span !== undefined; span = claim(BLOCK)) {
      let position = span.start;
      while (position < span.end) {
        const size = Math.min(BLOCK, span.end - position);
        const read = readSync(fd, splitter.room(size), 0, size, position);
        if (read === 0) return;
        splitter.filled(read);
        position += read;
      }
    }
  } finally {
    closeSync(fd);
  }
}

async function readGzip(task: ScanTask, splitter: BlockReader): Promise<void> {
  const stream = createReadStream(task.path).pipe(createGunzip());
  try {
    for await (const chunk of stream) splitter.push(chunk as Buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(
      `cannot decompress ${task.path}: ${reason}`,
      'check that the file is a complete gzip archive',
    );
  }
}

/**
 * Scan one task into a PartialAggregate (line numbers relative to the task's first line); a plain
 * range is read as `claim` hands out its blocks (by default all of [start, end), in order).
 */
export async function scanTask(
  task: ScanTask,
  settings: ScanSettings,
  claim: BlockClaim = wholeRange(task),
): Promise<PartialAggregate> {
  const accumulator = new Accumulator({
    config: settings.config,
    date: settings.date,
    file: task.name,
    keepAllIpMinutes: settings.keepAllIpMinutes,
  });
  // Combined logs go through the compiled scanner; other formats through the TypeScript parser alone.
  const splitter: BlockReader = accumulator.parser.combinedFirst
    ? new WasmLines(accumulator, accumulator.parser.ips, accumulator.ipCounters)
    : new LineSplitter((line) => accumulator.line(line));
  if (task.gzip) await readGzip(task, splitter);
  else readRange(task.path, claim, splitter);
  splitter.end();
  return accumulator.finish();
}
