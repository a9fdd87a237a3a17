// The reusable REST client: API key header, timeout, proactive pacing, Retry-After, exponential backoff
// with seeded jitter, and one log line per request. Does not know about pages or records.

import { STATUS_CODES } from 'node:http';
import type { Clock } from '../core/clock.js';
import { JobError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Random } from '../core/seeded-random.js';
import { safeText } from '../core/text.js';
import type { RateLimiter } from './rate-limiter.js';
import { type RetryAfter, retryAfterFrom } from './retry-after.js';

/** How failures are retried; every duration in ms. */
export interface RetryPolicy {
  /** Retries after the first attempt (429s, 5xx, 408 and network errors share this budget). */
  maxRetries: number;
  /** First backoff delay; each further retry doubles it, then jitter of +-25% is applied. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After above this fails the request instead of waiting. */
  maxRetryAfterMs: number;
  /** The wait on a 429 that says nothing about when to retry. */
  fallbackRetryAfterMs: number;
}

/** Everything the client needs; `fetch` is injectable so tests can route to the in-process simulator. */
export interface ApiClientOptions {
  baseUrl: URL;
  apiKey: string;
  clock: Clock;
  logger: Logger;
  /** Jitter source; seeded so a run's waits are repeatable. */
  random: Random;
  rateLimiter: RateLimiter;
  timeoutMs: number;
  retry: RetryPolicy;
  fetch?: typeof fetch;
}

/** Counters for the run summary. */
export interface ClientStats {
  calls: number;
  retries: number;
}

type Outcome =
  | { kind: 'success'; body: unknown }
  | { kind: 'rate-limited'; status: number; retryAfter: RetryAfter | undefined }
  | { kind: 'transient'; description: string }
  | { kind: 'fatal'; error: JobError };

const RETRYABLE_STATUSES = new Set([408, 500, 502, 503, 504]);

/** `5` or `2.3`: whole seconds without decimals, else one decimal. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
}

/** Exponential backoff: base * 2^(retry-1), capped, with +-25% jitter from `random`. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: Random): number {
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(nominal * (0.75 + 0.5 * random()));
}

function statusText(status: number): string {
  if (status === 429) return 'Rate Limited';
  if (status === 500) return 'Server Error';
  return STATUS_CODES[status] ?? 'Unknown Status';
}

/** A GET-only JSON client for one API. */
export class ApiClient {
  readonly stats: ClientStats = { calls: 0, retries: 0 };
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** GET `path` (relative to the base URL) with `query`; returns the parsed JSON body or throws a JobError. */
  async get(path: string, query: Record<string, string | number>): Promise<unknown> {
    const { logger, retry: policy } = this.options;
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    const label = search ? `${path}?${search}` : path;
    for (let retry = 0; ; retry++) {
      await this.pace();
      const outcome = await this.attempt(label);
      if (outcome.kind === 'success') {
        logger.debug(
          `GET ${label} - Status: 200${retry > 0 ? ` (Retry successful after ${retry} ${retry === 1 ? 'retry' : 'retries'})` : ''}`,
        );
        return outcome.body;
      }
      if (outcome.kind === 'fatal') throw outcome.error;
      if (retry >= policy.maxRetries) {
        const last =
          outcome.kind === 'rate-limited'
            ? `status ${outcome.status} (${statusText(outcome.status)})`
            : outcome.description;
        throw new JobError(`GET ${label} failed after ${policy.maxRetries} retries; last answer: ${last}`, {
          hint: 'the API is unhealthy; run again later and the collector resumes from the last saved page',
          transient: true,
        });
      }
      const attemptText = `attempt ${retry + 1}/${policy.maxRetries}`;
      if (outcome.kind === 'rate-limited') {
        const wait = this.retryAfterWait(label, outcome.retryAfter);
        logger.info(`Rate limited. Waiting ${formatSeconds(wait)} seconds before retry (${attemptText})...`);
        await this.options.clock.sleep(wait);
      } else {
        const wait = backoffDelay(retry + 1, policy, this.options.random);
        logger.info(`Retrying in ${formatSeconds(wait)} seconds (${attemptText})`);
        await this.options.clock.sleep(wait);
      }
      this.stats.retries++;
    }
  }

