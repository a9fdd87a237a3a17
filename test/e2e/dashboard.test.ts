// End to end: the built CLI's `sluice serve` on the hand-written sample workspace; every API route's JSON
// is compared with test/golden/dashboard/, and SIGTERM stops the server with exit code 0.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeWorkspace, sampleWorkspace } from '../dashboard/fixture.js';
import { cliPath, expectGolden } from './harness.js';

const ROUTES = [
  'overview',
  'integrate',
  'quality',
  'collect',
  'logs',
  'logs?date=2024-01-16',
  'reconcile',
  'pipeline',
  'pipeline?date=2024-01-15',
];

let workspace: string;
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  workspace = sampleWorkspace();
  child = spawn(process.execPath, [cliPath, 'serve', '--dir', workspace, '--port', '0'], {
    env: { ...process.env, SLUICE_NOW: '2024-01-17T10:30:00Z' },
  });
  url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`sluice serve exited with ${code} before listening`)));
  });
});

afterAll(() => {
  child?.kill('SIGKILL');
  removeWorkspace(workspace);
});

describe('sluice serve (built CLI)', () => {
  it('answers every API route with the golden JSON', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sluice-dashboard-api-'));
    try {
      for (const route of ROUTES) {
        const response = await fetch(`${url}api/${route}`);
        expect(response.status, route).toBe(200);
        const name = route.replace('?', '_').replace('=', '-');
        mkdirSync(join(out, 'api'), { recursive: true });
        writeFileSync(
          join(out, 'api', `${name}.json`),
          `${JSON.stringify(await response.json(), null, 2)}\n`,
        );
      }
      expectGolden('dashboard', out, 'dashboard');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
