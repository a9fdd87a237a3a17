// `sluice collect --mock`: the simulator started inside the collector's process on a free loopback port,
// sharing the run's clock and API key. Does not outlive the run.

import type { Clock } from '../../core/clock.js';
import { startMockServer } from './server.js';
import { MockSupplierApi, NO_FAULTS, SPEC_FAULT_RATES } from './supplier-api.js';

/** What `--mock` can vary. */
export interface InProcessMockOptions {
  seed: number;
  productCount: number;
  faults: boolean;
}

/** A simulator serving one run: its base URL and a stable identity for the state fingerprint. */
export interface InProcessMock {
  baseUrl: string;
  identity: string;
  close(): Promise<void>;
}

/** Start the simulator with the run's key and requests-per-minute limit. */
export async function startInProcessMock(
  options: InProcessMockOptions,
  apiKey: string,
  requestsPerMinute: number,
  clock: Clock,
): Promise<InProcessMock> {
  const api = new MockSupplierApi({
    apiKey,
    seed: options.seed,
    productCount: options.productCount,
    requestsPerMinute,
    faults: options.faults ? SPEC_FAULT_RATES : NO_FAULTS,
    clock,
  });
  const server = await startMockServer(api);
  const identity = `mock:seed=${options.seed},products=${options.productCount},faults=${options.faults}`;
  return { baseUrl: server.baseUrl, identity, close: server.close };
}
