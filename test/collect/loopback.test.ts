import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/collect/mock/server.js';
import { SPEC_FAULT_RATES } from '../../src/collect/mock/supplier-api.js';
import { JobError } from '../../src/core/errors.js';
import {
  apiConfig,
  collectFailing,
  collectWith,
  FakeClock,
  makeMock,
  makeWorkspace,
  START,
} from './helpers.js';

describe('collect over real HTTP on loopback', () => {
  it('collects every record through faults and the server limit, with the key in a header', async () => {
    const clock = new FakeClock(START);
    const api = makeMock(clock, { faults: SPEC_FAULT_RATES, seed: 41 });
    const server = await startMockServer(api);
    try {
      const dir = makeWorkspace(apiConfig({ base_url: server.baseUrl }));
      const { result, log } = await collectWith(dir, clock, fetch);
      const products = JSON.parse(readFileSync(result.productsPath, 'utf8')) as { products: unknown[] };
      expect(products.products).toEqual(api.catalogue.products);
      expect(result.inventory).toBe(api.catalogue.inventory.length);
      expect(result.retries).toBeGreaterThan(0);
      expect(log.some((line) => line.includes('Retry successful'))).toBe(true);
      expect(api.requests.every((r) => r.status !== 401)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('fails at once with a hint when the server refuses the key', async () => {
    const clock = new FakeClock(START);
    const server = await startMockServer(makeMock(clock, { apiKey: 'the-real-key' }));
    try {
      const { error } = await collectFailing(
        makeWorkspace(apiConfig({ base_url: server.baseUrl })),
        clock,
        fetch,
      );
      expect(error).toBeInstanceOf(JobError);
      expect((error as JobError).toLine()).toMatch(
        /status 401 \(Unauthorized\): Missing or invalid X-API-Key \(check the API key/,
      );
    } finally {
      await server.close();
    }
  });
});
