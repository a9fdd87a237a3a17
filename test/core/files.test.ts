import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputError } from '../../src/core/errors.js';
import {
  createAtomicWriteStream,
  fillPathTemplate,
  requireFile,
  writeFileAtomic,
  writeJsonAtomic,
} from '../../src/core/files.js';

describe('atomic writes', () => {
  it('creates folders and leaves no temp file behind', () => {
    const d = mkdtempSync(join(tmpdir(), 'files-'));
    writeFileAtomic(join(d, 'a', 'b', 'x.txt'), 'hello');
    expect(readFileSync(join(d, 'a', 'b', 'x.txt'), 'utf8')).toBe('hello');
    expect(readdirSync(join(d, 'a', 'b'))).toEqual(['x.txt']);
  });

  it('writes a list of byte pieces one after another, many more than one gathered write takes', () => {
    const d = mkdtempSync(join(tmpdir(), 'files-'));
    const pieces = Array.from({ length: 5000 }, (_, i) => Buffer.from(i % 7 === 0 ? '' : `${i};`));
    writeFileAtomic(join(d, 'x.txt'), pieces);
    expect(readFileSync(join(d, 'x.txt'), 'utf8')).toBe(Buffer.concat(pieces).toString('utf8'));
    expect(readdirSync(d)).toEqual(['x.txt']);
  });

  it('writes JSON with two-space indent and a newline', () => {
    const d = mkdtempSync(join(tmpdir(), 'files-'));
    writeJsonAtomic(join(d, 'x.json'), { a: [1] });
    expect(readFileSync(join(d, 'x.json'), 'utf8')).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });

  it('keeps the old file when a stream is aborted', () => {
    const d = mkdtempSync(join(tmpdir(), 'files-'));
    writeFileSync(join(d, 'x.txt'), 'old');
    const stream = createAtomicWriteStream(join(d, 'x.txt'));
    stream.stream.write('half of the new');
    stream.abort();
    expect(readFileSync(join(d, 'x.txt'), 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['x.txt']);
  });
});

describe('requireFile', () => {
  it('names what is missing', () => {
    expect(() => requireFile('/nope/x.csv', 'orders file')).toThrowError(
      'orders file not found: /nope/x.csv',
    );
  });

  it('refuses a folder', () => {
    expect(() => requireFile(tmpdir(), 'orders file')).toThrowError(/is not a file/);
    expect(existsSync(tmpdir())).toBe(true);
  });
});

describe('fillPathTemplate', () => {
  it('fills {date}', () => {
    expect(fillPathTemplate('data/orders_{date}.csv', { date: '2024-01-17' })).toBe(
      'data/orders_2024-01-17.csv',
    );
  });

  it('rejects an unknown placeholder, listing the known ones', () => {
    try {
      fillPathTemplate('x_{dte}.csv', { date: 'd' });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).toLine()).toBe(
        'unknown placeholder {dte} in path x_{dte}.csv (use one of: {date})',
      );
    }
  });
});
