import { describe, expect, it } from 'vitest';
import { ApiClient, backoffDelay, type RetryPolicy } from '../../src/collect/http-client.js';
import { RateLimiter } from '../../src/collect/rate-limiter.js';
import { FakeClock } from '../../src/core/clock.js';
import { JobError } from '../../src/core/errors.js';
import { Logger, MemoryLogSink } from '../../src/core/log.js';
import { seededRandom } from '../../src/core/seeded-random.js';

const KEY = 'secret-key-xyz';
const OK_BODY = { data: [], pagination: {} };

type Step = { status: number; body?: unknown; headers?: Record<string, string> } | { throws: unknown };

/** A fetch that answers from a script, recording the headers it was sent. */
function scriptedFetch(steps: Step[]) {
  const sent: Headers[] = [];
  const impl: typeof fetch = async (_url, init) => {
    sent.push(new Headers(init?.headers));
    const step = steps.shift();
    if (!step) throw new Error('script exhausted');
    if ('throws' in step) throw step.throws;
    return new Response(JSON.stringify(step.body ?? {}), { status: step.status, headers: step.headers });
  };
  return { impl, sent };
}

const policy: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 2000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 300_000,
  fallbackRetryAfterMs: 60_000,
};

function makeClient(steps: Step[], overrides: Partial<RetryPolicy> = {}) {
  const clock = new FakeClock('2024-01-17T10:00:00Z');
  const sink = new MemoryLogSink();
  const fetchScript = scriptedFetch(steps);
  const client = new ApiClient({
    baseUrl: new URL('http://127.0.0.1:1/v1'),
    apiKey: KEY,
    clock,
    logger: new Logger(clock, [sink]),
    random: seededRandom(1),
    rateLimiter: new RateLimiter(clock, 1000),
    timeoutMs: 30_000,
    retry: { ...policy, ...overrides },
    fetch: fetchScript.impl,
  });
  return { client, clock, log: sink.lines, sent: fetchScript.sent };
}

async function failure(promise: Promise<unknown>): Promise<JobError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobError);
  return error as JobError;
}

