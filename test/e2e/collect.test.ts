import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, expectGolden, runCli } from './harness.js';

describe('sluice collect (e2e)', () => {
  it('collects from the in-process simulator with faults and matches the golden outputs', () => {
    const dir = copyExample('collect');
    const result = runCli(['collect', '--mock', '--mock-seed', '41'], dir);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Collected 350 products');
    expectGolden('collect', dir, 'collect');
  });

  it('never writes the API key to the log, state or outputs', () => {
    const dir = copyExample('collect');
    const key = 'k3y-that-must-not-leak';
    expect(runCli(['collect', '--mock'], dir, { SLUICE_API_KEY: key }).code).toBe(0);
    for (const file of [
      'logs/api_collector.log',
      'data/products_2024-01-17.json',
      'data/inventory_2024-01-17.csv',
    ]) {
      expect(readFileSync(join(dir, file), 'utf8')).not.toContain(key);
    }
  });

  const configCases: Array<{
    name: string;
    edit: (config: Record<string, unknown>) => unknown;
    message: RegExp;
  }> = [
    {
      name: 'an unknown key, with a suggestion',
      edit: (c) => ({ ...c, paginaton: {} }),
      message: /unknown key "paginaton" \(did you mean "pagination"\?\)/,
    },
    {
      name: 'a wrong type, with its JSON path',
      edit: (c) => ({ ...c, rate_limit: { requests_per_minute: 'ten' } }),
      message: /rate_limit\.requests_per_minute/,
    },
    {
      name: 'the placeholder API key',
      edit: (c) => ({ ...c, auth: { api_key: 'your-api-key-here' } }),
      message: /no API key/,
    },
    {
      name: 'plain http to a remote host',
      edit: (c) => ({ ...c, base_url: 'http://api.supplier.com/v1' }),
      message: /refusing to send the API key over plain http/,
    },
  ];
  it.each(configCases)('exits 2 with one line for $name', ({ edit, message }) => {
    const dir = copyExample('collect');
    const path = join(dir, 'config', 'api_config.json');
    writeFileSync(
      path,
      JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)),
    );
    const result = runCli(['collect'], dir, { SLUICE_API_KEY: '' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 naming the line and column of malformed config JSON', () => {
    const dir = copyExample('collect');
    writeFileSync(join(dir, 'config', 'api_config.json'), '{\n  "base_url": ,\n}');
    const result = runCli(['collect'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/api_config\.json:2:15/);
  });

  it('exits 2 for a date that is not YYYY-MM-DD', () => {
    const result = runCli(['collect', '--date', '2024-13-01'], copyExample('collect'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--date must be a date/);
  });

  it('exits 1 and logs the failure when the API cannot be reached after its retries', () => {
    const dir = copyExample('collect');
    const path = join(dir, 'config', 'api_config.json');
    const config = JSON.parse(readFileSync(path, 'utf8')) as { base_url: string; retry?: unknown };
    writeFileSync(
      path,
      JSON.stringify({
        ...config,
        base_url: 'http://127.0.0.1:9/v1',
        retry: { max_retries: 1, base_delay_seconds: 0 },
      }),
    );
    const result = runCli(['collect'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed after 1 retries; last answer: network error/);
    expect(readFileSync(join(dir, 'logs', 'api_collector.log'), 'utf8')).toMatch(/ERROR - Collection failed/);
  });
});
