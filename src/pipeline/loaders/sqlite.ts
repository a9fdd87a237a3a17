// The `sqlite` loader: inserts an aggregated dataset into the spec's daily_metrics table, creating
// or migrating it, in one transaction that first deletes the date's rows (so re-runs are idempotent).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { quoteIdent } from '../../core/engine.js';
import { JobError } from '../../core/errors.js';
import { isoInstant } from '../../core/format-time.js';
import { formatCount } from '../../core/text.js';
import type { DestinationConfig } from '../config.js';
import { runPath } from '../paths.js';
import { defaultInput, Loader } from '../steps.js';
import type { PlanState, StepContext, StepOutcome } from '../steps.js';
import { dailyMetricsTable, ensureTable } from '../store-schema.js';
import { requireColumns } from '../transformers/columns.js';

const REQUIRED = ['product_category', 'order_count', 'total_revenue'];

/** Loads daily metrics into SQLite. */
export class SqliteLoader extends Loader {
  readonly inputs: readonly string[];
  private readonly table: string;

  constructor(
    private readonly destination: DestinationConfig,
    plan: PlanState,
  ) {
    super(destination.name, destination.type);
    this.inputs = [defaultInput(destination.input, plan)];
    this.table = destination.table ?? 'daily_metrics';
  }

  override label(): string {
    return `${this.name} (SQLite)`;
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const input = this.inputs[0];
    const path = runPath(this.destination.path, context.dir, context.date);
    context.log.info(`  Table: ${this.table}`);
    const columns = await requireColumns(context, this.name, input, REQUIRED);
    const withAverage = columns.includes('avg_order_value');
    const rows = await context.engine.all<{
      product_category: string;
      order_count: string;
      total_revenue: string;
      avg_order_value?: string;
    }>(
      `SELECT ${[...REQUIRED, ...(withAverage ? ['avg_order_value'] : [])].map((c) => `CAST(${quoteIdent(c)} AS VARCHAR) AS ${quoteIdent(c)}`).join(', ')} FROM ${context.datasets.table(input)}${context.datasets.rowOrder(input)}`,
    );
    mkdirSync(dirname(path.absolute), { recursive: true });
    const db = new Database(path.absolute, { timeout: 5000 });
    try {
      const table = quoteIdent(this.table);
      ensureTable(db, table, dailyMetricsTable(table));
      const remove = db.prepare(`DELETE FROM ${table} WHERE run_date = ?`);
      const insert = db.prepare(
        `INSERT INTO ${table} (run_date, run_id, product_category, order_count, total_revenue, avg_order_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      const createdAt = isoInstant(context.clock.now()).replace('T', ' ').replace('Z', '');
      db.transaction(() => {
        remove.run(context.date);
        for (const row of rows) {
          insert.run(
            context.date,
            context.runId,
            row.product_category,
            toInteger(row.order_count),
            toNumber(row.total_revenue),
            row.avg_order_value === undefined ? null : toNumber(row.avg_order_value),
            createdAt,
          );
        }
      })();
    } catch (error) {
      throw asLoadError(error, path.absolute);
    } finally {
      db.close();
    }
    context.log.info(`  Records inserted: ${formatCount(rows.length)}`);
    return { recordsIn: rows.length, recordsOut: rows.length };
  }
}

function toInteger(text: string): number {
  return Math.round(Number(text));
}

function toNumber(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** A busy or locked database is worth retrying; anything else is not. */
function asLoadError(error: unknown, path: string): Error {
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new JobError(`database ${path} is busy`, {
      transient: true,
      cause: error,
      hint: 'another process holds a write lock',
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