describe('ApiClient', () => {
  it('sends the key in X-API-Key and logs the request at DEBUG without it', async () => {
    const { client, log, sent } = makeClient([{ status: 200, body: OK_BODY }]);
    await expect(client.get('/products', { page: 1, page_size: 100 })).resolves.toEqual(OK_BODY);
    expect(sent[0].get('x-api-key')).toBe(KEY);
    expect(log).toEqual(['2024-01-17 10:00:00 - DEBUG - GET /products?page=1&page_size=100 - Status: 200']);
    expect(client.stats).toEqual({ calls: 1, retries: 0 });
  });

  it.each([
    { name: 'header seconds', answer: { status: 429, headers: { 'retry-after': '7' } }, waitMs: 7000 },
    {
      name: 'header HTTP date',
      answer: { status: 429, headers: { 'retry-after': 'Wed, 17 Jan 2024 10:00:20 GMT' } },
      waitMs: 20_000,
    },
    { name: 'body retry_after', answer: { status: 429, body: { retry_after: 5 } }, waitMs: 5000 },
    { name: 'nothing (config fallback)', answer: { status: 429 }, waitMs: 60_000 },
    {
      name: '503 with a Retry-After header',
      answer: { status: 503, headers: { 'retry-after': '4' } },
      waitMs: 4000,
    },
  ])('on $name waits as told, then retries', async ({ answer, waitMs }) => {
    const { client, clock, log } = makeClient([answer, { status: 200, body: OK_BODY }]);
    await client.get('/products', { page: 3 });
    expect(clock.sleeps).toEqual([waitMs]);
    expect(log[0]).toMatch(
      /WARNING - GET \/products\?page=3 - Status: (429 \(Rate Limited\)|503 \(Service Unavailable\))/,
    );
    expect(log[1]).toContain(`Rate limited. Waiting ${waitMs / 1000} seconds before retry (attempt 1/3)...`);
    expect(log[2]).toContain('Status: 200 (Retry successful after 1 retry)');
    expect(client.stats).toEqual({ calls: 2, retries: 1 });
  });

  it('fails clearly when Retry-After is over the cap instead of waiting', async () => {
    const { client, clock } = makeClient([{ status: 429, headers: { 'retry-after': '3600' } }], {
      maxRetryAfterMs: 120_000,
    });
    const error = await failure(client.get('/products', { page: 1 }));
    expect(error.message).toMatch(
      /asked to wait 3600 seconds \(Retry-After header\), over the cap of 120 seconds/,
    );
    expect(error.hint).toMatch(/max_retry_after_seconds/);
    expect(error.transient).toBe(true);
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    { status: 500, level: 'ERROR', text: 'Server Error' },
    { status: 502, level: 'ERROR', text: 'Bad Gateway' },
    { status: 503, level: 'ERROR', text: 'Service Unavailable' },
    { status: 504, level: 'ERROR', text: 'Gateway Timeout' },
    { status: 408, level: 'WARNING', text: 'Request Timeout' },
  ])('retries $status with exponential backoff and jitter', async ({ status, level, text }) => {
    const { client, clock, log } = makeClient([
      { status },
      { status },
      { status },
      { status: 200, body: OK_BODY },
    ]);
    await client.get('/inventory', { page: 2 });
    expect(log[0]).toContain(`${level} - GET /inventory?page=2 - Status: ${status} (${text})`);
    expect(log[1]).toMatch(/Retrying in [\d.]+ seconds \(attempt 1\/3\)/);
    expect(clock.sleeps).toHaveLength(3);
    clock.sleeps.forEach((ms, i) => {
      const nominal = 2000 * 2 ** i;
      expect(ms).toBeGreaterThanOrEqual(nominal * 0.75);
      expect(ms).toBeLessThanOrEqual(nominal * 1.25);
    });
    expect(log.at(-1)).toContain('Status: 200 (Retry successful after 3 retries)');
  });

  it('gives up after max retries with a transient error naming the last answer', async () => {
    const { client } = makeClient([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }]);
    const error = await failure(client.get('/inventory', { page: 2 }));
    expect(error.message).toBe(
      'GET /inventory?page=2 failed after 3 retries; last answer: status 500 (Server Error)',
    );
    expect(error.transient).toBe(true);
    expect(client.stats).toEqual({ calls: 4, retries: 3 });
  });

  it.each([
    {
      name: 'a refused connection',
      thrown: new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
      logged: 'network error (ECONNREFUSED)',
    },
    {
      name: 'a timeout',
      thrown: new DOMException('timed out', 'TimeoutError'),
      logged: 'no response within 30 seconds',
    },
  ])('retries $name', async ({ thrown, logged }) => {
    const { client, log } = makeClient([{ throws: thrown }, { status: 200, body: OK_BODY }]);
    await client.get('/products', { page: 1 });
    expect(log[0]).toContain(`ERROR - GET /products?page=1 - ${logged}`);
    expect(client.stats.retries).toBe(1);
  });

  it.each([
    { status: 401, hint: /check the API key/ },
    { status: 403, hint: /check the API key/ },
    { status: 404, hint: /check base_url/ },
    { status: 400, hint: /refused/ },
  ])('fails at once on $status with a hint', async ({ status, hint }) => {
    const { client, clock } = makeClient([{ status, body: { error: 'nope' } }]);
    const error = await failure(client.get('/products', { page: 1 }));
    expect(error.message).toMatch(new RegExp(`refused with status ${status} .*: nope`));
    expect(error.hint).toMatch(hint);
    expect(error.transient).toBe(false);
    expect(clock.sleeps).toEqual([]);
  });

  it('never repeats the key even when the server echoes it', async () => {
    const { client } = makeClient([{ status: 401, body: { error: `bad key ${KEY}` } }]);
    const error = await failure(client.get('/products', {}));
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain('[redacted]');
  });

  it('treats a 200 whose body is not JSON as a clear failure', async () => {
    const clock = new FakeClock();
    const client = new ApiClient({
      baseUrl: new URL('http://127.0.0.1:1/v1'),
      apiKey: KEY,
      clock,
      logger: new Logger(clock, []),
      random: seededRandom(1),
      rateLimiter: new RateLimiter(clock, 10),
      timeoutMs: 1000,
      retry: policy,
      fetch: async () => new Response('<html>hello</html>', { status: 200 }),
    });
    expect((await failure(client.get('/products', {}))).message).toMatch(/not JSON/);
  });
});

describe('backoffDelay', () => {
  it('doubles per retry and respects the cap', () => {
    const half = () => 0.5;
    expect(
      [1, 2, 3, 10].map((retry) => backoffDelay(retry, { ...policy, maxDelayMs: 10_000 }, half)),
    ).toEqual([2000, 4000, 8000, 10_000]);
  });
});
