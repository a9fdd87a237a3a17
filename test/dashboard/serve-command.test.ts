// `sluice serve` on bad flags: one line on stderr, exit 2, no stack trace; and the port parser.

import { describe, expect, it } from 'vitest';
import { parsePort } from '../../src/cli/serve.js';
import { UsageError } from '../../src/core/errors.js';
import { repoRoot, runCli } from '../e2e/harness.js';

describe('parsePort', () => {
  it.each([
    ['0', 0],
    ['8080', 8080],
    ['65535', 65535],
  ])('accepts %s', (text, port) => {
    expect(parsePort(text)).toBe(port);
  });

  it.each(['', 'abc', '-1', '65536', '80.5', '0x50'])('rejects %j as a usage error', (text) => {
    expect(() => parsePort(text)).toThrow(UsageError);
  });
});

describe('sluice serve with bad flags', () => {
  it.each([
    [
      ['serve', '--dir', 'no-such-folder-here'],
      /^sluice: error: workspace folder not found: .*no-such-folder-here \(pass an existing folder with --dir/,
    ],
    [
      ['serve', '--dir', '.', '--port', 'http'],
      /^sluice: error: invalid --port http \(pass a number from 0 to 65535\)$/,
    ],
    [
      ['serve', '--dir', '.', '--port', '0', '--host', 'no-such-host.invalid'],
      /^sluice: error: cannot bind to --host no-such-host\.invalid/,
    ],
  ])('%j exits 2 with one line', (args, message) => {
    const result = runCli(args, repoRoot);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
  });
});
