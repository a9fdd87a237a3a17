// The least any DuckDB reconciliation of the benchmark workspace must do, timed: load the three CSVs with
// typed columns (no trimming, no invalid-value capture: rows with an unparseable value are skipped), full-outer-join the ERP with the CRM
// and with the warehouse on the transaction id, and write one key-sorted detail row per key per
// comparison. No duplicate checks, aggregates, classification, JSON or report. It bounds what
// `sluice reconcile` can reach while its joins and detail file run in DuckDB (docs/reconcile.md).
// Usage (after run.js has generated the workspace): node dist/bench/reconcile/floor.js [--rows 5000000]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withEngine } from '../../src/core/engine.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const at = process.argv.indexOf('--rows');
const rows = at > 0 ? Number(process.argv[at + 1]) : 5_000_000;
const data = join(root, 'bench', '.data', `reconcile-${rows}`, 'data');
const out = mkdtempSync(join(tmpdir(), 'sluice-reconcile-floor-'));

/** read_csv of one benchmark file with its columns typed, skipping unparseable rows; `k` is the transaction id. */
function typed(file: string, columns: Record<string, string>): string {
  const list = Object.entries(columns)
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(', ');
  return `read_csv('${join(data, file)}', header = true, auto_detect = false, ignore_errors = true, columns = {${list}})`;
}

const AMOUNT = 'DECIMAL(18,6)';
const loads = {
  erp: typed('erp_transactions_202401.csv', {
    k: 'VARCHAR',
    customer_id: 'VARCHAR',
    order_date: 'DATE',
    product_id: 'VARCHAR',
    quantity: 'INTEGER',
    unit_price: AMOUNT,
    amount: AMOUNT,
    status: 'VARCHAR',
  }),
  crm: typed('crm_customer_orders_202401.csv', {
    k: 'VARCHAR',
    customer_id: 'VARCHAR',
    customer_name: 'VARCHAR',
    order_date: 'DATE',
    amount: AMOUNT,
    status: 'VARCHAR',
  }),
  dw: typed('dw_sales_facts_202401.csv', {
    fact_id: 'VARCHAR',
    k: 'VARCHAR',
    customer_key: 'VARCHAR',
    date_key: 'VARCHAR',
    product_key: 'VARCHAR',
    quantity: 'INTEGER',
    amount: AMOUNT,
    status: 'VARCHAR',
  }),
};

/** One detail row per key of ERP x `target`: presence, and both values of the fields that differ. */
function detail(target: string, file: string): string {
  const differs = (field: string, side: string) =>
    `CASE WHEN e.${field} IS DISTINCT FROM x.${field} THEN ${side}.${field} END`;
  return `COPY (SELECT coalesce(e.k, x.k) AS k, e.k IS NULL AS ghost, x.k IS NULL AS missing,
      ${differs('amount', 'e')} AS erp_amount, ${differs('amount', 'x')} AS other_amount,
      ${differs('status', 'e')} AS erp_status, ${differs('status', 'x')} AS other_status
    FROM erp e FULL JOIN ${target} x ON e.k = x.k ORDER BY 1) TO '${join(out, file)}' (HEADER)`;
}

const started = performance.now();
const cpuStart = process.cpuUsage();
const lap = (step: string) => {
  const cpu = process.cpuUsage(cpuStart);
  const wall = (performance.now() - started) / 1000;
  console.log(
    `${step.padEnd(22)} ${wall.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU-s`,
  );
};
try {
  await withEngine(async (engine) => {
    for (const [table, load] of Object.entries(loads)) {
      await engine.run(`CREATE TABLE ${table} AS SELECT * FROM ${load}`);
      lap(`load ${table}`);
    }
    await engine.run(detail('crm', 'erp_crm.csv'));
    lap('join + detail ERP-CRM');
    await engine.run(detail('dw', 'erp_dw.csv'));
    lap('join + detail ERP-DW');
  });
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(
  `reconcile floor, ${rows.toLocaleString('en-US')} ERP rows: ${((performance.now() - started) / 1000).toFixed(2)} s wall`,
);
