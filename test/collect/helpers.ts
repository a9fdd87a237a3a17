// Shared fixtures for the collect tests: a workspace with an API config, and a run against the
// in-process simulator on a FakeClock (no sockets, no real waits).

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../src/core/clock.js';
import { MemoryLogSink } from '../../src/core/log.js';
import { runCollect, type CollectOptions, type CollectResult } from '../../src/collect/collector.js';
import { MockSupplierApi, NO_FAULTS, type MockApiOptions } from '../../src/collect/mock/supplier-api.js';

export const API_KEY = 'test-key-123';
export const START = '2024-01-17T10:00:00Z';

/** The spec's config pointed at a loopback URL, with `overrides` merged per section. */
export function apiConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    base_url: 'http://127.0.0.1:1/v1',
    endpoints: { products: '/products', inventory: '/inventory' },
    auth: { api_key: API_KEY },
    rate_limit: { requests_per_minute: 10, retry_after_seconds: 60 },
    pagination: { page_size: 100, max_pages: 50 },
    ...overrides,
  };
}

/** A fresh workspace holding config/api_config.json. */
export function makeWorkspace(config: Record<string, unknown> = apiConfig()): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-collect-test-'));
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config', 'api_config.json'), JSON.stringify(config));
  return dir;
}

/** A simulator on `clock` with the test key, no faults and 350 products unless overridden. */
export function makeMock(clock: FakeClock, options: Partial<MockApiOptions> = {}): MockSupplierApi {
  return new MockSupplierApi({
    apiKey: API_KEY,
    seed: 1,
    productCount: 350,
    requestsPerMinute: 10,
    faults: NO_FAULTS,
    clock,
    ...options,
  });
}

type Outcome = { ok: true; result: CollectResult } | { ok: false; error: unknown };

async function runLogged(
  dir: string,
  clock: FakeClock,
  fetchImpl: typeof fetch,
  extra: Partial<CollectOptions>,
) {
  const sink = new MemoryLogSink();
  const outcome: Outcome = await runCollect({
    dir,
    clock,
    fetch: fetchImpl,
    sinks: [sink],
    env: {},
    ...extra,
  }).then(
    (result) => ({ ok: true, result }),
    (error: unknown) => ({ ok: false, error }),
  );
  return { outcome, log: sink.lines };
}

/** Run the collector in `dir` against `fetchImpl`; returns the result and the log lines (rethrows a failure). */
export async function collectWith(
  dir: string,
  clock: FakeClock,
  fetchImpl: typeof fetch,
  extra: Partial<CollectOptions> = {},
): Promise<{ result: CollectResult; log: string[] }> {
  const { outcome, log } = await runLogged(dir, clock, fetchImpl, extra);
  if (!outcome.ok) throw outcome.error;
  return { result: outcome.result, log };
}

/** Like collectWith but for runs expected to fail: returns the error and the log lines. */
export async function collectFailing(
  dir: string,
  clock: FakeClock,
  fetchImpl: typeof fetch,
  extra: Partial<CollectOptions> = {},
): Promise<{ error: unknown; log: string[] }> {
  const { outcome, log } = await runLogged(dir, clock, fetchImpl, extra);
  if (outcome.ok) throw new Error('expected the collection to fail');
  return { error: outcome.error, log };
}

export { FakeClock };
