import { describe, expect, it } from 'vitest';
import { apiConfigSchema, checkBaseUrl, isLoopbackHost, resolveApiKey } from '../../src/collect/config.js';
import { validateConfig } from '../../src/core/config.js';
import { ConfigError, UsageError } from '../../src/core/errors.js';
import { apiConfig } from './helpers.js';

describe('apiConfigSchema', () => {
  it('accepts the spec shape and fills the retry and timeout defaults', () => {
    const config = validateConfig(apiConfigSchema, apiConfig(), 'api_config.json');
    expect(config.retry).toEqual({
      max_retries: 3,
      base_delay_seconds: 2,
      max_delay_seconds: 60,
      max_retry_after_seconds: 300,
    });
    expect(config.timeout_seconds).toBe(30);
  });

  it('names every problem with its JSON path at once', () => {
    const bad = apiConfig({ endpoints: { products: 'products' }, pagination: { page_size: 0 } });
    expect(() => validateConfig(apiConfigSchema, bad, 'api_config.json')).toThrowError(
      /endpoints\.products: .*; endpoints\.inventory: .*; pagination\.page_size/,
    );
  });
});

describe('resolveApiKey', () => {
  it.each([
    {
      name: 'SLUICE_API_KEY over the config',
      key: 'file-key',
      env: { SLUICE_API_KEY: 'env-key' },
      expected: 'env-key',
    },
    { name: 'the config key when the variable is unset', key: 'file-key', env: {}, expected: 'file-key' },
    {
      name: 'the config key when the variable is empty',
      key: 'file-key',
      env: { SLUICE_API_KEY: '' },
      expected: 'file-key',
    },
  ])('uses $name', ({ key, env, expected }) => {
    const config = validateConfig(apiConfigSchema, apiConfig({ auth: { api_key: key } }), 'c.json');
    expect(resolveApiKey(config, 'c.json', env)).toBe(expected);
  });

  it.each([undefined, 'your-api-key-here', '  '])('refuses a missing or placeholder key (%s)', (key) => {
    const config = validateConfig(
      apiConfigSchema,
      apiConfig({ auth: key === undefined ? {} : { api_key: key } }),
      'c.json',
    );
    expect(() => resolveApiKey(config, 'c.json', {})).toThrowError(ConfigError);
  });
});

describe('checkBaseUrl', () => {
  it.each(['localhost', '127.0.0.1', '127.3.4.5', '[::1]', 'LOCALHOST'])('treats %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['api.supplier.com', '10.0.0.1', '128.0.0.1', 'localhost.evil.com'])(
    'treats %s as remote',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  it.each([
    { url: 'https://api.supplier.com/v1', insecure: false, error: undefined },
    { url: 'http://127.0.0.1:8080/v1', insecure: false, error: undefined },
    { url: 'http://api.supplier.com/v1', insecure: false, error: UsageError },
    { url: 'http://api.supplier.com/v1', insecure: true, error: undefined },
    { url: 'ftp://api.supplier.com/v1', insecure: true, error: ConfigError },
    { url: 'https://user:pw@api.supplier.com/v1', insecure: false, error: ConfigError },
    { url: 'https://api.supplier.com/v1?key=abc', insecure: false, error: ConfigError },
    { url: 'not a url', insecure: false, error: ConfigError },
  ])('$url (allow insecure: $insecure)', ({ url, insecure, error }) => {
    if (error) expect(() => checkBaseUrl(url, insecure)).toThrowError(error);
    else expect(checkBaseUrl(url, insecure).href).toBe(url);
  });
});
