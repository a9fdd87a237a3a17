// Remembers what was read from a file for as long as the file stays the same (inode, size, mtime), so a
// large output is parsed once, yet a rewritten file (jobs write atomically: a new inode) is read afresh.

import { statSync } from 'node:fs';

const MAX_ENTRIES = 64;
const cache = new Map<string, { stamp: string; value: unknown }>();

function stampOf(path: string): string {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  } catch {
    return 'absent';
  }
}

/**
 * The result of `compute` for `path`, computed again only when the file changed since the last call
 * with the same `key`. Callers must treat the returned value as read-only: it is shared.
 */
export async function memoByFile<T>(path: string, key: string, compute: () => T | Promise<T>): Promise<T> {
  const id = `${path}\u0000${key}`;
  const stamp = stampOf(path);
  const hit = cache.get(id);
  if (hit && hit.stamp === stamp) return hit.value as T;
  const value = await compute();
  cache.delete(id);
  cache.set(id, { stamp, value });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
