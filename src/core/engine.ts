// The embedded DuckDB engine every set-based job uses: one instance, one connection, bound values,
// quoted identifiers, and results as plain JSON-safe objects. Does not build any job's SQL.

import { createRequire } from 'node:module';
import type * as DuckDB from '@duckdb/node-api';
import type {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBMaterializedResult,
  DuckDBValue,
} from '@duckdb/node-api';

// Loaded with require, not import: the package is CommonJS, and an ESM import makes Node scan all of
// its files for named exports first, which cost ~0.3 s of every DuckDB job's start-up.
const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDB;

/** A value that can be bound to a `$1`-style parameter. */
export type SqlValue = string | number | boolean | null | bigint;

/** One result row; BIGINT becomes a number when it fits exactly, else a string (never a lossy float). */
export type SqlRow = Record<string, unknown>;

/** Quote an identifier for SQL: `my "col"` -> `"my ""col"""`. Never splice raw names into SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Options for an engine. */
export interface EngineOptions {
  /** Worker threads; default: every core. */
  threads?: number;
  /** Memory cap such as `2GB`; DuckDB spills to disk beyond it. */
  memoryLimit?: string;
}

function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

/** An embedded DuckDB database (in memory unless a path is given). Close it when done. */
export class Engine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Open an engine. */
  static async create(path = ':memory:', options: EngineOptions = {}): Promise<Engine> {
    const settings: Record<string, string> = {};
    if (options.threads) settings.threads = String(options.threads);
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    const instance = await duckdb.DuckDBInstance.create(path, settings);
    const connection = await instance.connect();
    return new Engine(instance, connection);
  }

  /** Run a statement with bound values (`$1`, `$2` ...), ignoring any result. */
  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.execute(sql, params);
  }

  /** Run an INSERT, UPDATE or DELETE with bound values; returns how many rows it changed. */
  async change(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.execute(sql, params)).rowsChanged;
  }

  /** Run a query with bound values and return every row as a plain object. */
  async all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const reader =
      params.length === 0
        ? await this.connection.runAndReadAll(sql)
        : await this.connection.runAndReadAll(sql, params as DuckDBValue[]);
    const rows = reader.getRowObjectsJS();
    return rows.map((row) => {
      const out: SqlRow = {};
      for (const [key, value] of Object.entries(row)) out[key] = toPlain(value);
      return out as T;
    });
  }

  /** The first row of a query, or undefined. */
  async one<T extends SqlRow = SqlRow>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  private execute(sql: string, params: readonly SqlValue[]): Promise<DuckDBMaterializedResult> {
    return params.length === 0 ? this.connection.run(sql) : this.connection.run(sql, params as DuckDBValue[]);
  }

  /** Release the connection and the database. */
  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Run `work` with a fresh engine and always close it. */
export async function withEngine<T>(
  work: (engine: Engine) => Promise<T>,
  options: EngineOptions = {},
): Promise<T> {
  const engine = await Engine.create(':memory:', options);
  try {
    return await work(engine);
  } finally {
    engine.close();
  }
}

/**
 * SQL for reading a CSV with every column as text (cast later with TRY_CAST), the path bound as `$n`.
 * Quoting is RFC 4180; rows with the wrong field count are kept for the caller to reject via `ignore_errors=false`.
 */
export function readCsvAsText(pathParam: string): string {
  return `read_csv(${pathParam}, header = true, all_varchar = true, auto_detect = true, quote = '"', escape = '"')`;
}
