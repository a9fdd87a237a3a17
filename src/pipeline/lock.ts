// The single-run lock: a file holding the owner's pid and host, created exclusively. A lock whose
// process is gone (a crash) is taken over, so it can never stay stuck. Does not queue waiting runs.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { JobError } from '../core/errors.js';

/** Who holds a lock. */
export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** A held lock; release it when the run ends. */
export interface RunLock {
  release(): void;
  /** Set when a dead owner's lock was taken over. */
  takenFrom?: LockOwner;
}

/** True when process `pid` exists on this host. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host, since: String(owner.since ?? '') }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Take the lock at `path` or fail with a transient JobError naming its live holder.
 * A lock left by a process that no longer runs on this host (or an unreadable one) is taken over.
 */
export function acquireRunLock(
  path: string,
  since: string,
  isAlive: (pid: number) => boolean = processAlive,
): RunLock {
  mkdirSync(dirname(path), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: hostname(), since };
  let takenFrom: LockOwner | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      return {
        takenFrom,
        release: () => {
          if (readOwner(path)?.pid === me.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      const alive = owner !== undefined && (owner.host !== me.host || isAlive(owner.pid));
      if (alive) {
        throw new JobError(
          `another run of this pipeline is in progress (pid ${owner.pid} on ${owner.host}, since ${owner.since})`,
          {
            transient: true,
            hint: `wait for it to finish; if that process is gone, delete ${path}`,
          },
        );
      }
      takenFrom = owner;
      if (existsSync(path)) rmSync(path, { force: true });
    }
  }
  throw new JobError(`could not take the run lock ${path}`, {
    transient: true,
    hint: 'another run started at the same moment; try again',
  });
}
