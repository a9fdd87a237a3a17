import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cliPath } from './harness.js';

describe('sluice mock-api (e2e)', () => {
  it('serves pages on loopback to the right key only and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [cliPath, 'mock-api', '--port', '0', '--api-key', 'k1', '--no-faults', '--products', '30'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const baseUrl = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
        if (match) resolve(match[1]);
      });
    });
    const denied = await fetch(`${baseUrl}/products`);
    expect(denied.status).toBe(401);
    const page = await fetch(`${baseUrl}/inventory?page=1&page_size=5`, { headers: { 'X-API-Key': 'k1' } });
    expect(page.status).toBe(200);
    const body = (await page.json()) as {
      data: unknown[];
      pagination: { page_size: number; has_next: boolean };
    };
    expect(body.data).toHaveLength(5);
    expect(body.pagination).toMatchObject({ page_size: 5, has_next: true });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
