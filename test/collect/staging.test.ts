import { appendFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStagedLines, StagingFile } from '../../src/collect/staging.js';

const record = (id: string) => ({ record: { product_id: id } });

function stagingPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'sluice-staging-')), 'products.staging.jsonl');
}

describe('StagingFile', () => {
  it('appends lines and reports the committed length', () => {
    const path = stagingPath();
    const staging = new StagingFile(path, 0);
    const size = staging.append([record('A'), record('B')]);
    staging.close();
    expect(size).toBe(statSync(path).size);
    expect(readStagedLines(path, size)).toEqual([record('A'), record('B')]);
  });

  it('cuts off bytes written after the last commit when reopened', () => {
    const path = stagingPath();
    const first = new StagingFile(path, 0);
    const committed = first.append([record('A')]);
    first.append([record('B')]);
    first.close();
    appendFileSync(path, '{"record":{"produ');
    const reopened = new StagingFile(path, committed);
    reopened.append([record('C')]);
    reopened.close();
    expect(readFileSync(path, 'utf8')).toBe('{"record":{"product_id":"A"}}\n{"record":{"product_id":"C"}}\n');
  });

  it('refuses a file shorter than its committed length, or a missing one', () => {
    const path = stagingPath();
    expect(() => new StagingFile(path, 10)).toThrow(/missing/);
    const staging = new StagingFile(path, 0);
    staging.append([record('A')]);
    staging.close();
    expect(() => new StagingFile(path, 1000)).toThrow(/holds \d+ bytes but the state committed 1000/);
  });

  it('starts empty when nothing is committed, dropping an old file', () => {
    const path = stagingPath();
    appendFileSync(path, 'old junk\n');
    new StagingFile(path, 0).close();
    expect(readFileSync(path, 'utf8')).toBe('');
  });
});
