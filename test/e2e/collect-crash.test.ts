import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/collect/mock/server.js';
import { MockSupplierApi, SPEC_FAULT_RATES } from '../../src/collect/mock/supplier-api.js';
import { systemClock } from '../../src/core/clock.js';
import { cliPath } from './harness.js';

const KEY = 'crash-test-key';

function workspace(baseUrl: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-collect-crash-'));
  mkdirSync(join(dir, 'config'));
  const config = {
    base_url: baseUrl,
    endpoints: { products: '/products', inventory: '/inventory' },
    auth: { api_key: KEY },
    rate_limit: { requests_per_minute: 100_000, retry_after_seconds: 1 },
    pagination: { page_size: 25, max_pages: 1000 },
    retry: { max_retries: 10 },
  };
  writeFileSync(join(dir, 'config', 'api_config.json'), JSON.stringify(config));
  return dir;
}

/** Committed pages of an endpoint according to the state file (0 while there is none). */
function committedPages(dir: string, endpoint: 'products' | 'inventory'): number {
  try {
    const state = JSON.parse(readFileSync(join(dir, 'state', 'last_run.json'), 'utf8')) as {
      endpoints: Record<string, { last_page: number }>;
    };
    return state.endpoints[endpoint].last_page;
  } catch {
    return 0;
  }
}

/**
 * Run the built CLI in `dir`; with `killWhen`, SIGKILL it as soon as the condition holds.
 * Resolves with the exit code, or 'killed'.
 */
function runCollect(dir: string, killWhen?: () => boolean): Promise<number | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'collect', '--dir', dir, '--quiet'], {
      env: { ...process.env, SLUICE_NOW: '2024-01-17T10:00:00Z' },
      stdio: 'ignore',
    });
    let killed = false;
    const poll = killWhen
      ? setInterval(() => {
          if (!killed && killWhen()) {
            killed = true;
            child.kill('SIGKILL');
          }
        }, 5)
      : undefined;
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve(killed ? 'killed' : (code ?? -1));
    });
  });
}

function outputs(dir: string): { products: unknown; inventory: string } {
  const products = JSON.parse(readFileSync(join(dir, 'data', 'products_2024-01-17.json'), 'utf8')) as {
    products: unknown;
  };
  return {
    products: products.products,
    inventory: readFileSync(join(dir, 'data', 'inventory_2024-01-17.csv'), 'utf8'),
  };
}

describe('sluice collect after kill -9', () => {
  it('resumes after being killed twice and writes the same records as an uninterrupted run', async () => {
    const api = new MockSupplierApi({
      apiKey: KEY,
      seed: 5,
      productCount: 350,
      requestsPerMinute: 1e9,
      faults: SPEC_FAULT_RATES,
      clock: systemClock,
      latencyMs: 10,
      timeoutDelayMs: 1,
    });
    const server = await startMockServer(api);
    try {
      const straight = workspace(server.baseUrl);
      expect(await runCollect(straight)).toBe(0);
      const before = api.requests.length;

      const crashed = workspace(server.baseUrl);
      expect(await runCollect(crashed, () => committedPages(crashed, 'products') >= 5)).toBe('killed');
      expect(await runCollect(crashed, () => committedPages(crashed, 'inventory') >= 3)).toBe('killed');
      expect(await runCollect(crashed)).toBe(0);

      expect(outputs(crashed)).toEqual(outputs(straight));
      expect(readdirSync(join(crashed, 'state'))).toEqual([]);
      expect(
        readFileSync(join(crashed, 'logs', 'api_collector.log'), 'utf8').match(/Resuming run/g),
      ).toHaveLength(2);
      // Only a page in flight at the moment of a kill may be fetched again: at most one per kill.
      const pages = api.requests
        .slice(before)
        .filter((r) => r.status === 200)
        .map((r) => r.path);
      expect(pages.length - new Set(pages).size).toBeLessThanOrEqual(2);
    } finally {
      await server.close();
    }
  });
});
