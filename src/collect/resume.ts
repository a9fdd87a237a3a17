// Decides whether a run resumes: a state file for the same date and source whose staging files hold at
// least the committed bytes is continued; anything else starts fresh with a warning. Does not fetch.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { compactStamp, isoInstant } from '../core/format-time.js';
import type { Logger } from '../core/log.js';
import { endpointNames } from './config.js';
import { readStagedLines, removeStaging } from './staging.js';
import { loadRunState, newEndpointState, type RunState } from './state.js';

/** The run state to continue with, and whether it came from an interrupted run. */
export interface OpenedRun {
  state: RunState;
  resumed: boolean;
}

/** Where the state and staging files live. */
export function statePaths(dir: string) {
  const stateDir = join(dir, 'state');
  return { stateDir, statePath: join(stateDir, 'last_run.json') };
}

function staleReason(state: RunState, date: string, source: string, stateDir: string): string | undefined {
  if (state.date !== date) return `it is for ${state.date}, not ${date}`;
  if (state.source !== source) return 'it was collecting from another source or config';
  for (const name of endpointNames) {
    const { staging_file, staging_bytes } = state.endpoints[name];
    const path = join(stateDir, staging_file);
    if (staging_bytes > 0 && (!existsSync(path) || statSync(path).size < staging_bytes)) {
      return `its staging file state/${staging_file} is missing or shorter than recorded`;
    }
  }
  return undefined;
}

/** Load a resumable state or create a fresh one (removing stale staging files). */
export function openRun(dir: string, date: string, source: string, clock: Clock, logger: Logger): OpenedRun {
  const { stateDir, statePath } = statePaths(dir);
  const loaded = loadRunState(statePath);
  if (loaded.kind === 'valid') {
    const reason = staleReason(loaded.state, date, source, stateDir);
    if (reason === undefined) {
      const where = endpointNames.map((name) => {
        const e = loaded.state.endpoints[name];
        return e.status === 'completed'
          ? `${name}: completed`
          : `${name}: page ${e.last_page}/${e.total_pages ?? '?'}`;
      });
      logger.info(`Resuming run ${loaded.state.run_id} from state/last_run.json (${where.join(', ')})`);
      return { state: loaded.state, resumed: true };
    }
    logger.warn(
      `Ignoring state/last_run.json from run ${loaded.state.run_id}: ${reason}; starting a fresh run`,
    );
  } else if (loaded.kind === 'unreadable') {
    logger.warn(`Ignoring state/last_run.json: ${loaded.reason}; starting a fresh run`);
  }
  const now = clock.now();
  const endpoints = {
    products: newEndpointState('products.staging.jsonl'),
    inventory: newEndpointState('inventory.staging.jsonl'),
  };
  for (const name of endpointNames) removeStaging(join(stateDir, endpoints[name].staging_file));
  const state: RunState = {
    run_id: `run_${compactStamp(now)}`,
    started_at: isoInstant(now),
    date,
    source,
    api_calls: 0,
    retries: 0,
    endpoints,
  };
  return { state, resumed: false };
}

/** The product_ids already staged for an endpoint, so later pages can be de-duplicated against them. */
export function stagedIds(path: string, committedBytes: number): Set<string> {
  const seen = new Set<string>();
  for (const line of readStagedLines(path, committedBytes))
    if ('record' in line) seen.add(line.record.product_id);
  return seen;
}
