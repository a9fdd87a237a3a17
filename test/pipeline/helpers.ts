// Test helpers for the pipeline: a DuckDB-backed step context with datasets built from literal rows,
// temp workspaces copied from the example, and config editing. Not a test file itself.

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../src/core/clock.js';
import { Engine, quoteIdent } from '../../src/core/engine.js';
import type { SqlValue } from '../../src/core/engine.js';
import { MemoryLogSink } from '../../src/core/log.js';
import type { PipelineConfig } from '../../src/pipeline/config.js';
import { Datasets, REJECT_COLUMNS } from '../../src/pipeline/datasets.js';
import { executionLogger } from '../../src/pipeline/execution-log.js';
import type { PlanState, StepContext } from '../../src/pipeline/steps.js';

/** A step context over a fresh in-memory engine; close `engine` when done. */
export interface TestContext extends StepContext {
  lines: string[];
  /** Create dataset `name` from rows of text values (null for empty). */
  load(name: string, rows: Record<string, string | null>[]): Promise<void>;
  /** The rejects so far as text cells: step, dataset, line, reason, record. */
  rejects(): Promise<string[][]>;
  /** Rows of dataset `name` with every value as text, in file order (views: by first column). */
  rowsOf(name: string): Promise<Record<string, string | null>[]>;
}

export async function testContext(
  dir = mkdtempSync(join(tmpdir(), 'sluice-pipeline-unit-')),
): Promise<TestContext> {
  const engine = await Engine.create(':memory:', { threads: 1 });
  const clock = new FakeClock('2024-01-17T02:00:00Z');
  const sink = new MemoryLogSink();
  const datasets = await Datasets.create(engine);
  return {
    engine,
    clock,
    datasets,
    dir,
    date: '2024-01-17',
    runId: 'RUN-TEST',
    log: executionLogger(clock, [sink]),
    lines: sink.lines,
    async load(name, rows) {
      const columns = Object.keys(rows[0]);
      const table = datasets.newTable(name);
      await engine.run(
        `CREATE TABLE ${table} (${columns.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')})`,
      );
      for (const row of rows) {
        const params: SqlValue[] = columns.map((c) => row[c]);
        await engine.run(
          `INSERT INTO ${table} VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          params,
        );
      }
      await datasets.publish(name, table);
    },
    async rejects() {
      const rows = await engine.all<Record<string, string | null>>(
        `SELECT ${REJECT_COLUMNS.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')} FROM __rejects ORDER BY batch, line, record`,
      );
      return rows.map((row) => REJECT_COLUMNS.map((c) => row[c] ?? ''));
    },
    async rowsOf(name) {
      // Tables keep file order; views (joins) have none, so sort them by their first column.
      const order = datasets.rowOrder(name) || ' ORDER BY 1';
      return engine.all<Record<string, string | null>>(
        `SELECT COLUMNS(*)::VARCHAR FROM ${datasets.table(name)}${order}`,
      );
    },
  };
}

/** Plan state for building a single step in a test. */
export const plan = (current = 'orders'): PlanState => ({ current, primary: 'orders' });

export const repoRoot = join(import.meta.dirname, '..', '..');

/** A temp copy of examples/pipeline. */
export function exampleWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pipeline-ws-'));
  cpSync(join(repoRoot, 'examples', 'pipeline'), dir, { recursive: true });
  return dir;
}

/** Rewrite the workspace's config through `edit`. */
export function editConfig(dir: string, edit: (config: PipelineConfig) => void): void {
  const path = join(dir, 'config', 'pipeline_config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as PipelineConfig;
  edit(config);
  writeFileSync(path, JSON.stringify(config, null, 2));
}