  /** Wait for the proactive limiter, logging any pause. */
  private async pace(): Promise<void> {
    const { rateLimiter, logger } = this.options;
    const wait = rateLimiter.waitNeeded();
    if (wait > 0)
      logger.info(
        `Pacing: waiting ${formatSeconds(wait)} seconds to stay within ${rateLimiter.requestsPerMinute} requests per minute`,
      );
    await rateLimiter.acquire();
  }

  /** The wait for a 429/503: the server's Retry-After, else the configured fallback; over the cap fails. */
  private retryAfterWait(label: string, retryAfter: RetryAfter | undefined): number {
    const { retry: policy } = this.options;
    const wait = retryAfter?.ms ?? policy.fallbackRetryAfterMs;
    if (wait > policy.maxRetryAfterMs) {
      const source = retryAfter ? `Retry-After ${retryAfter.source}` : 'rate_limit.retry_after_seconds';
      throw new JobError(
        `GET ${label}: the server asked to wait ${formatSeconds(wait)} seconds (${source}), over the cap of ${formatSeconds(policy.maxRetryAfterMs)} seconds`,
        {
          hint: 'raise retry.max_retry_after_seconds in the config, or run again later to resume',
          transient: true,
        },
      );
    }
    return wait;
  }

  /** One request and its classification; logs failures. */
  private async attempt(label: string): Promise<Outcome> {
    const { baseUrl, apiKey, clock, logger, timeoutMs } = this.options;
    const url = new URL(`${baseUrl.pathname.replace(/\/$/, '')}${label}`, baseUrl);
    this.stats.calls++;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        headers: { 'X-API-Key': apiKey, Accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      this.options.rateLimiter.record();
      const description = describeNetworkError(error, timeoutMs);
      logger.error(`GET ${label} - ${description}`);
      return { kind: 'transient', description };
    }
    this.options.rateLimiter.record();
    const status = response.status;
    const body = parseJson(text);
    if (status === 200) {
      if (body === undefined)
        return {
          kind: 'fatal',
          error: new JobError(`GET ${label} answered 200 with a body that is not JSON`, {
            hint: 'check base_url points at the API',
          }),
        };
      return { kind: 'success', body };
    }
    const line = `GET ${label} - Status: ${status} (${statusText(status)})`;
    const retryAfter = retryAfterFrom(response.headers.get('retry-after'), body, clock.now());
    if (status === 429 || (status === 503 && retryAfter)) {
      logger.warn(line);
      return { kind: 'rate-limited', status, retryAfter };
    }
    if (RETRYABLE_STATUSES.has(status)) {
      if (status === 408) logger.warn(line);
      else logger.error(line);
      return { kind: 'transient', description: `status ${status} (${statusText(status)})` };
    }
    logger.error(line);
    return { kind: 'fatal', error: this.fatalError(label, status, body) };
  }

  private fatalError(label: string, status: number, body: unknown): JobError {
    const detail = errorField(body);
    const said = detail ? `: ${safeText(detail, 120).replaceAll(this.options.apiKey, '[redacted]')}` : '';
    const hint =
      status === 401 || status === 403
        ? 'check the API key (auth.api_key in the config or SLUICE_API_KEY)'
        : status === 404
          ? 'check base_url and the endpoint paths in the config'
          : 'the request was refused; check the config';
    return new JobError(`GET ${label} was refused with status ${status} (${statusText(status)})${said}`, {
      hint,
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorField(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const value = (body as { error: unknown }).error;
  return typeof value === 'string' ? value : undefined;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no response within ${formatSeconds(timeoutMs)} seconds`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  const code = cause?.code ?? (error instanceof Error ? error.message : String(error));
  return `network error (${code})`;
}
