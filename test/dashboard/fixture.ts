// Test workspaces for the dashboard: a copy of the hand-written sample outputs in cases/workspace, with
// the pipeline's metrics.db built from cases/sql (a binary file has no place in the repository).

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const casesDir = join(dirname(fileURLToPath(import.meta.url)), 'cases');

/** Write a metrics.db built from cases/sql/<sqlFile> at `path`. */
export function buildMetricsDb(path: string, sqlFile = 'pipeline-metrics.sql'): void {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.exec(readFileSync(join(casesDir, 'sql', sqlFile), 'utf8'));
  } finally {
    db.close();
  }
}

/** A fresh temporary copy of the sample workspace (all six jobs); remove it with `removeWorkspace`. */
export function sampleWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-dashboard-'));
  cpSync(join(casesDir, 'workspace'), dir, { recursive: true });
  buildMetricsDb(join(dir, 'pipeline', 'data', 'output', 'metrics.db'));
  return dir;
}

/** An empty temporary workspace: no job has run. */
export function emptyWorkspace(): string {
  return mkdtempSync(join(tmpdir(), 'sluice-dashboard-empty-'));
}

/** Delete a temporary workspace. */
export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
