// The file-stamp memo: a file is parsed once per version; a rewrite or an atomic replace is read afresh.

import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoByFile } from '../../../src/dashboard/readers/memo.js';
import { emptyWorkspace, removeWorkspace } from '../fixture.js';

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeWorkspace));

describe('memoByFile', () => {
  it('computes once while the file is unchanged, again after a rewrite or an atomic replace', async () => {
    const dir = emptyWorkspace();
    made.push(dir);
    const path = join(dir, 'data.json');
    writeFileSync(path, '1');
    let computed = 0;
    const read = () => memoByFile(path, 'test', () => (computed += 1));
    expect([await read(), await read()]).toEqual([1, 1]);
    writeFileSync(path, '22');
    expect(await read()).toBe(2);
    writeFileSync(join(dir, 'next.tmp'), '33');
    renameSync(join(dir, 'next.tmp'), path);
    expect([await read(), computed]).toEqual([3, 3]);
  });

  it('keeps results for different keys on the same file apart', async () => {
    const dir = emptyWorkspace();
    made.push(dir);
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'a\n1\n');
    expect([await memoByFile(path, 'one', () => 'one'), await memoByFile(path, 'two', () => 'two')]).toEqual([
      'one',
      'two',
    ]);
  });

  it('does not remember a failure', async () => {
    const dir = emptyWorkspace();
    made.push(dir);
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{');
    await expect(memoByFile(path, 'x', () => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
    expect(await memoByFile(path, 'x', () => 'fixed')).toBe('fixed');
  });
});
