// Golden-file harness: runs the built CLI on a copy of an example workspace with a pinned clock and
// compares every file the run created or changed with test/golden/<name>/. UPDATE_GOLDEN=1 rewrites them.

import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI as shipped: the bundle `npm run build` writes (scripts/bundle.mjs). */
export const cliPath = join(repoRoot, 'dist', 'cli', 'main.js');

/** What a CLI run returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI in `cwd` with a pinned clock (SLUICE_NOW) unless `env` overrides it. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SLUICE_NOW: '2024-01-17T10:30:00Z', FORCE_COLOR: '0', ...env },
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function listFiles(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  if (existsSync(root)) walk(root);
  return files;
}

/** Copy examples/<job> into a new temp folder and return its path. */
export function copyExample(job: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sluice-${job}-`));
  cpSync(join(repoRoot, 'examples', job), dir, { recursive: true });
  return dir;
}

/** The files under `dir` that are new or differ from examples/<job>. */
export function changedFiles(job: string, dir: string): Map<string, Buffer> {
  const before = listFiles(join(repoRoot, 'examples', job));
  const after = listFiles(dir);
  const changed = new Map<string, Buffer>();
  for (const [path, content] of after) {
    const old = before.get(path);
    if (!old || !old.equals(content)) changed.set(path, content);
  }
  return changed;
}

/**
 * Compare the outputs of a run in `dir` with test/golden/<golden>/: the same file names and the same
 * bytes. With UPDATE_GOLDEN=1 the golden folder is rewritten from the run instead.
 */
export function expectGolden(job: string, dir: string, golden: string): void {
  const goldenDir = join(repoRoot, 'test', 'golden', golden);
  const actual = changedFiles(job, dir);
  if (process.env.UPDATE_GOLDEN === '1') {
    rmSync(goldenDir, { recursive: true, force: true });
    for (const [path, content] of actual) {
      mkdirSync(dirname(join(goldenDir, path)), { recursive: true });
      writeFileSync(join(goldenDir, path), content);
    }
    return;
  }
  const expected = listFiles(goldenDir);
  expect([...actual.keys()].sort(), `output files of ${golden}`).toEqual([...expected.keys()].sort());
  for (const [path, content] of expected) {
    expect(actual.get(path)?.toString('utf8'), `${golden}/${path}`).toBe(content.toString('utf8'));
  }
}
