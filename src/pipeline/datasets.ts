// The run's datasets as DuckDB tables: a catalog from dataset name to its current table and row
// count, plus the table of rejected rows. Does not decide what any step computes.

import type { Engine, SqlValue } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import { JobError } from '../core/errors.js';
import { writeViaTempFile } from '../core/files.js';

interface DatasetEntry {
  table: string;
  rows: number;
}

/** A column of a dataset: its name and DuckDB type. */
export interface ColumnType {
  name: string;
  type: string;
}

/** Columns of the rejects file, in order. */
export const REJECT_COLUMNS = ['step', 'dataset', 'line', 'reason', 'record'] as const;

const REJECTS_TABLE = quoteIdent('__rejects');

/**
 * Name -> relation catalog for one run. Each step writes a fresh table or view, so a retry never sees
 * half a result. Row-level steps publish views (no 1M-row copies); sources and summaries are tables.
 */
export class Datasets {
  private readonly entries = new Map<string, DatasetEntry>();
  private counter = 0;
  private rejectBatch = 0;
  private readonly views = new Set<string>();
  /** Columns per table or view; each is written once and never altered, so they cannot go stale. */
  private readonly columnCache = new Map<string, ColumnType[]>();
  /** Rows in the rejects table, and the steps that put any there (kept here to spare count queries). */
  private rejectTotal = 0;
  private readonly stepsWithRejects = new Set<string>();

  private constructor(private readonly engine: Engine) {}

  /** A catalog with an empty rejects table. */
  static async create(engine: Engine): Promise<Datasets> {
    await engine.run(
      `CREATE TABLE ${REJECTS_TABLE} (batch INTEGER, step VARCHAR, dataset VARCHAR, line BIGINT, reason VARCHAR, record VARCHAR)`,
    );
    return new Datasets(engine);
  }

  /** True when an earlier step produced `name` in this run. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The quoted table holding dataset `name`; a permanent error when it was never produced. */
  table(name: string): string {
    return this.entry(name).table;
  }

  /** Row count of dataset `name`. */
  rows(name: string): number {
    return this.entry(name).rows;
  }

  /** A fresh quoted table name for a new version of dataset `name`. */
  newTable(name: string): string {
    this.counter += 1;
    return quoteIdent(`ds${this.counter}_${name}`);
  }

  /** A fresh quoted view name for a new version of dataset `name` (computed when read). */
  newView(name: string): string {
    const view = this.newTable(name);
    this.views.add(view);
    return view;
  }

  /** ` ORDER BY rowid` (file order) for a table, nothing for a view, which has no row ids. */
  rowOrder(name: string): string {
    return this.views.has(this.table(name)) ? '' : ' ORDER BY rowid';
  }

  /** Dataset `name` as a table (a view is computed once into one), for steps that need row ids. */
  async materialize(name: string): Promise<string> {
    const current = this.entry(name);
    if (!this.views.has(current.table)) return current.table;
    const table = this.newTable(name);
    await this.engine.run(`CREATE TABLE ${table} AS SELECT * FROM ${current.table}`);
    this.entries.set(name, { table, rows: current.rows });
    return table;
  }

  /**
   * Register `table` (or view) as the current version of `name`; returns its row count.
   * A step that already knows the count passes it, sparing a pass over a view.
   */
  async publish(name: string, table: string, knownRows?: number): Promise<number> {
    const rows =
      knownRows ??
      Number((await this.engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0);
    this.entries.set(name, { table, rows });
    return rows;
  }

  /** Column names of dataset `name`, in order. */
  async columns(name: string): Promise<string[]> {
    return (await this.columnTypes(name)).map((column) => column.name);
  }

  /** Columns of dataset `name` with their DuckDB types, in order. */
  async columnTypes(name: string): Promise<ColumnType[]> {
    const table = this.table(name);
    let columns = this.columnCache.get(table);
    if (!columns) {
      const rows = await this.engine.all<{ column_name: string; column_type: string }>(
        `SELECT column_name, column_type FROM (DESCRIBE ${table})`,
      );
      columns = rows.map((row) => ({ name: row.column_name, type: row.column_type }));
      this.columnCache.set(table, columns);
    }
    return columns;
  }

  /**
   * Keep the rows `selectSql` returns as rejects of `step`, each with `reason` (a SQL expression
   * over the row, e.g. a bound literal) and the row itself as JSON. Returns how many were kept.
   */
  async reject(
    step: string,
    dataset: string,
    reasonSql: string,
    selectSql: string,
    params: readonly SqlValue[] = [],
  ): Promise<number> {
    const n = params.length;
    this.rejectBatch += 1;
    const kept = await this.engine.change(
      `INSERT INTO ${REJECTS_TABLE} SELECT CAST($${n + 1} AS INTEGER), CAST($${n + 2} AS VARCHAR), CAST($${n + 3} AS VARCHAR), NULL, CAST(${reasonSql} AS VARCHAR), CAST(to_json(r) AS VARCHAR) FROM (${selectSql}) AS r`,
      [...params, this.rejectBatch, step, dataset],
    );
    this.noteRejects(step, kept);
    return kept;
  }

  /** Drop the rejects a step recorded, before it is tried again. */
  async forgetRejects(step: string): Promise<void> {
    if (!this.stepsWithRejects.delete(step)) return;
    this.rejectTotal -= await this.engine.change(`DELETE FROM ${REJECTS_TABLE} WHERE step = $1`, [step]);
  }

  /** Keep a reject that never became a row (a malformed line of a source file). */
  async rejectLine(
    step: string,
    dataset: string,
    line: number | null,
    reason: string,
    record: string,
  ): Promise<void> {
    this.rejectBatch += 1;
    await this.engine.run(`INSERT INTO ${REJECTS_TABLE} VALUES ($1, $2, $3, $4, $5, $6)`, [
      this.rejectBatch,
      step,
      dataset,
      line,
      reason,
      record,
    ]);
    this.noteRejects(step, 1);
  }

  /** Write every reject so far (oldest first, REJECT_COLUMNS) to a CSV at `path` atomically; returns how many. */
  async writeRejects(path: string): Promise<number> {
    const count = this.rejectTotal;
    if (count === 0) return 0;
    const columns = REJECT_COLUMNS.map(quoteIdent).join(', ');
    await writeViaTempFile(path, (temp) =>
      this.engine.run(
        `COPY (SELECT ${columns} FROM ${REJECTS_TABLE} ORDER BY batch, line, record) TO $1 (HEADER, DELIMITER ',')`,
        [temp],
      ),
    );
    return count;
  }

  private noteRejects(step: string, count: number): void {
    this.rejectTotal += count;
    if (count > 0) this.stepsWithRejects.add(step);
  }

  private entry(name: string): DatasetEntry {
    const entry = this.entries.get(name);
    if (!entry)
      throw new JobError(`dataset "${name}" is not available in this run`, {
        hint: 'an optional source was skipped or an earlier step failed',
      });
    return entry;
  }
}
