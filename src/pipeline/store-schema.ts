// The metrics database's schema (the spec's daily_metrics and pipeline_runs, plus step_metrics and
// notification state): created when absent, migrated in place when older. Does not read or write rows.

import type { Database } from 'better-sqlite3';

/** The schema version this code writes (`PRAGMA user_version`). 0 or 1: the spec's original tables. */
export const SCHEMA_VERSION = 2;

interface TableSpec {
  create: string;
  /** Columns added after the spec's original table, with their types, for migration. */
  columns: Record<string, string>;
}

/** The spec's daily_metrics shape, under any table name a sqlite destination gives. */
export function dailyMetricsTable(quotedName: string): TableSpec {
  return {
    create: `CREATE TABLE IF NOT EXISTS ${quotedName} (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      run_date DATE,
      run_id TEXT,
      product_category TEXT,
      order_count INTEGER,
      total_revenue REAL,
      created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
    )`,
    columns: { avg_order_value: 'REAL' },
  };
}

const RUNS: TableSpec = {
  create: `CREATE TABLE IF NOT EXISTS pipeline_runs (
    run_id TEXT PRIMARY KEY,
    pipeline_name TEXT,
    start_time TIMESTAMP,
    end_time TIMESTAMP,
    status TEXT,
    records_processed INTEGER,
    records_output INTEGER,
    error_message TEXT
  )`,
  columns: {
    run_date: 'DATE',
    trigger: 'TEXT',
    scheduled_for: 'TIMESTAMP',
    duration_ms: 'INTEGER',
    pid: 'INTEGER',
    host: 'TEXT',
  },
};

const STEP_METRICS: TableSpec = {
  create: `CREATE TABLE IF NOT EXISTS step_metrics (
    run_id TEXT NOT NULL,
    step_order INTEGER NOT NULL,
    step_name TEXT NOT NULL,
    phase TEXT NOT NULL,
    step_type TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    started_at TIMESTAMP,
    duration_ms INTEGER,
    records_in INTEGER,
    records_out INTEGER,
    error_message TEXT,
    PRIMARY KEY (run_id, step_order)
  )`,
  columns: {},
};

const ALERTS: TableSpec = {
  create: `CREATE TABLE IF NOT EXISTS notification_alerts (
    pipeline_name TEXT NOT NULL,
    signature TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (pipeline_name, signature)
  )`,
  columns: {},
};

/** Create `spec`'s table when absent and add any column an older version lacks. */
export function ensureTable(db: Database, table: string, spec: TableSpec): void {
  db.exec(spec.create);
  const present = new Set(
    (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
  );
  for (const [column, type] of Object.entries(spec.columns)) {
    if (!present.has(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN "${column}" ${type}`);
  }
}

/** Bring the run tables to SCHEMA_VERSION in one transaction. */
export function migrateRunTables(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= SCHEMA_VERSION) return;
  db.transaction(() => {
    ensureTable(db, 'pipeline_runs', RUNS);
    ensureTable(db, 'step_metrics', STEP_METRICS);
    ensureTable(db, 'notification_alerts', ALERTS);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
