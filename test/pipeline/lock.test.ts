import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobError } from '../../src/core/errors.js';
import { acquireRunLock } from '../../src/pipeline/lock.js';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'sluice-lock-')), '.p.lock');

describe('run lock', () => {
  it('is exclusive while held and free again after release', () => {
    const path = lockPath();
    const lock = acquireRunLock(path, 'now');
    expect(() => acquireRunLock(path, 'now')).toThrow(JobError);
    expect(() => acquireRunLock(path, 'now')).toThrow(
      /another run of this pipeline is in progress \(pid \d+/,
    );
    lock.release();
    expect(existsSync(path)).toBe(false);
    acquireRunLock(path, 'now').release();
  });

  it('takes over a lock whose process is gone (a crashed run)', () => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify({ pid: 999_999, host: hostname(), since: 'yesterday' }));
    const lock = acquireRunLock(path, 'now', () => false);
    expect(lock.takenFrom).toEqual({ pid: 999_999, host: hostname(), since: 'yesterday' });
    lock.release();
  });

  it('takes over an unreadable lock file', () => {
    const path = lockPath();
    writeFileSync(path, 'garbage');
    acquireRunLock(path, 'now').release();
  });

  it('marks a busy lock as transient', () => {
    const path = lockPath();
    const lock = acquireRunLock(path, 'now');
    expect(() => acquireRunLock(path, 'now')).toThrow(expect.objectContaining({ transient: true }));
    lock.release();
  });
});
