// state/last_run.json: the spec's run state plus what resume needs (run date, source fingerprint,
// each endpoint's committed staging length). Written atomically after every page. Does not fetch.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { ONE_SHOT } from '../core/config.js';
import { writeJsonAtomic } from '../core/files.js';
import type { EndpointName } from './config.js';

const endpointStateSchema = z.object({
  status: z.enum(['pending', 'in_progress', 'completed']),
  last_page: z.number().int().nonnegative(),
  total_pages: z.number().int().nonnegative().nullable(),
  records_collected: z.number().int().nonnegative(),
  duplicates_skipped: z.number().int().nonnegative(),
  records_rejected: z.number().int().nonnegative(),
  last_page_digest: z.string().nullable(),
  staging_file: z.string(),
  staging_bytes: z.number().int().nonnegative(),
});

const runStateSchema = z.object({
  run_id: z.string(),
  started_at: z.string(),
  date: z.string(),
  source: z.string(),
  api_calls: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  endpoints: z.object({ products: endpointStateSchema, inventory: endpointStateSchema }),
});

/** One endpoint's progress. `last_page` and `staging_bytes` are committed together. */
export type EndpointState = z.output<typeof endpointStateSchema>;

/** The whole run's state file. */
export type RunState = z.output<typeof runStateSchema>;

/** A fresh endpoint state. */
export function newEndpointState(stagingFile: string): EndpointState {
  return {
    status: 'pending',
    last_page: 0,
    total_pages: null,
    records_collected: 0,
    duplicates_skipped: 0,
    records_rejected: 0,
    last_page_digest: null,
    staging_file: stagingFile,
    staging_bytes: 0,
  };
}

/**
 * A short fingerprint of what the run reads (source URL or simulator identity, endpoint paths, page size);
 * a state with another fingerprint belongs to another run. The API key is never part of it.
 */
export function sourceFingerprint(
  source: string,
  endpoints: Record<EndpointName, string>,
  pageSize: number,
): string {
  return createHash('sha256')
    .update(JSON.stringify({ source, endpoints, pageSize }))
    .digest('hex')
    .slice(0, 16);
}

/** What was found at the state path. */
export type LoadedState =
  { kind: 'none' } | { kind: 'valid'; state: RunState } | { kind: 'unreadable'; reason: string };

/** Read the state file; a damaged one is reported, not thrown, so the run can start fresh. */
export function loadRunState(path: string): LoadedState {
  if (!existsSync(path)) return { kind: 'none' };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { kind: 'unreadable', reason: 'it is not valid JSON' };
  }
  const result = runStateSchema.safeParse(data, ONE_SHOT);
  return result.success
    ? { kind: 'valid', state: result.data }
    : { kind: 'unreadable', reason: 'it does not have the expected fields' };
}

/** Save the state atomically. */
export function saveRunState(path: string, state: RunState): void {
  writeJsonAtomic(path, state);
}

/** Delete the state file after a successful run, with any temp copy a killed write left beside it. */
export function removeRunState(path: string): void {
  rmSync(path, { force: true });
  const leftover = `.${basename(path)}.tmp-`;
  for (const name of readdirSync(dirname(path))) {
    if (name.startsWith(leftover)) rmSync(join(dirname(path), name), { force: true });
  }
}
