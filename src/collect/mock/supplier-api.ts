// The simulated supplier API: key check, its own requests-per-minute limit, seeded faults and paged data,
// as a plain request handler that runs in-process (tests) or behind node:http (see server.ts).

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { isoDate } from '../../core/format-time.js';
import { type Random, seededRandom } from '../../core/seeded-random.js';
import { generateCatalogue, type MockCatalogue } from './data.js';

/** Fault rates (0..1) drawn once per accepted request from the seeded RNG. */
export interface FaultRates {
  /** 429 with `retry_after` in the body (no header), as the spec's mock does. */
  rateLimited: number;
  /** 500 Internal server error. */
  serverError: number;
  /** 408 after a short delay. */
  timeout: number;
}

/** The spec's rates: 10% 429, 5% 500, 3% 408. */
export const SPEC_FAULT_RATES: FaultRates = { rateLimited: 0.1, serverError: 0.05, timeout: 0.03 };
export const NO_FAULTS: FaultRates = { rateLimited: 0, serverError: 0, timeout: 0 };

/** How the simulator behaves. */
export interface MockApiOptions {
  apiKey: string;
  seed: number;
  productCount: number;
  /** The server's own limit; requests beyond it in a rolling minute get 429 with a Retry-After header. */
  requestsPerMinute: number;
  faults: FaultRates;
  clock: Clock;
  /** `retry_after` (seconds) in the body of a simulated 429; the spec's mock says 5. */
  faultRetryAfterSeconds?: number;
  /** Delay before a simulated 408 (ms); the spec's mock sleeps 100 ms. */
  timeoutDelayMs?: number;
  /** Extra delay before every answer (ms), to make runs long enough to interrupt. */
  latencyMs?: number;
}

/** One answer of the simulator. */
export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What the simulator saw, for tests (time of arrival, path with query, status answered). */
export interface MockRequestRecord {
  at: number;
  path: string;
  status: number;
}

const WINDOW_MS = 60_000;
const MAX_PAGE_SIZE = 1000;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): MockResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

function positiveInt(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  return /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : undefined;
}

/** The supplier API simulator. */
export class MockSupplierApi {
  readonly catalogue: MockCatalogue;
  readonly requests: MockRequestRecord[] = [];
  private readonly faultRandom: Random;
  private readonly keyDigest: Buffer;
  private readonly windowTimes: number[] = [];

  constructor(private readonly options: MockApiOptions) {
    this.catalogue = generateCatalogue(
      options.seed,
      options.productCount,
      `${isoDate(options.clock.now())}T08:00:00Z`,
    );
    this.faultRandom = seededRandom(options.seed ^ 0x5eed);
    this.keyDigest = digest(options.apiKey);
  }

  /** Answer one request; `pathWithQuery` is e.g. `/v1/products?page=2&page_size=100`. */
  async handle(method: string, pathWithQuery: string, apiKey: string | undefined): Promise<MockResponse> {
    const response = await this.answer(method, pathWithQuery, apiKey);
    this.requests.push({
      at: this.options.clock.now().getTime(),
      path: pathWithQuery,
      status: response.status,
    });
    return response;
  }

  /** A `fetch` that reaches this simulator without a socket, for in-process tests. */
  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const answer = await this.handle(
      init?.method ?? 'GET',
      `${url.pathname}${url.search}`,
      headers.get('x-api-key') ?? undefined,
    );
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  };

  private async answer(
    method: string,
    pathWithQuery: string,
    apiKey: string | undefined,
  ): Promise<MockResponse> {
    const { clock, latencyMs = 0 } = this.options;
    if (latencyMs > 0) await clock.sleep(latencyMs);
    const url = new URL(pathWithQuery, 'http://mock.invalid');
    const items: readonly unknown[] | undefined =
      url.pathname === '/v1/products'
        ? this.catalogue.products
        : url.pathname === '/v1/inventory'
          ? this.catalogue.inventory
          : undefined;
    if (!items) return json(404, { status: 404, error: 'Endpoint not found' });
    if (method !== 'GET') return json(405, { status: 405, error: 'Method not allowed' }, { allow: 'GET' });
    if (apiKey === undefined || !timingSafeEqual(digest(apiKey), this.keyDigest)) {
      return json(401, { status: 401, error: 'Missing or invalid X-API-Key' });
    }
    const limited = this.overLimit();
    if (limited !== undefined) {
      return json(429, { status: 429, error: 'Rate limit exceeded' }, { 'retry-after': String(limited) });
    }
    const fault = await this.fault();
    if (fault) return fault;
    const page = positiveInt(url.searchParams.get('page'), 1);
    const pageSize = positiveInt(url.searchParams.get('page_size'), 100);
    if (page === undefined || pageSize === undefined || pageSize > MAX_PAGE_SIZE) {
      return json(400, {
        status: 400,
        error: `page and page_size must be whole numbers >= 1 (page_size <= ${MAX_PAGE_SIZE})`,
      });
    }
    return json(200, pageOf(items, page, pageSize));
  }

  /** Seconds until a request would be accepted, or undefined when under the limit (the request is counted). */
  private overLimit(): number | undefined {
    const now = this.options.clock.now().getTime();
    while (this.windowTimes.length > 0 && this.windowTimes[0] <= now - WINDOW_MS) this.windowTimes.shift();
    const full = this.windowTimes.length >= this.options.requestsPerMinute;
    const retryAfter = full
      ? Math.max(1, Math.ceil((this.windowTimes[0] + WINDOW_MS - now) / 1000))
      : undefined;
    this.windowTimes.push(now);
    return retryAfter;
  }

  /** One draw decides this request's fault, so each rate is exactly the configured share. */
  private async fault(): Promise<MockResponse | undefined> {
    const { faults, faultRetryAfterSeconds = 5, timeoutDelayMs = 100 } = this.options;
    const draw = this.faultRandom();
    if (draw < faults.rateLimited)
      return json(429, { status: 429, error: 'Rate limit exceeded', retry_after: faultRetryAfterSeconds });
    if (draw < faults.rateLimited + faults.serverError)
      return json(500, { status: 500, error: 'Internal server error' });
    if (draw < faults.rateLimited + faults.serverError + faults.timeout) {
      await this.options.clock.sleep(timeoutDelayMs);
      return json(408, { status: 408, error: 'Request timeout' });
    }
    return undefined;
  }
}

/** The spec's page shape for `items`. */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number) {
  const start = (page - 1) * pageSize;
  return {
    data: items.slice(start, start + pageSize),
    pagination: {
      current_page: page,
      page_size: pageSize,
      total_items: items.length,
      total_pages: Math.ceil(items.length / pageSize),
      has_next: start + pageSize < items.length,
    },
  };
}
