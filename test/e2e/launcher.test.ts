// The `sluice` command (bin/sluice): which commands it runs without NODE_EXTRA_CA_CERTS, and that it
// reaches the built CLI with the node flags on main.js's `#!` line, also through a symbolic link (as
// npm installs it). A stand-in `node` first on PATH prints what it was given instead of running.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from './harness.js';

const launcher = join(repoRoot, 'bin', 'sluice');
const fakeBin = mkdtempSync(join(tmpdir(), 'sluice-launcher-'));
writeFileSync(
  join(fakeBin, 'node'),
  '#!/bin/sh\necho "certs=${NODE_EXTRA_CA_CERTS-unset}"\necho "args=$*"\n',
);
chmodSync(join(fakeBin, 'node'), 0o755);
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

/** What the stand-in node printed for `sluice <args>` run through `command`. */
function launch(args: string[], command = launcher): { certs: string; args: string } {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH}`, NODE_EXTRA_CA_CERTS: '/etc/extra.pem' },
  });
  expect(result.status, result.stderr).toBe(0);
  const [certs, given] = result.stdout.trim().split('\n');
  return { certs: certs.replace('certs=', ''), args: given.replace('args=', '') };
}

describe('bin/sluice', () => {
  it('runs the jobs that open no TLS connection without NODE_EXTRA_CA_CERTS', () => {
    for (const job of ['integrate', 'quality', 'logs', 'reconcile', 'mock-api', 'serve'])
      expect(launch(['-q', job, '--date', '2024-01-17']).certs).toBe('unset');
  });

  it('keeps it for the commands that may call HTTPS APIs, and when no command is given', () => {
    expect(launch(['collect', '--dir', 'x']).certs).toBe('/etc/extra.pem');
    expect(launch(['--verbose', 'pipeline', 'run']).certs).toBe('/etc/extra.pem');
    expect(launch(['demo']).certs).toBe('/etc/extra.pem');
    expect(launch(['--version']).certs).toBe('/etc/extra.pem');
  });

  it('judges only the command: an argument named like a job later on changes nothing', () => {
    expect(launch(['collect', 'logs']).certs).toBe('/etc/extra.pem');
  });

  it("passes main.js's node flags, the script and every argument, also through a symbolic link", () => {
    const link = join(fakeBin, 'sluice');
    symlinkSync(launcher, link);
    const { args } = launch(['-q', 'logs', '--date', '2024-01-17'], link);
    expect(args).toBe(
      `--single-threaded-gc --no-concurrent-recompilation ${cliPath} -q logs --date 2024-01-17`,
    );
  });
});
