// The collector's config (`config/api_config.json` in the spec's shape, plus optional retry/timeout keys)
// and the checks made before any request: API key present, key never sent in clear to a remote host.
// Does not talk to the network.

import { z } from 'zod';
import { loadConfig } from '../core/config.js';
import { ConfigError, UsageError } from '../core/errors.js';

const positiveInt = z.number().int().positive();
const seconds = z.number().nonnegative();

/** The zod schema of api_config.json; unknown keys are rejected with a suggestion. */
export const apiConfigSchema = z.strictObject({
  base_url: z.string().min(1),
  endpoints: z.strictObject({
    products: z.string().startsWith('/'),
    inventory: z.string().startsWith('/'),
  }),
  auth: z.strictObject({ api_key: z.string().optional() }).optional(),
  rate_limit: z.strictObject({
    requests_per_minute: positiveInt,
    retry_after_seconds: seconds.default(60),
  }),
  pagination: z.strictObject({
    page_size: positiveInt.max(10_000),
    max_pages: positiveInt.default(50),
  }),
  retry: z
    .strictObject({
      max_retries: z.number().int().nonnegative().default(3),
      base_delay_seconds: seconds.default(2),
      max_delay_seconds: seconds.default(60),
      max_retry_after_seconds: seconds.default(300),
    })
    .prefault({}),
  timeout_seconds: z.number().positive().default(30),
});

/** api_config.json after validation and defaults. */
export type ApiConfig = z.output<typeof apiConfigSchema>;

/** The two endpoints the spec collects; products become JSON, inventory CSV. */
export type EndpointName = keyof ApiConfig['endpoints'];
export const endpointNames: readonly EndpointName[] = ['products', 'inventory'];

/** Read and validate the config file. */
export function loadApiConfig(path: string): ApiConfig {
  return loadConfig(apiConfigSchema, path, 'API config');
}

const PLACEHOLDER_KEYS = new Set(['', 'your-api-key-here']);

/**
 * The API key: `SLUICE_API_KEY` wins over `auth.api_key` so a real key need not live in a file.
 * A missing key or the spec's placeholder is a ConfigError.
 */
export function resolveApiKey(
  config: ApiConfig,
  configPath: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const key = env.SLUICE_API_KEY || config.auth?.api_key || '';
  if (PLACEHOLDER_KEYS.has(key.trim())) {
    throw new ConfigError(
      `no API key: ${configPath} auth.api_key is missing or the placeholder, and SLUICE_API_KEY is not set`,
      'set SLUICE_API_KEY or put the key in auth.api_key',
    );
  }
  return key;
}

/** True for hosts that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Parse the base URL and refuse to send the key over plain http to a non-loopback host
 * unless `allowInsecure` (the `--allow-insecure` flag) is set.
 */
export function checkBaseUrl(baseUrl: string, allowInsecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError(`base_url is not a URL: ${baseUrl}`, 'use e.g. https://api.supplier.com/v1');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`base_url must be http(s): ${baseUrl}`, 'use e.g. https://api.supplier.com/v1');
  }
  if (url.username || url.password || url.search) {
    throw new ConfigError(
      `base_url must not carry credentials or a query: ${url.origin}${url.pathname}`,
      'put the key in auth.api_key or SLUICE_API_KEY',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecure) {
    throw new UsageError(
      `refusing to send the API key over plain http to ${url.host}`,
      'use https, or pass --allow-insecure if you accept the risk',
    );
  }
  return url;
}
